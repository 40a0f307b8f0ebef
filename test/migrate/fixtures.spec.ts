/**
 * migrate-data on whole fixture apps, against dynalite on 127.0.0.1: the design comes from the
 * real `plan`, the records from the apps' own JSON files, seed code and SQLite database (created
 * by starting the app), and what landed is checked with a direct Scan against the source data.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { TableDesign } from '../../src/model/table-design';
import { CHECKPOINT_FILE } from '../../src/migrate/checkpoint';
import { loadFixture, removeCopy, startApp, stopAllApps } from '../support/replay';
import { parseJsonSummary, prepareFixture, runCommand, startDynalite, type LocalDynamo } from './support/local';

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

async function fixture(name: string, ...rest: Parameters<typeof prepareFixture> extends [string, ...infer R] ? R : never): Promise<string> {
  const dir = await prepareFixture(name, ...rest);
  copies.push(dir);
  return dir;
}

const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => Number(a.id) - Number(b.id) || String(a.id).localeCompare(String(b.id));

async function readDesign(dir: string): Promise<TableDesign> {
  return JSON.parse(await fs.readFile(path.join(dir, '.migration', 'dynamodb.json'), 'utf8'));
}

describe('migrate-data on fixture apps (dynalite)', () => {
  it('express-bookmarks-json-sync: every record of `{ "bookmarks": [...] }` lands and is verified; a re-run changes nothing', async () => {
    const dir = await fixture('express-bookmarks-json-sync');
    const source = JSON.parse(await fs.readFile(path.join(dir, 'data', 'bookmarks.json'), 'utf8')).bookmarks as Record<string, unknown>[];

    const first = await runCommand({ dir, endpoint: local.endpoint, createTables: true, json: true });
    expect(first.code).toBe(0);
    const summary = parseJsonSummary(first);
    expect(summary.verified).toBe(true);
    expect(summary.tables.map(({ table, source: count, written, verified, ok }) => ({ table, count, written, verified, ok }))).toEqual([
      { table: 'Bookmarks', count: source.length, written: source.length, verified: source.length, ok: true },
      { table: 'Counters', count: 1, written: 1, verified: 1, ok: true },
    ]);
    expect((await local.scanAll('Bookmarks')).sort(byId)).toEqual(source);
    const highest = Math.max(...source.map((record) => Number(record.id)));
    expect(await local.scanAll('Counters')).toContainEqual({ counter: 'Bookmark', value: highest });
    expect(existsSync(path.join(dir, CHECKPOINT_FILE))).toBe(false);

    const again = await runCommand({ dir, endpoint: local.endpoint, json: true });
    expect(again.code).toBe(0);
    expect(parseJsonSummary(again).tables[0]).toMatchObject({ table: 'Bookmarks', source: source.length, written: source.length, verified: source.length, ok: true });
    expect((await local.scanAll('Bookmarks')).sort(byId)).toEqual(source);
  });

  it('express-products-json-require: the table name comes from the env var of the design (contract 3)', async () => {
    const dir = await fixture('express-products-json-require');
    const source = JSON.parse(await fs.readFile(path.join(dir, 'data', 'products.json'), 'utf8')) as Record<string, unknown>[];
    const env = { ...process.env, PRODUCTS_TABLE_NAME: 'products-staging', COUNTERS_TABLE_NAME: 'counters-staging' };
    const run = await runCommand({ dir, endpoint: local.endpoint, createTables: true, json: true, library: { env } });
    expect(run.code).toBe(0);
    expect(parseJsonSummary(run).tables.map((table) => table.table)).toEqual(['products-staging', 'counters-staging']);
    expect((await local.scanAll('products-staging')).sort(byId)).toEqual(source);
    expect(await local.scanAll('counters-staging')).toEqual([{ counter: 'Product', value: source.length }]);
  });

  it('express-notes-array: seed data declared in code is evaluated, copied and verified', async () => {
    const dir = await fixture('express-notes-array');
    const run = await runCommand({ dir, endpoint: local.endpoint, createTables: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Notes\s+3\s+3\s+3\s+ok/);
    expect(run.stdout).toContain('Every record was read back and matches.');
    expect((await local.scanAll('Notes')).sort(byId)).toEqual([
      { id: 1, title: 'Welcome', content: 'This is your first note. Edit or delete it!', createdAt: '2024-01-10T09:00:00.000Z' },
      { id: 2, title: 'Groceries', content: 'Milk, eggs, bread', createdAt: '2024-01-11T18:30:00.000Z' },
      { id: 3, title: 'Homework', content: 'Finish the Express CRUD exercise', createdAt: '2024-01-12T08:15:00.000Z' },
    ]);
  });

  it('express-blog-better-sqlite3: rows of the database the app created, with booleans, guards, derived keys and renamed columns', async () => {
    const dir = await fixture('express-blog-better-sqlite3');
    const app = await startApp(dir, await loadFixture(dir)); // the app creates blog.db and seeds it
    await app.stop();
    expect(existsSync(path.join(dir, 'blog.db'))).toBe(true);

    // post_tags has a composite primary key (post_id, tag_id): plan keys it on both, so its rows are distinct items
    const design = await readDesign(dir);
    expect(design.tables.find((table) => table.name === 'PostTags')).toMatchObject({ partitionKey: { name: 'post_id', type: 'number' }, sortKey: { name: 'tag_id', type: 'number' } });

    // a person edits the design: Comment attributes named as the API names them
    const comment = design.entities.Comment;
    comment.attributes = { id: 'number', postId: 'number', authorName: 'string', body: 'string', createdAt: 'string' };
    const comments = design.tables.find((table) => table.name === 'Comments')!;
    comments.gsis = comments.gsis.map((gsi) => ({ ...gsi, name: 'postId-createdAt-index', partitionKey: { name: 'postId', type: 'number' }, sortKey: { name: 'createdAt', type: 'string' } }));
    await fs.writeFile(path.join(dir, '.migration', 'dynamodb.json'), JSON.stringify(design, null, 2));

    const run = await runCommand({ dir, endpoint: local.endpoint, createTables: true, json: true });
    expect(run.code).toBe(0);
    const summary = parseJsonSummary(run);
    expect(summary.verified).toBe(true);
    expect(Object.fromEntries(summary.tables.map((table) => [table.table, [table.source, table.verified, table.ok]]))).toEqual({
      Authors: [2, 2, true],
      Comments: [2, 2, true],
      Posts: [2, 2, true],
      PostTags: [2, 2, true],
      Tags: [2, 2, true],
      Counters: [4, 4, true],
      UniqueValues: [6, 6, true],
    });

    // every row, read straight from SQLite, is an item
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Database = require('better-sqlite3');
    const db = new Database(path.join(dir, 'blog.db'), { readonly: true });
    try {
      const posts = db.prepare('SELECT * FROM posts ORDER BY id').all() as Record<string, unknown>[];
      expect((await local.scanAll('Posts')).sort(byId)).toEqual(posts.map((row) => ({ ...row, published: row.published === 1, publishedKey: String(row.published === 1) })));
      const commentRows = db.prepare('SELECT * FROM comments ORDER BY id').all() as Record<string, unknown>[];
      expect((await local.scanAll('Comments')).sort(byId)).toEqual(commentRows.map((row) => ({ id: row.id, postId: row.post_id, authorName: row.author_name, body: row.body, createdAt: row.created_at })));
      const authors = db.prepare('SELECT * FROM authors ORDER BY id').all() as Record<string, unknown>[];
      expect((await local.scanAll('Authors')).sort(byId)).toEqual(authors.map((row) => Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined))));
      const guards = await local.scanAll('UniqueValues');
      for (const author of authors) expect(guards).toContainEqual({ uniqueKey: `Author#email#${author.email}`, id: author.id });
      expect(guards).toContainEqual({ uniqueKey: 'Post#slug#finding-the-first-bug', id: 2 });
      expect((await local.scanAll('PostTags')).sort((a, b) => Number(a.tag_id) - Number(b.tag_id))).toEqual(db.prepare('SELECT * FROM post_tags ORDER BY tag_id').all());
      const blogCounters = (await local.scanAll('Counters')).filter((item) => ['Author', 'Comment', 'Post', 'Tag'].includes(String(item.counter))); // other tests share the table
      expect(blogCounters.sort((a, b) => String(a.counter).localeCompare(String(b.counter)))).toEqual([
        { counter: 'Author', value: 2 },
        { counter: 'Comment', value: 2 },
        { counter: 'Post', value: 2 },
        { counter: 'Tag', value: 2 },
      ]);
    } finally {
      db.close();
    }
  });
});
