/**
 * Every place existing records live, from the access model: JSON data files, SQLite tables, seed
 * data declared in code, plus what survives `apply` (the seed files it writes under
 * `.migration/seed/`, and the data files listed in `.migration/sources.json`).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { AccessModel, StoreRecord } from '../model/access-model';
import type { TableDesign } from '../model/table-design';
import { createJsonSource, createSqliteSource, fingerprintFile } from './readers/dataFileSources';
import { readJsonRecords } from './readers/readJsonRecords';
import { createSeedSource } from './seeds/createSeedSource';
import { listDataStores, readSourceManifest } from './sourceManifest';
import type { MigrationSource, SourceProblem } from './types';

export const SEED_DIR = path.join('.migration', 'seed');

export interface FoundSources {
  sources: MigrationSource[];
  notes: string[];
}

const JSON_KINDS = new Set(['json-file-sync', 'json-file-callback', 'json-file-promises', 'json-require', 'json-import']);
const SQLITE_KINDS = new Set(['better-sqlite3', 'sqlite3-callback', 'sqlite-wrapper']);
const MEMORY_KINDS = new Set(['in-memory-array', 'in-memory-map', 'in-memory-object-map']);

export async function findSources(root: string, model: AccessModel, design: TableDesign, now: Date): Promise<FoundSources> {
  const notes: string[] = [];
  const stores = listDataStores(model);
  const manifest = await readSourceManifest(root);
  for (const store of manifest?.stores ?? []) {
    if (!stores.some((known) => known.id === store.id) && (JSON_KINDS.has(store.kind) || SQLITE_KINDS.has(store.kind))) stores.push(store);
  }
  const seedFiles = await readSeedFiles(root);
  const coveredBySeedFile = new Set(seedFiles.flatMap((seed) => seed.from));

  const groups = new Map<string, { store: StoreRecord; ids: string[] }>();
  for (const store of stores) {
    if (!design.entities[store.entity]) {
      notes.push(`${store.id} (${store.file}:${store.line}) holds ${store.entity} records, but the design has no entity ${store.entity}: run plan again to include it`);
      continue;
    }
    if (MEMORY_KINDS.has(store.kind) && coveredBySeedFile.has(store.id)) continue;
    const group = `${store.entity}|${JSON_KINDS.has(store.kind) ? `json:${store.source}` : SQLITE_KINDS.has(store.kind) ? `sqlite:${store.source}#${getSqliteTable(store)}` : `seed:${store.id}`}`;
    const known = groups.get(group);
    if (known) known.ids.push(store.id);
    else groups.set(group, { store, ids: [store.id] });
  }

  const sources: MigrationSource[] = [];
  for (const { store, ids } of groups.values()) {
    if (JSON_KINDS.has(store.kind) || SQLITE_KINDS.has(store.kind)) {
      if (!store.source) {
        notes.push(`${store.id} (${store.file}:${store.line}): the data file could not be worked out from the code, so its ${store.entity} records are not copied`);
        continue;
      }
      if (JSON_KINDS.has(store.kind)) sources.push(await createJsonSource(root, store.source, store.entity, ids));
      else sources.push(createSqliteSource(root, store.source, getSqliteTable(store), store.entity, ids, design.entities[store.entity].attributes ?? {}));
    } else if (MEMORY_KINDS.has(store.kind)) {
      sources.push(await createSeedSource(root, store, ids, now));
    }
  }
  for (const seed of seedFiles) {
    if (!design.entities[seed.entity]) {
      notes.push(`${seed.file} holds ${seed.entity} records, but the design has no entity ${seed.entity}`);
      continue;
    }
    sources.push(createSeedFileSource(root, seed));
  }
  sources.sort((a, b) => a.entity.localeCompare(b.entity) || a.label.localeCompare(b.label));
  const served = new Set(sources.map((source) => source.entity));
  const appliedAlready = model.stores.some((store) => store.kind === 'dynamodb');
  for (const entity of Object.keys(design.entities).sort()) {
    // before apply, an entity without a store simply has no records to copy
    if (served.has(entity) || !appliedAlready) continue;
    notes.push(
      `no records source found for ${entity}: the code already uses DynamoDB, so the scan no longer sees where its data was. ` +
        `Run migrate-data (e.g. --dry) on the code before apply once, so .migration/sources.json remembers the data files, then run it again here`,
    );
  }
  return { sources, notes };
}

function getSqliteTable(store: StoreRecord): string {
  const hash = store.id.lastIndexOf('#');
  return hash === -1 ? store.entity : store.id.slice(hash + 1);
}

interface SeedFile {
  file: string;
  entity: string;
  from: string[];
}

/** `.migration/seed/<Entity>.json` written by apply: `{ entity, table, from, records }`. */
async function readSeedFiles(root: string): Promise<SeedFile[]> {
  const dir = path.join(root, SEED_DIR);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const seeds: SeedFile[] = [];
  for (const name of names.filter((entry) => entry.endsWith('.json')).sort()) {
    const file = path.posix.join('.migration', 'seed', name);
    let header: { entity?: unknown; from?: unknown };
    try {
      header = JSON.parse(await fs.readFile(path.join(dir, name), 'utf8'));
    } catch {
      header = {};
    }
    const entity = typeof header.entity === 'string' ? header.entity : name.replace(/\.json$/, '');
    const from = typeof header.from === 'string' ? header.from.split(',').map((id) => id.trim()).filter(Boolean) : [];
    seeds.push({ file, entity, from });
  }
  return seeds;
}

function createSeedFileSource(root: string, seed: SeedFile): MigrationSource {
  const abs = path.join(root, seed.file);
  const problems: SourceProblem[] = [];
  return {
    stores: seed.from,
    entity: seed.entity,
    kind: 'seed-file',
    file: seed.file,
    label: `${seed.file} (seed data saved by apply)`,
    problems,
    notes: [],
    count: async () => undefined,
    // an array file (written by hand, as apply's TODO suggests) or apply's `{ records: [...] }`
    read: () => readSeedFileRecords(abs, seed.file),
    fingerprint: () => fingerprintFile(abs),
  };
}

async function* readSeedFileRecords(abs: string, rel: string) {
  const text = await fs.readFile(abs, 'utf8');
  const array = text.trimStart().startsWith('[');
  yield* readJsonRecords(abs, rel, { members: array ? [] : ['records'], shape: 'array' });
}
