/**
 * `.migration/sources.json`: the stores the scan found while the app still used them. After
 * `apply` rewrites the code to DynamoDB, a new scan no longer sees the JSON files and SQLite
 * databases the data lives in; migrate-data then reads them from this file. It is written on
 * every migrate-data run that scanned the original code (also `--dry`), and `recordSources`
 * can be called by `plan`/`apply`, which see that code too.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { AccessModel, StoreRecord } from '../model/access-model';
import { writeFileIfChanged } from '../plan/write-file-atomic';

export const SOURCES_FILE = path.join('.migration', 'sources.json');

export interface SourceManifest {
  version: 1;
  stores: StoreRecord[];
}

/** Stores that hold data migrate-data can copy: JSON files, SQLite tables, in-memory seed data. */
export function listDataStores(model: AccessModel): StoreRecord[] {
  return model.stores.filter((store) => store.kind !== 'dynamodb');
}

/** Merges the model's data stores into the manifest (stores found before stay listed). */
export async function recordSources(dir: string, model: AccessModel): Promise<void> {
  const stores = listDataStores(model);
  if (!stores.length) return;
  const known = await readSourceManifest(dir);
  const byId = new Map((known?.stores ?? []).map((store) => [store.id, store]));
  for (const store of stores) byId.set(store.id, store);
  const manifest: SourceManifest = { version: 1, stores: [...byId.values()].sort((a, b) => a.id.localeCompare(b.id)) };
  await writeFileIfChanged(path.join(dir, SOURCES_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

export async function readSourceManifest(dir: string): Promise<SourceManifest | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, SOURCES_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(text) as SourceManifest;
    return Array.isArray(value?.stores) ? value : undefined;
  } catch {
    return undefined; // a broken manifest only loses the fallback; the scan still runs
  }
}
