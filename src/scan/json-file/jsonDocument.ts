import type { CollectionShape } from '../memory/model';
import type { DataFile } from '../types';

export interface ParsedJson {
  ok: boolean;
  value?: unknown;
  error?: string;
  line?: number;
}

const cache = new WeakMap<DataFile, ParsedJson>();

/** Parses a JSON data file once; a parse failure is reported by the caller with its line. */
export function parseJsonFile(file: DataFile): ParsedJson {
  let parsed = cache.get(file);
  if (!parsed) {
    try {
      parsed = { ok: true, value: file.text.trim() === '' ? undefined : JSON.parse(file.text) };
    } catch (error) {
      const message = (error as Error).message;
      const position = Number(/position (\d+)/.exec(message)?.[1]);
      const line = Number.isFinite(position) ? file.text.slice(0, position).split('\n').length : 1;
      parsed = { ok: false, error: message, line };
    }
    cache.set(file, parsed);
  }
  return parsed;
}

/** What sits at `members` in a document: a collection of records (array or object keyed by id), or nothing known. */
export function collectionAt(doc: unknown, members: string[]): { shape: CollectionShape; records: Record<string, unknown>[] } | undefined {
  let value = doc;
  for (const member of members) {
    if (!isPlainObject(value)) return undefined;
    value = value[member];
  }
  if (Array.isArray(value)) {
    if (value.length > 0 && !value.some(isPlainObject)) return undefined;
    return { shape: 'array', records: value.filter(isPlainObject) };
  }
  if (isPlainObject(value) && members.length > 0 && isKeyedRecords(value)) {
    return { shape: 'object', records: Object.values(value) as Record<string, unknown>[] };
  }
  if (isPlainObject(value) && members.length === 0 && isKeyedRecords(value) && !hasArrayCollections(value)) {
    return { shape: 'object', records: Object.values(value) as Record<string, unknown>[] };
  }
  return undefined;
}

/** Property paths of the collections a document holds: `[[]]` for an array, `[['users'], ['posts']]` for `{ users: [], posts: [] }`. */
export function collectionPaths(doc: unknown): string[][] {
  if (Array.isArray(doc)) return [[]];
  if (!isPlainObject(doc)) return [];
  const paths = Object.keys(doc)
    .filter((key) => collectionAt(doc, [key]) !== undefined)
    .map((key) => [key]);
  if (paths.length > 0) return paths;
  return collectionAt(doc, []) ? [[]] : [];
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ "1": { "id": "1", … }, "2": { … } }`: every value is a record. */
function isKeyedRecords(value: Record<string, unknown>): boolean {
  const values = Object.values(value);
  return values.length > 0 && values.every(isPlainObject);
}

function hasArrayCollections(value: Record<string, unknown>): boolean {
  return Object.values(value).some(Array.isArray);
}

/** The JSON type name of a value, in the access model's vocabulary. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}
