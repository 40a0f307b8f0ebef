import { findSqlCallSites } from '../../../src/scan/sqlite';
import { scanSqlite } from './scanSqlite';

/** Source text on one line, for comparing printed nodes. */
function compact(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\{ /g, '{ ').trim();
}

const BETTER_DB = `
const Database = require('better-sqlite3');
const db = new Database('app.db');
db.exec(\`
  CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT, email TEXT UNIQUE, role TEXT);
  CREATE TABLE IF NOT EXISTS posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id), title TEXT, created_at TEXT);
\`);
module.exports = db;
`;

describe('SQL that is not a literal is traced', () => {
  it('follows SQL held in module constants of another module and in local variables', () => {
    const scan = scanSqlite({
      'db.js': BETTER_DB,
      'sql.js': `
exports.SELECT_USER = 'SELECT * FROM users WHERE id = ?';
const BY_ROLE = 'SELECT * FROM users WHERE role = ?';
module.exports.BY_ROLE = BY_ROLE;
`,
      'users.js': `
const db = require('./db');
const { SELECT_USER, BY_ROLE } = require('./sql');
function get(id) { return db.prepare(SELECT_USER).get(id); }
function byRole(role) {
  const sql = BY_ROLE;
  return db.prepare(sql).all(role);
}
function add(name) {
  const insert = 'INSERT INTO users (name) VALUES (?)';
  return db.prepare(insert).run(name);
}
`,
    });
    expect(scan.ops).toEqual(['create User unique:email@users.js:11', 'filter-by-attr User(role)@users.js:7', 'read-by-id User@users.js:4']);
  });

  it('follows helpers taking SQL text to their call sites (two levels, across modules): the op is at the call site', () => {
    const scan = scanSqlite({
      'db.js': `
const sqlite3 = require('sqlite3');
const db = new sqlite3.Database('app.db');
function query(sql, params) {
  return new Promise((resolve, reject) => {
    db.all(sql, params || [], (err, rows) => (err ? reject(err) : resolve(rows)));
  });
}
function queryOne(sql, ...params) {
  return query(sql, params).then((rows) => rows[0]);
}
module.exports = { db, query, queryOne };
`,
      'routes.js': `
const { query, queryOne } = require('./db');
async function list() { return query('SELECT * FROM users ORDER BY name'); }
async function one(id) { return queryOne('SELECT * FROM users WHERE id = ?', id); }
`,
    });
    expect(scan.ops).toEqual(['list User@routes.js:3', 'read-by-id User@routes.js:4', 'sort User(name) asc@routes.js:3']);
    const sites = findSqlCallSites(scan.ctx);
    const one = sites.find((s) => s.file.rel === 'routes.js' && s.path.node.loc?.start.line === 4)!;
    expect(one.helpers.map((h) => h.file.rel)).toEqual(['db.js', 'db.js']);
    expect(one.method).toBe('all');
    expect(one.driverCall.file.rel).toBe('db.js');
    expect(one.bindings.map((b) => b.argument?.toString())).toEqual(['id']);
  });

  it('puts an op of a statement prepared at module scope at the place it runs', () => {
    const scan = scanSqlite({
      'db.js': BETTER_DB,
      'queries.js': `
const db = require('./db');
const stmts = {
  insertPost: db.prepare('INSERT INTO posts (user_id, title) VALUES (@userId, @title)'),
};
const postsByUser = db.prepare('SELECT * FROM posts WHERE user_id = ? ORDER BY created_at DESC');
module.exports = { stmts, postsByUser };
`,
      'routes/posts.js': `
const q = require('../queries');
const { postsByUser } = require('../queries');
exports.create = (req) => q.stmts.insertPost.run({ userId: req.user.id, title: req.body.title }).lastInsertRowid;
exports.mine = (req) => postsByUser.all(req.user.id);
`,
    });
    expect(scan.ops).toEqual(['create Post@routes/posts.js:4', 'relations Post(user_id)@routes/posts.js:5', 'sort Post(created_at) desc@routes/posts.js:5']);
    const site = findSqlCallSites(scan.ctx).find((s) => s.method === 'run')!;
    expect(site.prepare?.file.rel).toBe('queries.js');
    expect(site.prepare?.declaration?.type).toBe('ObjectProperty');
    expect(site.bindings.map((b) => [b.written, b.argument && compact(b.argument.toString())])).toEqual([
      ['@userId', 'req.user.id'],
      ['@title', 'req.body.title'],
    ]);
    expect(site.result.insertedIdUses.map((u) => compact(u.toString()))).toEqual(['q.stmts.insertPost.run({ userId: req.user.id, title: req.body.title }).lastInsertRowid']);
  });

  it('binds :named and $named parameters from objects with prefixed keys (sqlite3 / sqlite style)', () => {
    const scan = scanSqlite({
      'db.js': `
const sqlite3 = require('sqlite3');
const db = new sqlite3.Database('app.db');
exports.find = (email, cb) => db.get('SELECT * FROM users WHERE email = :email', { ':email': email }, cb);
exports.rename = (id, name, cb) => db.run('UPDATE users SET name = $name WHERE id = $id', { $id: id, $name: name }, cb);
`,
    });
    expect(scan.ops).toEqual(['filter-by-attr User(email)@db.js:4', 'update User(name)@db.js:5']);
    const bindings = findSqlCallSites(scan.ctx).map((s) => s.bindings.map((b) => `${b.written}=${b.argument?.toString()}`));
    expect(bindings).toEqual([[':email=email'], ['$name=name', '$id=id']]);
  });

  it('reports values interpolated into template literals (sql-interpolation) and still classifies', () => {
    const scan = scanSqlite({
      'db.js': BETTER_DB,
      'routes.js': `
const db = require('./db');
exports.get = (req) => db.prepare(\`SELECT * FROM users WHERE id = \${req.params.id}\`).get();
exports.byName = (name) => db.prepare("SELECT * FROM users WHERE name = '" + name + "'").all();
exports.search = (q) => db.prepare(\`SELECT * FROM users WHERE name LIKE '%\${q}%' LIMIT 10\`).all();
`,
    });
    expect(scan.ops).toEqual([
      'filter-by-attr User(name)@routes.js:4',
      'filter-by-attr User(name)@routes.js:5',
      'paginate User limit@routes.js:5',
      'read-by-id User@routes.js:3',
    ]);
    const interpolation = scan.ctx.diagnosticsList.filter((d) => d.code === 'sql-interpolation');
    expect(interpolation.map((d) => `${d.severity} ${d.file}:${d.line}`)).toEqual(['warning routes.js:3', 'warning routes.js:4', 'warning routes.js:5']);
    expect(interpolation[0].message).toMatch(/^values interpolated into SQL: use parameters/);
    expect(interpolation[0].message).toContain('req.params.id');
  });

  it('classifies SQL with an interpolated identifier it cannot follow and warns dynamic-sql', () => {
    const scan = scanSqlite({
      'db.js': BETTER_DB,
      'routes.js': `
const db = require('./db');
exports.list = (req) => db.prepare(\`SELECT * FROM posts ORDER BY \${req.query.sort} DESC LIMIT ? OFFSET ?\`).all(10, 0);
exports.search = (req) => {
  const conditions = Object.keys(req.query).map((k) => \`\${k} = ?\`);
  return db.prepare(\`SELECT * FROM posts WHERE \${conditions.join(' AND ')}\`).all(...Object.values(req.query));
};
exports.patch = (id, body) => {
  const fields = Object.keys(body).map((k) => \`\${k} = ?\`);
  return db.prepare(\`UPDATE posts SET \${fields.join(', ')} WHERE id = ?\`).run(...Object.values(body), id);
};
`,
    });
    expect(scan.ops).toEqual([
      'filter-by-attr Post@routes.js:6',
      'list Post@routes.js:3',
      'paginate Post offset@routes.js:3',
      'sort Post desc@routes.js:3',
      'update Post@routes.js:10',
    ]);
    expect(scan.codes.filter((c) => c.includes('dynamic-sql'))).toEqual(['warning dynamic-sql routes.js:10', 'warning dynamic-sql routes.js:3', 'warning dynamic-sql routes.js:6']);
  });

  it('classifies every variant of SQL built by conditional appends, ternaries and whitelisted look-ups', () => {
    const scan = scanSqlite({
      'db.js': BETTER_DB,
      'routes.js': `
const db = require('./db');
const SORTABLE = { newest: 'created_at', title: 'title' };
exports.list = (query) => {
  let sql = 'SELECT * FROM posts';
  const params = [];
  if (query.userId) {
    sql += ' WHERE user_id = ?';
    params.push(query.userId);
  }
  sql += \` ORDER BY \${SORTABLE[query.sort] || 'id'} \${query.desc ? 'DESC' : 'ASC'}\`;
  return db.prepare(sql).all(...params);
};
`,
    });
    expect(scan.ops).toEqual(['list Post@routes.js:12', 'relations Post(user_id)@routes.js:12', 'sort Post(created_at,title,id)@routes.js:12']);
    const site = findSqlCallSites(scan.ctx).find((s) => s.file.rel === 'routes.js')!;
    expect(site.dynamic).toBe(true);
    expect(site.variants).toHaveLength(12);
    expect(scan.codes).toEqual(['info dynamic-sql routes.js:5']);
  });

  it('keeps appends made before the SQL is used inside a callback or promise executor', () => {
    const scan = scanSqlite({
      'db.js': `
const sqlite3 = require('sqlite3');
const db = new sqlite3.Database('app.db');
exports.find = (filter) => {
  let sql = 'SELECT * FROM users';
  if (filter.role) sql += ' WHERE role = ?';
  return new Promise((resolve, reject) => db.all(sql, filter.role ? [filter.role] : [], (err, rows) => (err ? reject(err) : resolve(rows))));
};
`,
    });
    expect(scan.ops).toEqual(['filter-by-attr User(role)@db.js:7', 'list User@db.js:7']);
  });

  it('reads schema.sql fed to db.exec through fs.readFileSync, and multi-statement exec strings', () => {
    const scan = scanSqlite({
      'db/schema.sql': `-- schema
CREATE TABLE IF NOT EXISTS tasks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL
);
`,
      'db/index.js': `
const fs = require('fs');
const path = require('path');
const Database = require('better-sqlite3');
const db = new Database(path.resolve(__dirname, 'tasks.db'));
db.exec(fs.readFileSync(path.join(__dirname, 'schema.sql'), 'utf8'));
db.exec(\`
  PRAGMA journal_mode = WAL;
  CREATE TABLE IF NOT EXISTS labels (id INTEGER PRIMARY KEY, name TEXT);
  CREATE INDEX IF NOT EXISTS labels_name ON labels(name);
\`);
module.exports = db;
`,
    });
    expect(scan.stores.map((s) => `${s.id} ${s.file}:${s.line}`)).toEqual(['sqlite:db/tasks.db#tasks db/schema.sql:2', 'sqlite:db/tasks.db#labels db/index.js:9']);
    expect(scan.ctx.diagnosticsList.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('follows this.db in classes (assigned in the constructor) and typed constructor parameters', () => {
    const scan = scanSqlite({
      'repo.ts': `
import Database from 'better-sqlite3';
export class UserRepo {
  private db;
  constructor(file: string) { this.db = new Database(file); }
  byId(id: number) { return this.db.prepare('SELECT * FROM users WHERE id = ?').get(id); }
}
export class PostRepo {
  constructor(private readonly db: Database.Database) {}
  all() { return this.db.prepare('SELECT * FROM posts').all(); }
}
`,
    });
    expect(scan.ops).toEqual(['list Post@repo.ts:10', 'read-by-id User@repo.ts:6']);
  });

  it('attributes SQL run on a receiver it cannot follow (fastify.decorate) to the project connection', () => {
    const scan = scanSqlite({
      'app.ts': `
import Fastify from 'fastify';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';
export async function build() {
  const app = Fastify();
  app.decorate('db', await open({ filename: 'shop.db', driver: sqlite3.Database }));
  app.get('/items', async () => app.db.all('SELECT * FROM items'));
  app.get('/cache', async () => app.cache.get('items'));
  return app;
}
`,
    });
    expect(scan.stores.map((s) => s.id)).toEqual(['sqlite:shop.db#items']);
    expect(scan.ops).toEqual(['list Item@app.ts:8']);
  });

  it('treats sql-template-strings holes as bound parameters, not interpolation', () => {
    const scan = scanSqlite({
      'db.js': `
const SQL = require('sql-template-strings');
const sqlite = require('sqlite');
const sqlite3 = require('sqlite3');
const dbPromise = sqlite.open({ filename: 'app.db', driver: sqlite3.Database });
exports.get = async (id) => (await dbPromise).get(SQL\`SELECT * FROM books WHERE id = \${id}\`);
`,
    });
    expect(scan.ops).toEqual(['read-by-id Book@db.js:6']);
    expect(scan.codes).not.toContain(expect.stringContaining('sql-interpolation'));
  });
});
