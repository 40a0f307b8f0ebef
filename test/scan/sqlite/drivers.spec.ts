import { scanSqlite } from './scanSqlite';

describe('SQLite drivers: stores and operations', () => {
  it('better-sqlite3, CommonJS JS: prepare().get/all/run, db.exec schema, db file next to the module', () => {
    const scan = scanSqlite({
      'src/db.js': `
const path = require('path');
const Database = require('better-sqlite3');
const db = new Database(path.join(__dirname, '..', 'data', 'app.db'));
db.exec('CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, email TEXT UNIQUE)');
module.exports = db;
`,
      'src/routes.js': `
const db = require('./db');
function list() { return db.prepare('SELECT * FROM users').all(); }
function get(id) { return db.prepare('SELECT * FROM users WHERE id = ?').get(id); }
function create(name, email) {
  const info = db.prepare('INSERT INTO users (name, email) VALUES (?, ?)').run(name, email);
  return info.lastInsertRowid;
}
function remove(id) { return db.prepare('DELETE FROM users WHERE id = ?').run(id).changes; }
module.exports = { list, get, create, remove };
`,
    });
    expect(scan.stores.map((s) => [s.id, s.kind, s.entity, s.file, s.line, s.source])).toEqual([
      ['sqlite:data/app.db#users', 'better-sqlite3', 'User', 'src/db.js', 5, 'data/app.db'],
    ]);
    expect(scan.ops).toEqual([
      'create User unique:email@src/routes.js:6',
      'delete User@src/routes.js:9',
      'list User@src/routes.js:3',
      'read-by-id User@src/routes.js:4',
    ]);
  });

  it('a database file chosen at run time between :memory: (tests) and a file: the file is the store', () => {
    const scan = scanSqlite({
      'db/index.js': `
const path = require('path');
const Database = require('better-sqlite3');
const dbPath = path.join(__dirname, 'books.db');
const db = new Database(process.env.NODE_ENV === 'test' ? ':memory:' : dbPath);
db.exec('CREATE TABLE book (book_id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL)');
module.exports = { db };
`,
    });
    expect(scan.stores.map((s) => [s.id, s.source])).toEqual([['sqlite:db/books.db#book', 'db/books.db']]);
  });

  it('better-sqlite3, ESM TypeScript: default import, typed db, :memory:', () => {
    const scan = scanSqlite({
      'db.ts': `
import Database from 'better-sqlite3';
export const db: Database.Database = new Database(':memory:');
db.exec(\`CREATE TABLE notes (id TEXT PRIMARY KEY, title TEXT NOT NULL, done BOOLEAN DEFAULT 0)\`);
`,
      'notes.ts': `
import { db } from './db';
import { randomUUID } from 'node:crypto';
export function addNote(title: string) {
  const id = randomUUID();
  db.prepare('INSERT INTO notes (id, title) VALUES (?, ?)').run(id, title);
  return id;
}
export const openNotes = () => db.prepare('SELECT * FROM notes WHERE done = 0').all() as { id: string }[];
`,
    });
    expect(scan.stores.map((s) => s.id)).toEqual(['sqlite::memory:#notes']);
    expect(scan.ops).toEqual(['create Note@notes.ts:6', 'filter-by-attr Note(done)@notes.ts:9']);
    const create = scan.evidence.find((e) => e.source === 'create');
    expect(create?.idStrategy).toBe('uuid');
    const schema = scan.evidence.find((e) => e.source === 'schema');
    expect(schema?.key).toEqual({ name: 'id', type: 'string' });
    expect(schema?.fields).toEqual([
      { name: 'id', type: 'string' },
      { name: 'title', type: 'string' },
      { name: 'done', type: 'boolean' },
    ]);
  });

  it('sqlite3 callback API, CommonJS: verbose(), db.run/get/all/each, this.lastID / this.changes', () => {
    const scan = scanSqlite({
      'database.js': `
var sqlite3 = require('sqlite3').verbose();
var db = new sqlite3.Database('./todos.sqlite');
db.serialize(() => {
  db.run('CREATE TABLE IF NOT EXISTS todos (id INTEGER PRIMARY KEY, text TEXT, done INTEGER DEFAULT 0)');
});
module.exports = db;
`,
      'app.js': `
var db = require('./database');
exports.all = (cb) => db.all('SELECT * FROM todos ORDER BY id DESC', [], cb);
exports.each = (cb) => db.each('SELECT * FROM todos WHERE done = ?', [1], cb);
exports.add = (text, cb) => db.run('INSERT INTO todos (text) VALUES (?)', [text], function (err) { cb(err, this.lastID); });
exports.toggle = (id, cb) => db.run('UPDATE todos SET done = 1 - done WHERE id = ?', id, function (err) { cb(err, this.changes); });
`,
    });
    expect(scan.stores.map((s) => [s.id, s.kind])).toEqual([['sqlite:todos.sqlite#todos', 'sqlite3-callback']]);
    expect(scan.ops).toEqual([
      'create Todo@app.js:5',
      'filter-by-attr Todo(done)@app.js:4',
      'list Todo@app.js:3',
      'sort Todo(id) desc@app.js:3',
      'update Todo(done)@app.js:6',
    ]);
  });

  it('sqlite3 in ESM with a named Database import', () => {
    const scan = scanSqlite({
      'db.mjs': `
import sqlite3 from 'sqlite3';
const { Database } = sqlite3;
export const db = new sqlite3.Database('shop.db');
export function findProduct(id, cb) { db.get('SELECT * FROM products WHERE sku = ?', [id], cb); }
`,
    });
    expect(scan.stores.map((s) => [s.id, s.kind])).toEqual([['sqlite:shop.db#products', 'sqlite3-callback']]);
    expect(scan.ops).toEqual(['filter-by-attr Product(sku)@db.mjs:5']);
    expect(scan.codes).toContain('info sql-table-without-schema db.mjs:4');
  });

  it('sqlite wrapper (TypeScript ESM): open({ filename, driver }) in a factory, promise get/all/run/exec', () => {
    const scan = scanSqlite({
      'src/db.ts': `
import sqlite3 from 'sqlite3';
import { open, Database } from 'sqlite';
export async function getDb(file = 'app.sqlite'): Promise<Database> {
  const db = await open({ filename: file, driver: sqlite3.Database });
  await db.exec('CREATE TABLE IF NOT EXISTS posts (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT, user_id INTEGER)');
  return db;
}
`,
      'src/service.ts': `
import { getDb } from './db';
export async function postsOf(userId: number) {
  const db = await getDb();
  return db.all('SELECT * FROM posts WHERE user_id = ? LIMIT 20', userId);
}
export async function addPost(title: string) {
  const db = await getDb();
  const result = await db.run('INSERT INTO posts (title) VALUES (?)', title);
  return result.lastID;
}
`,
    });
    expect(scan.stores.map((s) => [s.id, s.kind, s.file, s.line])).toEqual([['sqlite:app.sqlite#posts', 'sqlite-wrapper', 'src/db.ts', 6]]);
    expect(scan.ops).toEqual(['create Post@src/service.ts:9', 'filter-by-attr Post(user_id)@src/service.ts:5', 'paginate Post limit@src/service.ts:5']);
  });

  it('sqlite wrapper in CommonJS JS with sqlite.open and the db file from an env default', () => {
    const scan = scanSqlite({
      'store.js': `
const sqlite = require('sqlite');
const sqlite3 = require('sqlite3');
let dbPromise = sqlite.open({ filename: process.env.DB_PATH || './var/data.db', driver: sqlite3.Database });
async function findByEmail(email) {
  const db = await dbPromise;
  return db.get('SELECT * FROM accounts WHERE email = $email', { $email: email });
}
module.exports = { findByEmail };
`,
    });
    expect(scan.stores.map((s) => [s.id, s.kind])).toEqual([['sqlite:var/data.db#accounts', 'sqlite-wrapper']]);
    expect(scan.ops).toEqual(['filter-by-attr Account(email)@store.js:7']);
  });

  it('names the store after the expression when the database file is only known at run time', () => {
    const scan = scanSqlite({
      'db.js': `
const Database = require('better-sqlite3');
const db = new Database(process.env.DATABASE_FILE);
module.exports.count = () => db.prepare('SELECT COUNT(*) AS count FROM people').get();
`,
    });
    expect(scan.stores.map((s) => [s.id, s.entity])).toEqual([['sqlite:process.env.DATABASE_FILE#people', 'Person']]);
    expect(scan.codes).toContain('info sqlite-db-file-unresolved db.js:3');
    expect(scan.ops).toEqual(['list Person@db.js:4']);
  });

  it.each([
    ['better-sqlite3 called without new', { 'a.js': "const db = require('better-sqlite3')('app.db');\nexports.x = () => db.prepare('SELECT * FROM t').all();" }, 'sqlite:app.db#t better-sqlite3'],
    ['TypeScript import = require()', { 'a.ts': "import Database = require('better-sqlite3');\nconst db = new Database('app.db');\nexport const x = () => db.prepare('SELECT * FROM t').all();" }, 'sqlite:app.db#t better-sqlite3'],
    ['sqlite3.cached.Database', { 'a.js': "const sqlite3 = require('sqlite3');\nconst db = new sqlite3.cached.Database('c.db');\ndb.all('SELECT * FROM t', () => {});" }, 'sqlite:c.db#t sqlite3-callback'],
    ['new Database() of the sqlite package', { 'a.js': "const { Database } = require('sqlite');\nconst sqlite3 = require('sqlite3');\nconst db = new Database({ filename: 'w.db', driver: sqlite3.Database });\nasync function f() { await db.open(); return db.all('SELECT * FROM t'); }" }, 'sqlite:w.db#t sqlite-wrapper'],
    ['a let assigned later in an init function', { 'a.js': "const Database = require('better-sqlite3');\nlet db;\nfunction init() { db = new Database('late.db'); }\nfunction q() { return db.prepare('SELECT * FROM t').all(); }" }, 'sqlite:late.db#t better-sqlite3'],
  ])('other ways to open a database: %s', (_name, files, store) => {
    const scan = scanSqlite(files as Record<string, string>);
    expect(scan.stores.map((s) => `${s.id} ${s.kind}`)).toEqual([store]);
    expect(scan.ops.map((o) => o.replace(/@.*/, ''))).toEqual(['list T']);
  });

  it('finds nothing in a project without a SQLite connection, even with SQL-looking strings', () => {
    const scan = scanSqlite({
      'app.js': `
const cache = new Map();
const express = require('express');
const app = express();
app.get('/users', (req, res) => res.json(cache.get('SELECT * FROM users')));
`,
    });
    expect(scan.stores).toEqual([]);
    expect(scan.ops).toEqual([]);
    expect(scan.ctx.diagnosticsList).toEqual([]);
  });
});
