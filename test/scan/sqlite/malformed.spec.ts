import type { DiagnosticRecord } from '../../../src/model/access-model';
import { perFile } from '../../../src/scan/sqlite/js/perFile';
import { scanSqlite } from './scanSqlite';

describe('malformed SQL and odd code', () => {
  it('reports SQL it cannot parse (sql-parse-error, file:line, parser message) and goes on', () => {
    const scan = scanSqlite({
      'db.js': `
const Database = require('better-sqlite3');
const db = new Database('app.db');
db.exec(\`
  CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);
  CREATE TABEL oops (id INTEGER);
  CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT);
\`);
exports.bad = () => db.prepare('SELEC * FRM users').all();
exports.good = (id) => db.prepare('SELECT * FROM users WHERE id = ?').get(id);
`,
    });
    expect(scan.stores.map((s) => s.id)).toEqual(['sqlite:app.db#users', 'sqlite:app.db#tags']);
    expect(scan.ops).toEqual(['read-by-id User@db.js:10']);
    const errors = scan.ctx.diagnosticsList.filter((d) => d.code === 'sql-parse-error');
    expect(errors.map((d) => `${d.severity} ${d.file}:${d.line}`)).toEqual(['warning db.js:6', 'warning db.js:9']);
    expect(errors[0].message).toBe('cannot parse SQL: unexpected "T" at column 8 in "CREATE TABEL oops (id INTEGER)"; this statement was not classified — check the SQL');
    expect(errors[1].message).toMatch(/^cannot parse SQL: unexpected .* in "SELEC \* FRM users"/);
  });

  it('reports parse errors in .sql files at their own line', () => {
    const scan = scanSqlite({
      'schema.sql': 'CREATE TABLE a (id INTEGER PRIMARY KEY);\n\nCREATE TABLE b (id INTEGER PRIMARY KEY,, x TEXT);\n',
      'db.js': "const Database = require('better-sqlite3');\nconst db = new Database('app.db');\ndb.exec(require('fs').readFileSync('schema.sql', 'utf8'));\n",
    });
    expect(scan.stores.map((s) => s.id)).toEqual(['sqlite:app.db#a']);
    expect(scan.codes.filter((c) => c.includes('parse'))).toEqual(['warning sql-parse-error schema.sql:3']);
  });

  it('never throws on odd code: missing arguments, non-string SQL, recursive helpers, SQL from nowhere', () => {
    const scan = scanSqlite({
      'db.js': `
const Database = require('better-sqlite3');
const db = new Database();
const other = new Database;
db.prepare();
db.exec(42);
db.prepare(undefined).run();
function q(sql) { return sql ? q(sql) : db.prepare(sql).all(); }
function untraced(sql) { return db.prepare(sql).all(); }
q('SELECT * FROM users');
db.exec(loadSql());
db.prepare('SELECT * FROM ' ).all();
exports.x = () => db.prepare('BEGIN').run() && db.prepare('COMMIT').run();
`,
    });
    expect(scan.stores.map((s) => s.id)).toEqual(['sqlite::memory:#users']);
    expect(scan.ops).toEqual(['list User@db.js:10']);
    expect(scan.codes).toEqual([
      'info sql-table-without-schema db.js:3',
      'warning dynamic-sql db.js:11',
      'warning dynamic-sql db.js:7',
      'warning dynamic-sql db.js:9',
      'warning sql-parse-error db.js:12',
      'warning sql-parse-error db.js:6',
    ]);
  });

  it('keeps going when a JavaScript file had to be recovered (sloppy globals)', () => {
    const scan = scanSqlite({
      'app.js': `
Database = require('better-sqlite3');
db = new Database('legacy.db');
function all() { return db.prepare('SELECT * FROM items').all(); }
function all() { return db.prepare('SELECT * FROM items WHERE id = ?').get(1); }
`,
    });
    expect(scan.ops).toEqual(['list Item@app.js:4', 'read-by-id Item@app.js:5']);
  });

  it('turns an unexpected failure on one call into a diagnostic for that place (perFile guard)', () => {
    const scan = scanSqlite({ 'a.js': 'x()' });
    const diagnostics: DiagnosticRecord[] = [];
    let after = false;
    perFile(scan.ctx.source('a.js'), { add: (d) => diagnostics.push(d) }, () => {
      throw new Error('boom');
    }, 7);
    after = true;
    expect(after).toBe(true);
    expect(diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'sqlite-recogniser-error',
        file: 'a.js',
        line: 7,
        message: 'the SQLite recogniser could not read this call (boom); SQL in it may be missing from the model — please report this',
      },
    ]);
  });
});
