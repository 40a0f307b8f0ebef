import { scanSqlite } from './scanSqlite';

describe('ESM database locations', () => {
  it.each([
    ['fileURLToPath(new URL(rel, import.meta.url))', "const file = fileURLToPath(new URL('../data/app.db', import.meta.url));", 'sqlite:data/app.db#t'],
    ['new URL(rel, import.meta.url).pathname', "const file = new URL('./local.db', import.meta.url).pathname;", 'sqlite:src/local.db#t'],
    ['path.join(dirname(fileURLToPath(import.meta.url)), …)', "const here = path.dirname(fileURLToPath(import.meta.url));\nconst file = path.join(here, '..', 'x.db');", 'sqlite:x.db#t'],
    ['an env variable with a ?? default held in a constant', "const DEFAULT = fileURLToPath(new URL('../users.db', import.meta.url));\nconst file = process.env.DB ?? DEFAULT;", 'sqlite:users.db#t'],
  ])('%s', (_name, line, store) => {
    const scan = scanSqlite({
      'src/db.ts': `
import Database from 'better-sqlite3';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
${line}
function make(filename: string = file) { return new Database(filename); }
const db = make();
export const all = () => db.prepare('SELECT * FROM t').all();
`,
    });
    expect(scan.stores.map((s) => s.id)).toEqual([store]);
    expect(scan.codes.filter((c) => c.includes('unresolved'))).toEqual([]);
  });

  it('an absolute file URL is not placed under the project: the store keeps the expression', () => {
    const scan = scanSqlite({
      'db.mjs': `
import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
const db = new Database(fileURLToPath(new URL('file:///var/lib/app.db', import.meta.url)));
export const all = () => db.prepare('SELECT * FROM t').all();
`,
    });
    expect(scan.codes).toContain('info sqlite-db-file-unresolved db.mjs:4');
  });
});

describe('statements and connections held in class fields', () => {
  const REPO = `
import Database from 'better-sqlite3';
export class UserRepository {
  private readonly insertStmt: Database.Statement;
  private readonly byIdStmt: Database.Statement;
  constructor(private readonly db: Database.Database) {
    this.insertStmt = db.prepare('INSERT INTO users (email) VALUES (@email)');
    this.byIdStmt = db.prepare('SELECT * FROM users WHERE id = :id');
  }
  findById(id: number) { return this.byIdStmt.get({ id }); }
  create(email: string) { return this.insertStmt.run({ email }).lastInsertRowid; }
  remove(id: number) { return this.db.prepare('DELETE FROM users WHERE id = :id').run({ id }).changes; }
}
`;
  const DB = `
import Database from 'better-sqlite3';
export const db = new Database('app.db');
db.exec('CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE)');
`;

  it('a statement declared as a typed field and prepared in the constructor runs where it is executed', () => {
    const scan = scanSqlite({ 'db.ts': DB, 'repo.ts': REPO });
    expect(scan.ops).toEqual(['create User unique:email@repo.ts:11', 'delete User@repo.ts:12', 'read-by-id User@repo.ts:10']);
    // `Database.Statement` is not a connection: `.get({ id })` is not SQL text.
    expect(scan.codes.filter((c) => c.includes('dynamic-sql'))).toEqual([]);
  });

  it('a field typed with another type of the package (Statement) is never taken for the connection', () => {
    const scan = scanSqlite({
      'db.ts': DB,
      'repo.ts': `
import type { Statement } from 'sqlite';
import Database from 'better-sqlite3';
export class Repo {
  private stmt!: Statement;
  private conn!: Database.Database;
  count() { return this.stmt.get('SELECT 1'); }
  all() { return this.conn.prepare('SELECT * FROM users').all(); }
}
`,
    });
    expect(scan.ops).toEqual(['list User@repo.ts:8']);
  });
});

describe('parameters chosen by the same condition as the SQL text', () => {
  const files = (params: string): Record<string, string> => ({
    'server.js': `
const sqlite3 = require('sqlite3');
const db = new sqlite3.Database('lib.db');
db.run('CREATE TABLE IF NOT EXISTS books (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT, genre TEXT)');
function list(req, res) {
  const page = parseInt(req.query.page) || 1;
  const offset = (page - 1) * 5;
  const genre = req.query.genre;
  const where = genre ? 'WHERE genre = ?' : '';
  const params = ${params};
  db.all(\`SELECT * FROM books \${where} ORDER BY id LIMIT ? OFFSET ?\`, params, (err, rows) => res.json(rows));
}
module.exports = { list };
`,
  });

  it('a ternary between two arrays binds each SQL variant to the array of its length: the offset comes from a page number', () => {
    const scan = scanSqlite(files('genre ? [genre, 5, offset] : [5, offset]'));
    expect(scan.ops.filter((o) => o.startsWith('paginate'))).toEqual(['paginate Book page@server.js:11']);
  });

  it('arrays of the same length are not guessed between', () => {
    const scan = scanSqlite(files('genre ? [genre, 5, offset] : [null, 5, offset]'));
    expect(scan.ops.filter((o) => o.startsWith('paginate'))).toEqual(['paginate Book offset@server.js:11']);
  });
});

describe('one argument holding the whole parameter list', () => {
  const files = (call: string): Record<string, string> => ({
    'db.js': `
const sqlite3 = require('sqlite3');
const { open } = require('sqlite');
const { v4: uuidv4 } = require('uuid');
const INSERT = 'INSERT INTO issues (id, title, created_at) VALUES (?, ?, ?)';
async function init() {
  const db = await open({ filename: 'x.db', driver: sqlite3.Database });
  await db.exec('CREATE TABLE IF NOT EXISTS issues (id TEXT PRIMARY KEY, title TEXT, created_at TEXT)');
  const rows = loadRows();
  for (const row of rows) await db.run(INSERT, row);
  ${call}
}
module.exports = { init };
`,
  });

  it('binds nothing, so a seed loop does not decide the id strategy: the uuid create does', () => {
    const scan = scanSqlite(files("await db.run(INSERT, uuidv4(), 'title', new Date().toISOString());"));
    const strategies = scan.evidence.filter((e) => e.source === 'create').map((e) => e.idStrategy);
    expect(strategies).toEqual([undefined, 'uuid']);
  });

  it('a key bound to a visible non-uuid value is still a client id', () => {
    const scan = scanSqlite(files("await db.run(INSERT, 'fixed-id', 'title', 'now');"));
    expect(scan.evidence.filter((e) => e.source === 'create').map((e) => e.idStrategy)).toEqual([undefined, 'client']);
  });
});
