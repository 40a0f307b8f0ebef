import { findSqlCallSites } from '../../../src/scan/sqlite';
import type { SqlCallSite } from '../../../src/scan/sqlite';
import { scanSqlite } from './scanSqlite';

/** One line per call site: where, driver.method, how the result is used. */
function describeSites(sites: SqlCallSite[]): string[] {
  return sites.map((site) => {
    const line = site.path.node.loc?.start.line;
    const result = [
      site.result.style,
      site.result.insertedIdUses.length > 0 ? `id:${site.result.insertedIdUses.length}` : '',
      site.result.changesUses.length > 0 ? `changes:${site.result.changesUses.length}` : '',
      site.inTransaction ? 'tx' : '',
    ].filter(Boolean);
    return `${site.file.rel}:${line} ${site.driver}.${site.method} ${result.join(' ')}`;
  });
}

describe('findSqlCallSites: what the transform needs at each place SQL runs', () => {
  it('sqlite3: callbacks with this.lastID / this.changes, serialize, util.promisify wrappers', () => {
    const scan = scanSqlite({
      'db.js': `
const sqlite3 = require('sqlite3');
const util = require('util');
const db = new sqlite3.Database(':memory:');
db.serialize(() => {
  db.run('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
});
const all = util.promisify(db.all.bind(db));
exports.add = (body, cb) => db.run('INSERT INTO notes (body) VALUES (?)', [body], function (err) { cb(err, this.lastID); });
exports.del = (id, cb) => db.run('DELETE FROM notes WHERE id = ?', id, function (err) { cb(err, this.changes > 0, this.changes); });
exports.list = () => all('SELECT * FROM notes');
exports.read = (id, cb) => db.get('SELECT * FROM notes WHERE id = ?', [id], (err, row) => cb(err, row));
`,
    });
    expect(describeSites(findSqlCallSites(scan.ctx))).toEqual([
      'db.js:6 sqlite3-callback.run ignored tx',
      'db.js:9 sqlite3-callback.run callback id:1',
      'db.js:10 sqlite3-callback.run callback changes:2',
      'db.js:11 sqlite3-callback.all value',
      'db.js:12 sqlite3-callback.get callback',
    ]);
    expect(scan.ops).toEqual(['create Note@db.js:9', 'delete Note@db.js:10', 'list Note@db.js:11', 'read-by-id Note@db.js:12']);
  });

  it('better-sqlite3: info.lastInsertRowid / destructured changes, db.transaction, and the parsed SQL per site', () => {
    const scan = scanSqlite({
      'db.ts': `
import Database from 'better-sqlite3';
const db = new Database('app.db');
const insert = db.prepare('INSERT INTO items (name) VALUES (@name)');
const move = db.transaction((ids: number[], box: number) => {
  for (const id of ids) db.prepare('UPDATE items SET box = ? WHERE id = ?').run(box, id);
});
export function add(name: string) {
  const info = insert.run({ name });
  return Number(info.lastInsertRowid);
}
export function remove(id: number) {
  const { changes } = db.prepare('DELETE FROM items WHERE id = ?').run(id);
  return changes === 1;
}
export { move };
`,
    });
    const sites = findSqlCallSites(scan.ctx);
    expect(describeSites(sites)).toEqual(['db.ts:6 better-sqlite3.run ignored tx', 'db.ts:9 better-sqlite3.run value id:1', 'db.ts:13 better-sqlite3.run value changes:1']);
    const add = sites[1];
    expect(add.variants.map((v) => v.text)).toEqual(['INSERT INTO items (name) VALUES (@name)']);
    expect(add.variants[0].parsed.parsed[0].ast?.type).toBe('insert');
    expect(add.variants[0].statements[0]?.insert?.columns).toEqual(['name']);
    expect(add.prepare?.declaration?.toString()).toBe("insert = db.prepare('INSERT INTO items (name) VALUES (@name)')");
    expect(add.bindings.map((b) => [b.written, b.argument?.toString()])).toEqual([['@name', 'name']]);
    expect(add.sqlLocation).toEqual({ file: 'db.ts', line: 4 });
  });

  it('sqlite wrapper: awaited results with lastID and changes; interpolated values listed per site', () => {
    const scan = scanSqlite({
      'repo.ts': `
import { open } from 'sqlite';
import sqlite3 from 'sqlite3';
const ready = open({ filename: 'x.db', driver: sqlite3.Database });
export async function create(title: string) {
  const db = await ready;
  const result = await db.run('INSERT INTO books (title) VALUES (?)', title);
  return result.lastID;
}
export async function rename(id: number, title: string) {
  const db = await ready;
  const { changes } = await db.run(\`UPDATE books SET title = '\${title}' WHERE id = ?\`, id);
  return changes;
}
`,
    });
    const sites = findSqlCallSites(scan.ctx);
    expect(describeSites(sites)).toEqual(['repo.ts:7 sqlite-wrapper.run value id:1', 'repo.ts:12 sqlite-wrapper.run value changes:1']);
    expect(sites[1].interpolatedValues.map((h) => h.path.toString())).toEqual(['title']);
    expect(sites[1].variants[0].text).toBe('UPDATE books SET title = :__i1 WHERE id = ?');
    expect(sites[1].bindings.map((b) => [b.written, b.argument?.toString()])).toEqual([['?', 'id']]);
  });
});

describe('entity names from table names', () => {
  it('singular PascalCase: order_items → OrderItem, people → Person, categories → Category, news → News', () => {
    const scan = scanSqlite({
      'db.js': `
const Database = require('better-sqlite3');
const db = new Database('x.db');
db.exec('CREATE TABLE order_items (id INTEGER PRIMARY KEY); CREATE TABLE people (id INTEGER PRIMARY KEY); CREATE TABLE categories (id INTEGER PRIMARY KEY); CREATE TABLE news (id INTEGER PRIMARY KEY)');
`,
    });
    expect(scan.stores.map((s) => `${s.id} ${s.entity}`)).toEqual([
      'sqlite:x.db#order_items OrderItem',
      'sqlite:x.db#people Person',
      'sqlite:x.db#categories Category',
      'sqlite:x.db#news News',
    ]);
  });
});
