/**
 * `plan` remembers where the data lives (.migration/sources.json), so migrate-data still finds
 * every record after `apply` has rewritten the code that read the JSON file or SQLite database.
 * Apply is simulated by replacing the store code with code that no longer mentions the data.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { SOURCES_FILE } from '../../src/migrate/sourceManifest';
import { loadFixture, removeCopy, startApp, stopAllApps } from '../support/replay';
import { parseJsonSummary, prepareFixture, runCommand, startDynalite, type LocalDynamo } from './support/local';

jest.setTimeout(60_000);
let local: LocalDynamo;
const copies: string[] = [];

beforeAll(async () => {
  local = await startDynalite();
});
afterAll(async () => {
  await stopAllApps();
  await local.stop();
  for (const dir of copies) await removeCopy(dir);
});

async function planned(name: string): Promise<string> {
  const dir = await prepareFixture(name); // runs the real `plan --yes`
  copies.push(dir);
  return dir;
}

/** What apply leaves behind, for the purpose of finding data: code that no longer reads it. */
async function removeStoreCode(dir: string, files: string[]): Promise<void> {
  for (const file of files) await fs.writeFile(path.join(dir, file), "'use strict';\nmodule.exports = {};\n");
}

const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => Number(a.id) - Number(b.id);

describe('sources recorded by plan', () => {
  it('JSON file: plan writes sources.json; after the store code is gone migrate-data copies every record', async () => {
    const dir = await planned('express-bookmarks-json-sync');
    const manifest = JSON.parse(await fs.readFile(path.join(dir, SOURCES_FILE), 'utf8'));
    expect(manifest.stores).toEqual([expect.objectContaining({ id: 'json:data/bookmarks.json', entity: 'Bookmark' })]);
    const source = JSON.parse(await fs.readFile(path.join(dir, 'data', 'bookmarks.json'), 'utf8')).bookmarks as Record<string, unknown>[];
    await removeStoreCode(dir, ['index.js']);

    const run = await runCommand({ dir, endpoint: local.endpoint, createTables: true, json: true });
    expect(run.code).toBe(0);
    const summary = parseJsonSummary(run);
    expect(summary.verified).toBe(true);
    expect(summary.tables.find((table) => table.table === 'Bookmarks')).toMatchObject({ source: source.length, written: source.length, verified: source.length, ok: true });
    expect((await local.scanAll('Bookmarks')).sort(byId)).toEqual(source);

    // the control: without the record, the rewritten code shows no data at all
    await fs.rm(path.join(dir, SOURCES_FILE));
    const blind = parseJsonSummary(await runCommand({ dir, dry: true, json: true }));
    expect(blind.tables).toEqual([]);
  });

  it('SQLite: the database the app created is still read table by table after its code is gone', async () => {
    const dir = await planned('express-tasks-sqlite3-callback');
    expect(existsSync(path.join(dir, SOURCES_FILE))).toBe(true);
    const app = await startApp(dir, await loadFixture(dir)); // creates and seeds tasks.sqlite
    // a read is queued after the seed insert (db.serialize), so once it answers the rows are written
    expect((await fetch(`${app.baseUrl}/api/tasks`)).status).toBe(200);
    await app.stop();
    await removeStoreCode(dir, ['database.js', 'server.js']);

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Database = require('better-sqlite3');
    const db = new Database(path.join(dir, 'tasks.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT id FROM tasks ORDER BY id').all() as { id: number }[];
    db.close();
    expect(rows.length).toBeGreaterThan(0);

    const run = await runCommand({ dir, endpoint: local.endpoint, createTables: true, json: true });
    expect(run.code).toBe(0);
    const summary = parseJsonSummary(run);
    expect(summary.verified).toBe(true);
    expect(summary.tables.find((table) => table.table === 'Tasks')).toMatchObject({ source: rows.length, verified: rows.length, ok: true });
    expect((await local.scanAll('Tasks')).map((item) => item.id).sort((a, b) => Number(a) - Number(b))).toEqual(rows.map((row) => row.id));
  });
});
