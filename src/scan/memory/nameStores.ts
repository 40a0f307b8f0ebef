import * as nodePath from 'node:path';
import type { StoreKind } from '../../model/access-model';
import { toEntityName } from '../naming';
import type { DataStore, JsonSourceRef } from './model';

/** Property names too generic to name an entity (`this.items` in `UserRepository` → `User`). */
const GENERIC = /^_*(items|data|records|list|store|db|cache|entries|rows|collection|all|values|docs|documents|state)$/i;
const GENERIC_FILES = /^(db|data|database|store|storage|records|items)$/i;

/** The singular PascalCase entity a store holds. */
export function entityNameOf(store: DataStore): string {
  if (store.typeName) return store.typeName;
  const last = store.binding.split('.').pop() ?? store.binding;
  if (store.family === 'memory') {
    if (GENERIC.test(last) && store.className) return toEntityName(store.className.replace(/(Repository|Repo|Service|Store|Model|Dao|DAO|Manager)$/, '') || store.className);
    return toEntityName(last.replace(/^[_#]+/, ''));
  }
  const members = store.json?.members ?? [];
  if (members.length > 0) return toEntityName(members[members.length - 1]);
  const source = store.json?.source ?? store.json?.display ?? '';
  const base = nodePath.posix.basename(source).replace(/\.[^.]+$/, '');
  if (base && !GENERIC_FILES.test(base)) return toEntityName(base);
  return toEntityName(store.binding || base || 'item');
}

/** The store id convention of the access model: `<file>#<binding>` or `json:<data file>[#<key>]`. */
export function storeIdOf(store: DataStore, all: DataStore[]): string {
  if (store.family === 'memory') {
    const binding = store.className && !store.binding.includes('.') ? `${store.className}.${store.binding}` : store.binding;
    return `${store.file.rel}#${binding}`;
  }
  const json = store.json!;
  const fileKey = json.source ?? json.display;
  const siblings = all.filter((s) => s.json && (s.json.source ?? s.json.display) === fileKey);
  return siblings.length > 1 && json.members.length > 0 ? `json:${fileKey}#${json.members.join('.')}` : `json:${fileKey}`;
}

const API_KIND: Record<JsonSourceRef['api'], StoreKind> = {
  sync: 'json-file-sync',
  callback: 'json-file-callback',
  promises: 'json-file-promises',
  require: 'json-require',
  import: 'json-import',
};

/**
 * The kind of a store. A JSON file the app writes back is a `json-file-*` store named after how it
 * is written; one only loaded (require/import, or read and mutated in memory) after how it is read.
 */
export function storeKindOf(store: DataStore): StoreKind {
  if (store.family === 'memory') return store.shape === 'map' ? 'in-memory-map' : store.shape === 'object' ? 'in-memory-object-map' : 'in-memory-array';
  const json = store.json!;
  const byPosition = (a: JsonSourceRef, b: JsonSourceRef): number =>
    a.file.rel < b.file.rel ? -1 : a.file.rel > b.file.rel ? 1 : (a.path.node.start ?? 0) - (b.path.node.start ?? 0);
  const writes = [...json.writes].sort(byPosition);
  if (writes.length > 0) return API_KIND[writes[0].api];
  const reads = [...json.refs].sort(byPosition);
  return reads.length > 0 ? API_KIND[reads[0].api] : 'json-file-sync';
}

/** Where the store is reported: the declaration, or the first read of the JSON file (else its first write). */
export function firstRefOf(store: DataStore): JsonSourceRef | undefined {
  const json = store.json;
  if (!json) return undefined;
  const sorted = (refs: JsonSourceRef[]): JsonSourceRef[] =>
    [...refs].sort((a, b) => (a.file.rel < b.file.rel ? -1 : a.file.rel > b.file.rel ? 1 : (a.path.node.start ?? 0) - (b.path.node.start ?? 0)));
  return sorted(json.refs)[0] ?? sorted(json.writes)[0];
}
