import { findSqlSchema } from '../../../src/scan/sqlite';
import { parseSql } from '../../../src/scan/sqlite/sql/parseSql';
import { readCreateTable } from '../../../src/scan/sqlite/sql/readCreateTable';
import { readLenientCreateTable } from '../../../src/scan/sqlite/sql/readLenientCreateTable';
import { scanSqlite } from './scanSqlite';

/** node-sql-parser's SQLite grammar, for expressions inside the CREATE TABLE. */
function parseSelect(sql: string) {
  return parseSql(sql).parsed[0]?.ast;
}

describe('CREATE TABLE that node-sql-parser cannot parse but SQLite accepts', () => {
  // `TEXT UNIQUEE` is a type name of two words for SQLite (a typo it accepts), a parse error for node-sql-parser
  const app = {
    'store.js': `
const sqlite3 = require('sqlite3');
const db = new sqlite3.Database('./prices.sqlite', (err) => {
  if (err) return console.error(err.message);
  db.run(\`CREATE TABLE price (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    symbol text,
    amount DOUBLE PRECISION NOT NULL,
    volume UNSIGNED BIG INT DEFAULT 0,
    listed_at text UNIQUEE,
    closed_at text UNIQE,
    CONSTRAINT listed_at UNIQUE (listed_at)
  )\`, (err) => { if (err) console.log('exists'); });
});
module.exports = db;
`,
    'routes.js': `
const db = require('./store');
exports.add = (req, res) => {
  db.run('INSERT INTO price (symbol, amount, listed_at) VALUES (?, ?, ?)', [req.body.symbol, req.body.amount, req.body.at], function (err) {
    if (err) return res.status(500).json({ error: err.message });
    res.json({ id: this.lastID });
  });
};
exports.one = (req, res) => {
  db.get('SELECT * FROM price WHERE id = ?', [req.params.id], (err, row) => res.json(row));
};
`,
  };

  it('reads the schema with SQLite\'s grammar: key id (number, autoincrement), column types, UNIQUE', () => {
    const scan = scanSqlite(app);
    const schema = scan.evidence.find((e) => e.source === 'schema');
    expect(schema).toEqual({
      entity: 'Price',
      source: 'schema',
      fields: [
        { name: 'id', type: 'number' },
        { name: 'symbol', type: 'string' },
        { name: 'amount', type: 'number' },
        { name: 'volume', type: 'number' },
        { name: 'listed_at', type: 'string' },
        { name: 'closed_at', type: 'string' },
      ],
      key: { name: 'id', type: 'number' },
      relations: [],
      idStrategy: 'autoincrement',
    });
    const table = findSqlSchema(scan.ctx).find((t) => t.name === 'price')!;
    expect(table.declaredIn).toEqual({ file: 'store.js', line: 5 });
    expect(table.schema?.uniques).toEqual([['listed_at']]);
    expect(table.schema?.columns.find((c) => c.name === 'listed_at')).toMatchObject({ sqlType: 'TEXT UNIQUEE', unique: true });
    expect(table.schema?.columns.find((c) => c.name === 'volume')?.default).toBe('0');
  });

  it('says so at the line the parser stops, as info, not a parse warning', () => {
    const scan = scanSqlite(app);
    expect(scan.codes.filter((c) => /parse|lenient/.test(c))).toEqual(['info sql-schema-read-leniently store.js:8']);
    const info = scan.ctx.diagnosticsList.find((d) => d.code === 'sql-schema-read-leniently')!;
    expect(info.message).toContain('CREATE TABLE price');
    expect(info.message).toContain('amount DOUBLE PRECISION');
    // a misspelt UNIQUE is named, unless a table constraint makes the column unique anyway;
    // DOUBLE PRECISION and UNSIGNED BIG INT are not typos
    expect(info.message).toMatch(/\(a typo\?\): closed_at: UNIQE \(UNIQUE\?\)$/);
  });

  it('reads it from a .sql file the code runs too, with the line in that file', () => {
    const scan = scanSqlite({
      'schema.sql': `-- schema
CREATE TABLE IF NOT EXISTS [gauges] (
  [id] INTEGER PRIMARY KEY,
  [label] VARYING CHARACTER(40) NOT NULL UNIQUE ON CONFLICT ABORT
);
`,
      'db.js': `
const Database = require('better-sqlite3');
const fs = require('fs');
const db = new Database('g.db');
db.exec(fs.readFileSync('schema.sql', 'utf8'));
exports.add = (label) => db.prepare('INSERT INTO gauges (label) VALUES (?)').run(label).lastInsertRowid;
`,
    });
    expect(scan.evidence.find((e) => e.source === 'schema')).toMatchObject({ entity: 'Gauge', key: { name: 'id', type: 'number' }, idStrategy: 'autoincrement' });
    expect(findSqlSchema(scan.ctx).find((t) => t.name === 'gauges')).toMatchObject({ declaredIn: { file: 'schema.sql', line: 2 }, schema: { uniques: [['label']] } });
    expect(scan.codes.filter((c) => /parse|lenient/.test(c))).toEqual(['info sql-schema-read-leniently schema.sql:2']);
    expect(scan.ops).toContain('create Gauge unique:label@db.js:6');
  });

  it('still warns when even SQLite\'s grammar cannot read it', () => {
    const scan = scanSqlite({
      'db.js': `
const Database = require('better-sqlite3');
const db = new Database('x.db');
db.exec('CREATE TABLE broken (id INTEGER PRIMARY KEY, name TEXT CHECK)');
exports.one = (id) => db.prepare('SELECT * FROM broken WHERE id = ?').get(id);
`,
    });
    expect(scan.codes.filter((c) => /parse|lenient/.test(c))).toEqual(['warning sql-parse-error db.js:4']);
  });
});

describe('readLenientCreateTable', () => {
  // Each of these node-sql-parser reads: the lenient reader must give the very same schema.
  const parsable = [
    `CREATE TABLE IF NOT EXISTS categories (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)`,
    `CREATE TABLE products (sku VARCHAR(32) PRIMARY KEY, category_id INTEGER, price REAL NOT NULL, in_stock INTEGER NOT NULL DEFAULT 1,
       featured INTEGER CHECK (featured IN (0, 1)), active BOOLEAN DEFAULT TRUE, photo BLOB, note TEXT DEFAULT 'n/a', ratio REAL DEFAULT -1.50,
       FOREIGN KEY (category_id) REFERENCES categories(id) ON DELETE SET NULL)`,
    `CREATE TABLE tags (post_id INTEGER REFERENCES posts(id) ON DELETE CASCADE, tag TEXT, PRIMARY KEY (post_id, tag))`,
    `CREATE TABLE log (message TEXT, at INTEGER DEFAULT (strftime('%s', 'now')), day TEXT DEFAULT (datetime('now')), n INT DEFAULT NULL)`,
    `CREATE TABLE flags (id INTEGER, on_off INTEGER, CHECK (on_off IN (0, 1)), PRIMARY KEY (id), UNIQUE (on_off, id))`,
    `CREATE TABLE pairs (a, b, PRIMARY KEY (a, b)) WITHOUT ROWID`,
    `CREATE TABLE notes (id INT PRIMARY KEY, body TEXT COLLATE NOCASE, author INTEGER REFERENCES users)`,
  ];
  it.each(parsable)('reads what the parser reads, the same way: %s', (sql) => {
    const parsed = parseSql(sql).parsed[0];
    expect(parsed.error).toBeUndefined();
    const fromParser = readCreateTable(parsed.ast!);
    const lenient = readLenientCreateTable(sql, parseSelect);
    expect(lenient).toEqual(fromParser);
    // key order too: the schema reaches scan output files
    expect(JSON.stringify(lenient)).toBe(JSON.stringify(fromParser));
  });

  it('reads what only SQLite accepts: multi-word types, quoted names, conflict clauses, DEFERRABLE, GENERATED, STRICT', () => {
    const schema = readLenientCreateTable(
      `CREATE TEMP TABLE IF NOT EXISTS main."order items" (
         [item id] INTEGER PRIMARY KEY ON CONFLICT REPLACE AUTOINCREMENT,
         \`owner\` UNSIGNED BIG INT NOT NULL ON CONFLICT ABORT REFERENCES "users" ("id") ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED,
         price DECIMAL(10, 2) DEFAULT +5,
         label NATIVE CHARACTER(70) DEFAULT "none" CONSTRAINT label_unique UNIQUE ON CONFLICT IGNORE,
         total REAL GENERATED ALWAYS AS (price * 2) STORED,
         raw,
         CONSTRAINT pk_like CHECK (price > 0)
       ) STRICT`,
      parseSelect,
    );
    expect(schema).toEqual({
      name: 'order items',
      columns: [
        { name: 'item id', sqlType: 'INTEGER', type: 'number', primaryKey: true, notNull: false, unique: false, booleanCheck: false },
        { name: 'owner', sqlType: 'UNSIGNED BIG INT', type: 'number', primaryKey: false, notNull: true, unique: false, booleanCheck: false, references: { table: 'users', column: 'id', onUpdate: 'NO ACTION' } },
        { name: 'price', sqlType: 'DECIMAL', type: 'number', primaryKey: false, notNull: false, unique: false, booleanCheck: false, default: '5' },
        { name: 'label', sqlType: 'NATIVE CHARACTER', type: 'string', primaryKey: false, notNull: false, unique: true, booleanCheck: false, default: "'none'" },
        { name: 'total', sqlType: 'REAL', type: 'number', primaryKey: false, notNull: false, unique: false, booleanCheck: false },
        { name: 'raw', primaryKey: false, notNull: false, unique: false, booleanCheck: false },
      ],
      primaryKey: ['item id'],
      rowidAlias: 'item id',
      autoincrementKeyword: true,
      uniques: [['label']],
      withoutRowid: false,
    });
  });

  it('follows SQLite on rowid aliases: INTEGER PRIMARY KEY DESC and INT PRIMARY KEY are not', () => {
    expect(readLenientCreateTable('CREATE TABLE a (id INTEGER PRIMARY KEY DESC, x TEXT UNIQE)', parseSelect)?.rowidAlias).toBeUndefined();
    expect(readLenientCreateTable('CREATE TABLE a (id INT PRIMARY KEY, x TEXT UNIQE)', parseSelect)?.rowidAlias).toBeUndefined();
    expect(readLenientCreateTable('CREATE TABLE a (id integer PRIMARY KEY ASC, x TEXT UNIQE)', parseSelect)?.rowidAlias).toBe('id');
  });

  it.each([
    ['a CHECK without its expression', 'CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT CHECK)'],
    ['an unclosed column list', 'CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT'],
    ['a column after a table constraint', 'CREATE TABLE t (id INTEGER, PRIMARY KEY (id), x TEXT)'],
    ['CREATE TABLE … AS SELECT', 'CREATE TABLE t AS SELECT * FROM u'],
    ['an unclosed quote', 'CREATE TABLE "t (id INTEGER)'],
    ['not a table', 'CREATE INDEX i ON t (x)'],
  ])('reads nothing from %s', (_, sql) => {
    expect(readLenientCreateTable(sql, parseSelect)).toBeUndefined();
  });
});
