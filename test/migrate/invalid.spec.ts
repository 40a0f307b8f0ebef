/**
 * Bad input is found before anything is written: records without their key, keys that repeat,
 * items over 400 KB, seed records that cannot be evaluated. The run refuses (exit 1, nothing
 * written) unless --skip-invalid, which copies the rest and lists what it left out. --dry writes
 * nothing at all.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { removeCopy } from '../support/fixture-files';
import { parseJsonSummary, prepareFixture, runCommand, startDynalite, type LocalDynamo } from './support/local';

let local: LocalDynamo;
const copies: string[] = [];

beforeAll(async () => {
  local = await startDynalite();
});
afterAll(async () => {
  await local.stop();
  for (const dir of copies) await removeCopy(dir);
});

async function listTables(): Promise<string[]> {
  return (await local.doc.send(new ListTablesCommand({}))).TableNames ?? [];
}

/** The bookmarks app, with its data file replaced after plan (the design stays as plan made it). */
async function bookmarksWith(records: unknown[]): Promise<string> {
  const dir = await prepareFixture('express-bookmarks-json-sync');
  copies.push(dir);
  await fs.writeFile(path.join(dir, 'data', 'bookmarks.json'), JSON.stringify({ bookmarks: records }, null, 2));
  return dir;
}

const good = (id: number) => ({ id, title: `Bookmark ${id}`, url: `https://example.com/${id}`, tags: ['x'], createdAt: '2024-03-01T08:00:00.000Z' });

describe('invalid input', () => {
  it('refuses records without a key, repeated keys and items over 400 KB, and writes nothing', async () => {
    const dir = await bookmarksWith([good(1), { title: 'no id' }, good(2), { ...good(1), title: 'same id again' }, { ...good(3), notes: 'x'.repeat(420 * 1024) }, 'not a record', { ...good(4), id: 'four' }]);
    const run = await runCommand({ dir, endpoint: local.endpoint, createTables: true, json: true });
    expect(run.code).toBe(1);
    const summary = parseJsonSummary(run);
    expect(summary.refused).toBe(true);
    expect(summary.verified).toBe(false);
    expect(summary.invalid.map((record) => [record.ref, record.problems[0]])).toEqual([
      ['data/bookmarks.json:12', 'has no id (the table\'s partition key)'],
      ['data/bookmarks.json:24', 'duplicate key id=1: data/bookmarks.json:3 has the same key (only one item per key can exist)'],
      ['data/bookmarks.json:33', expect.stringMatching(/^the item is 42\d KB, over DynamoDB's 400 KB item limit$/)],
      ['data/bookmarks.json:43', 'not a record (an object) but string'],
      ['data/bookmarks.json:44', 'key id must be a number, not text "four"'],
    ]);
    expect(summary.tables.every((table) => table.written === 0)).toBe(true);
    expect(await listTables()).toEqual([]); // refused before creating or writing anything
    expect(run.stderr).toContain('invalid (5):');
  });

  it('with --skip-invalid copies the valid records, verifies them and lists what it skipped', async () => {
    const dir = await bookmarksWith([good(1), { title: 'no id' }, good(2), { ...good(1), title: 'same id again' }]);
    const run = await runCommand({ dir, endpoint: local.endpoint, createTables: true, skipInvalid: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Bookmarks\s+2\s+2\s+2\s+ok/);
    expect(run.stdout).toContain('Skipped 2 invalid records (--skip-invalid), listed below.');
    expect(run.stderr).toContain('skipped (2):');
    expect(run.stderr).toContain('data/bookmarks.json:24 (id=1): duplicate key id=1: data/bookmarks.json:3 has the same key');
    const items = await local.scanAll('Bookmarks');
    expect(items.sort((a, b) => Number(a.id) - Number(b.id))).toEqual([good(1), good(2)]); // the first id=1 is kept
  });

  it('--dry reads and validates every record and writes nothing', async () => {
    const dir = await bookmarksWith([good(10), good(11), good(12)]);
    const before = await listTables();
    const run = await runCommand({ dir, endpoint: local.endpoint, createTables: true, dry: true, json: true });
    expect(run.code).toBe(0);
    const summary = parseJsonSummary(run);
    expect(summary.tables.map((table) => [table.table, table.source, table.written])).toEqual([
      ['Bookmarks', 3, 0],
      ['Counters', 1, 0],
    ]);
    expect(await listTables()).toEqual(before);
  });

  it('names missing tables instead of writing when --create-tables is not given', async () => {
    const dir = await prepareFixture('express-products-json-require');
    copies.push(dir);
    const run = await runCommand({ dir, endpoint: local.endpoint });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('migrate-data: missing table Products: deploy the stack first, or pass --create-tables to create it from the design\n');
  });

  it('refuses seed records it cannot evaluate, with file:line', async () => {
    const dir = await prepareFixture('express-notes-array', {}, async (copy) => {
      const server = path.join(copy, 'server.js');
      const text = await fs.readFile(server, 'utf8');
      await fs.writeFile(server, text.replace("    id: 2,\n", "    id: 2,\n    owner: lookupOwner(),\n"));
    });
    copies.push(dir);
    const run = await runCommand({ dir, endpoint: local.endpoint, createTables: true, json: true });
    expect(run.code).toBe(1);
    const summary = parseJsonSummary(run);
    expect(summary.invalid).toEqual([{ entity: 'Note', ref: 'server.js:19', problems: ['this seed record cannot be read without running the app (calls lookupOwner(), which only running the app can answer); it is not copied'] }]);
  });
});
