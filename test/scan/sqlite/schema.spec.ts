import { findSqlSchema } from '../../../src/scan/sqlite';
import { scanSqlite } from './scanSqlite';

describe('CREATE TABLE → entity evidence', () => {
  const files = {
    'schema.sql': `
-- tables
CREATE TABLE IF NOT EXISTS categories (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS products (
  sku VARCHAR(32) PRIMARY KEY,
  category_id INTEGER,
  price REAL NOT NULL,
  in_stock INTEGER NOT NULL DEFAULT 1,
  featured INTEGER CHECK (featured IN (0, 1)),
  active BOOLEAN DEFAULT TRUE,
  photo BLOB,
  FOREIGN KEY (category_id) REFERENCES categories(id) ON DELETE SET NULL
);

CREATE TABLE product_tags (product_sku TEXT REFERENCES products, tag TEXT, PRIMARY KEY (product_sku, tag));
CREATE TABLE audit_log (message TEXT, at INTEGER);
`,
    'db.js': `
const Database = require('better-sqlite3');
const fs = require('fs');
const db = new Database('shop.db');
db.exec(fs.readFileSync('schema.sql', 'utf8'));
function toProduct(row) {
  return { sku: row.sku, categoryId: row.category_id, price: row.price, inStock: row.in_stock === 1 };
}
exports.get = (sku) => toProduct(db.prepare('SELECT * FROM products WHERE sku = ?').get(sku));
exports.add = (p) => db.prepare('INSERT INTO products (sku, category_id, price) VALUES (?, ?, ?)').run(p.sku, p.categoryId, p.price);
exports.addCategory = (name) => db.prepare('INSERT INTO categories (name) VALUES (?)').run(name).lastInsertRowid;
`,
  };

  it('reads columns with types, key, id strategy and relations', () => {
    const scan = scanSqlite(files);
    const schema = Object.fromEntries(scan.evidence.filter((e) => e.source === 'schema').map((e) => [e.entity, e]));
    expect(Object.keys(schema).sort()).toEqual(['AuditLog', 'Category', 'Product', 'ProductTag']);
    expect(schema.Category).toEqual({
      entity: 'Category',
      source: 'schema',
      fields: [
        { name: 'id', type: 'number' },
        { name: 'name', type: 'string' },
        { name: 'created_at', type: 'string' },
      ],
      key: { name: 'id', type: 'number' },
      relations: [],
      idStrategy: 'autoincrement',
    });
    expect(schema.Product.fields).toEqual([
      { name: 'sku', type: 'string' },
      { name: 'category_id', type: 'number' },
      { name: 'price', type: 'number' },
      { name: 'in_stock', type: 'boolean' },
      { name: 'featured', type: 'boolean' },
      { name: 'active', type: 'boolean' },
      { name: 'photo', type: 'Buffer' },
    ]);
    expect(schema.Product.key).toEqual({ name: 'sku', type: 'string' });
    expect(schema.Product.idStrategy).toBeUndefined();
    expect(schema.Product.relations).toEqual([{ field: 'category_id', entity: 'Category' }]);
    expect(schema.ProductTag).toMatchObject({ key: { name: 'product_sku', type: 'string' }, idStrategy: 'natural', relations: [{ field: 'product_sku', entity: 'Product' }] });
    expect(schema.AuditLog).toMatchObject({ key: { name: 'rowid', type: 'number' }, idStrategy: 'autoincrement' });
  });

  it('says how INSERTs make ids: SQLite autoincrement when the key is left out, the client when it is given', () => {
    const scan = scanSqlite(files);
    const creates = scan.evidence.filter((e) => e.source === 'create').map((e) => [e.entity, e.idStrategy, e.fields?.map((f) => f.name)]);
    expect(creates).toEqual([
      ['Product', 'client', ['sku', 'category_id', 'price']],
      ['Category', 'autoincrement', ['name']],
    ]);
  });

  it('reports defaults, 0/1 booleans, camelCase mapping, composite and missing keys as info diagnostics at the CREATE TABLE', () => {
    const scan = scanSqlite(files);
    const info = scan.ctx.diagnosticsList.map((d) => `${d.code} ${d.file}:${d.line} ${d.message}`);
    expect(info).toEqual([
      'sql-column-defaults schema.sql:3 categories has column defaults the DynamoDB code must set on create: created_at = CURRENT_TIMESTAMP',
      'sql-column-defaults schema.sql:9 products has column defaults the DynamoDB code must set on create: in_stock = 1, active = true',
      'sql-boolean-column schema.sql:9 products: in_stock, featured stored as INTEGER 0/1 and used as booleans by the app',
      'sql-column-mapping schema.sql:9 products: the app maps snake_case columns to camelCase fields (category_id → categoryId, in_stock → inStock)',
      'sql-composite-key schema.sql:20 product_tags has a composite primary key (product_sku, tag): product_sku is reported as the key; the plan needs tag as sort key',
      'sql-no-primary-key schema.sql:21 audit_log declares no primary key: rows are identified by SQLite\'s rowid (rowid is reported as the key)',
    ]);
    expect(scan.ctx.diagnosticsList.every((d) => d.severity === 'info')).toBe(true);
  });

  it('keeps the schema reachable for the transform: defaults, foreign keys, indexes, mappings', () => {
    const scan = scanSqlite(files);
    const products = findSqlSchema(scan.ctx).find((t) => t.name === 'products')!;
    expect(products.dbFile).toBe('shop.db');
    expect(products.declaredIn?.file).toBe('schema.sql');
    expect(products.schema?.columns.find((c) => c.name === 'category_id')?.references).toEqual({ table: 'categories', column: 'id', onDelete: 'SET NULL' });
    expect(products.schema?.columns.find((c) => c.name === 'in_stock')?.default).toBe('1');
    expect(products.columnMapping).toEqual({ category_id: 'categoryId', in_stock: 'inStock' });
    expect(products.booleanColumns).toEqual(['in_stock', 'featured']);
  });

  it('infers relations from *_id columns named after a known table when no REFERENCES is written', () => {
    const scan = scanSqlite({
      'db.js': `
const Database = require('better-sqlite3');
const db = new Database('x.db');
db.exec('CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE addresses (id INTEGER PRIMARY KEY, person_id INTEGER, city TEXT)');
exports.of = (id) => db.prepare('SELECT * FROM addresses WHERE person_id = ?').all(id);
`,
    });
    expect(scan.evidence.find((e) => e.entity === 'Address' && e.source === 'schema')?.relations).toEqual([{ field: 'person_id', entity: 'Person' }]);
    expect(scan.ops).toEqual(['relations Address(person_id)@db.js:5']);
  });

  it('falls back to usage evidence for tables without CREATE TABLE', () => {
    const scan = scanSqlite({
      'db.js': `
const Database = require('better-sqlite3');
const db = new Database('x.db');
exports.list = (userId) => db.prepare('SELECT id, title FROM todos WHERE owner = ? ORDER BY due').all(userId);
exports.add = (t) => db.prepare('INSERT INTO todos (title, owner) VALUES (?, ?)').run(t.title, t.owner).lastInsertRowid;
`,
    });
    const usage = scan.evidence.find((e) => e.source === 'usage');
    expect(usage).toMatchObject({ entity: 'Todo', fields: [{ name: 'owner' }, { name: 'due' }, { name: 'id' }, { name: 'title' }] });
    expect(scan.evidence.find((e) => e.source === 'create')?.idStrategy).toBe('autoincrement');
  });
});
