import { scanSqlite } from './scanSqlite';

/** A better-sqlite3 project whose db.js creates `schema` and whose q.js runs `body` (one statement per line). */
function project(schema: string, body: string, extraDb = ''): ReturnType<typeof scanSqlite> {
  return scanSqlite({
    'db.js': `const Database = require('better-sqlite3');\nconst db = new Database('app.db');\n${extraDb}db.exec(\`${schema}\`);\nmodule.exports = db;\n`,
    'q.js': `const db = require('./db');\n${body}\n`,
  });
}

const SCHEMA = `
CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE, name TEXT);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, status TEXT, total REAL, created_at TEXT);
CREATE TABLE sessions (token TEXT PRIMARY KEY, user_id INTEGER REFERENCES users(id) ON DELETE CASCADE, expires_at INTEGER NOT NULL);
CREATE TABLE order_items (order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE, sku TEXT NOT NULL, qty INTEGER, PRIMARY KEY (order_id, sku));
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
`;

describe('SQL statements → operations', () => {
  it('SELECT: read-by-id (= and IN on the key), filter-by-attr, relations for foreign keys and *_id columns, list, OR filters', () => {
    const scan = project(
      SCHEMA,
      [
        "db.prepare('SELECT * FROM users WHERE id = ?').get(1);",
        "db.prepare('SELECT * FROM users WHERE id IN (?, ?)').all(1, 2);",
        "db.prepare('SELECT * FROM users WHERE email = ? AND name IS NOT NULL').get('a');",
        "db.prepare('SELECT * FROM sessions WHERE user_id = ?').all(1);",
        "db.prepare('SELECT * FROM orders WHERE customer_id = ? AND status = ?').all(1, 'paid');",
        "db.prepare('SELECT COUNT(*) AS count FROM users').get();",
        "db.prepare('SELECT * FROM users WHERE name LIKE ? OR email LIKE ?').all('a', 'b');",
        "db.prepare('SELECT * FROM users WHERE id = ? OR email = ?').get(1, 'a');",
      ].join('\n'),
    );
    expect(scan.ops).toEqual([
      'filter-by-attr Order(status)@q.js:6',
      'filter-by-attr User(email,name)@q.js:4',
      'filter-by-attr User(id,email)@q.js:9',
      'filter-by-attr User(name,email)@q.js:8',
      'list User@q.js:7',
      'read-by-id User@q.js:2',
      'read-by-id User@q.js:3',
      'relations Order(customer_id)@q.js:6',
      'relations Session(user_id)@q.js:5',
    ]);
  });

  it('ORDER BY → sort with attributes and order; LIMIT/OFFSET → paginate (limit, offset, page, LIMIT a, b); LIMIT 1 is not pagination', () => {
    const scan = project(
      SCHEMA,
      [
        "db.prepare('SELECT * FROM orders ORDER BY created_at DESC, id').all();",
        "db.prepare('SELECT * FROM orders ORDER BY total LIMIT 5').all();",
        "db.prepare('SELECT * FROM orders LIMIT ? OFFSET ?').all(10, 20);",
        'function list(pageNo, size) { return db.prepare(\'SELECT * FROM orders LIMIT ? OFFSET ?\').all(size, (pageNo - 1) * size); }',
        "db.prepare('SELECT * FROM orders LIMIT 20, 10').all();",
        "db.prepare('SELECT * FROM users WHERE email = ? LIMIT 1').get('a');",
      ].join('\n'),
    );
    expect(scan.ops).toEqual([
      'filter-by-attr User(email)@q.js:7',
      'list Order@q.js:2',
      'list Order@q.js:3',
      'list Order@q.js:4',
      'list Order@q.js:5',
      'list Order@q.js:6',
      'paginate Order limit@q.js:3',
      'paginate Order offset@q.js:4',
      'paginate Order offset@q.js:6',
      'paginate Order page@q.js:5',
      'sort Order(created_at,id) desc@q.js:2',
      'sort Order(total) asc@q.js:3',
    ]);
  });

  it('JOIN → a join op on every table with the join keys; conditions and sorts go to the table they name', () => {
    const scan = project(
      SCHEMA,
      "db.prepare('SELECT o.*, c.name FROM orders o INNER JOIN customers c ON c.id = o.customer_id WHERE o.status = ? ORDER BY c.name').all('paid');",
    );
    expect(scan.ops).toEqual([
      'filter-by-attr Order(status)@q.js:2',
      'join Customer(customers.id,orders.customer_id)@q.js:2',
      'join Order(customers.id,orders.customer_id)@q.js:2',
      'sort Customer(name) asc@q.js:2',
    ]);
  });

  it('INSERT → create (with the unique columns); INSERT OR IGNORE, REPLACE and ON CONFLICT upserts are creates too', () => {
    const scan = project(
      SCHEMA,
      [
        "db.prepare('INSERT INTO users (email, name) VALUES (?, ?)').run('a', 'b');",
        "db.prepare('INSERT OR IGNORE INTO customers (id, name) VALUES (?, ?)').run(1, 'x');",
        "db.prepare('REPLACE INTO customers (id, name) VALUES (?, ?)').run(1, 'x');",
        "db.prepare('INSERT INTO customers (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name').run(1, 'x');",
      ].join('\n'),
    );
    expect(scan.ops).toEqual(['create Customer@q.js:3', 'create Customer@q.js:4', 'create Customer@q.js:5', 'create User unique:email@q.js:2']);
    expect(scan.codes.filter((c) => !c.startsWith('info'))).toEqual([]);
  });

  it('UPDATE → update with the SET columns (COALESCE partial updates too); by another column it also says how rows are found', () => {
    const scan = project(
      SCHEMA,
      [
        "db.prepare('UPDATE users SET name = COALESCE(?, name), email = COALESCE(?, email) WHERE id = ?').run(null, null, 1);",
        "db.prepare('UPDATE orders SET status = ? WHERE customer_id = ? AND status = ?').run('x', 1, 'y');",
      ].join('\n'),
    );
    expect(scan.ops).toEqual([
      'filter-by-attr Order(status)@q.js:3',
      'relations Order(customer_id)@q.js:3',
      'update Order(status)@q.js:3',
      'update User(name,email)@q.js:2',
    ]);
  });

  it('DELETE → delete, plus the rows ON DELETE CASCADE removes when foreign keys are on', () => {
    const withPragma = project(SCHEMA, "db.prepare('DELETE FROM orders WHERE id = ?').run(1);\ndb.prepare('DELETE FROM users WHERE id = ?').run(1);", "db.pragma('foreign_keys = ON');\n");
    expect(withPragma.ops).toEqual(['delete Order@q.js:2', 'delete OrderItem(order_id)@q.js:2', 'delete Session(user_id)@q.js:3', 'delete User@q.js:3']);
    expect(withPragma.ctx.diagnosticsList.filter((d) => d.code === 'sql-on-delete-cascade').map((d) => d.message)).toEqual([
      'sessions.user_id references users ON DELETE CASCADE: deleting a users row also deletes its sessions; the DynamoDB code must do the same (query + batched delete)',
      'order_items.order_id references orders ON DELETE CASCADE: deleting a orders row also deletes its order_items; the DynamoDB code must do the same (query + batched delete)',
    ]);

    // better-sqlite3 is built with foreign keys on: without any pragma it cascades too
    const betterSqliteDefault = project(SCHEMA, "db.prepare('DELETE FROM orders WHERE id = ?').run(1);");
    expect(betterSqliteDefault.ops).toEqual(['delete Order@q.js:2', 'delete OrderItem(order_id)@q.js:2']);

    const turnedOff = project(SCHEMA, "db.prepare('DELETE FROM orders WHERE id = ?').run(1);", "db.pragma('foreign_keys = OFF');\n");
    expect(turnedOff.ops).toEqual(['delete Order@q.js:2']);
    expect(turnedOff.ctx.diagnosticsList.find((d) => d.code === 'sql-on-delete-cascade')?.message).toMatch(/foreign keys are off for this database/);

    // the sqlite3 package leaves them off unless the pragma is run
    const sqlite3Default = scanSqlite({
      'db.js': `const sqlite3 = require('sqlite3');\nconst db = new sqlite3.Database('app.db');\ndb.exec(\`${SCHEMA}\`);\nmodule.exports = db;\n`,
      'q.js': "const db = require('./db');\ndb.run('DELETE FROM orders WHERE id = ?', [1], () => {});\n",
    });
    expect(sqlite3Default.ops).toEqual(['delete Order@q.js:2']);

    const bulk = project(SCHEMA, "db.prepare('DELETE FROM orders WHERE status = ?').run('x');", "db.exec('PRAGMA foreign_keys = ON');\n");
    // rows found by `=` on other columns: their keys are read, then deleted in batches (delete by attributes)
    expect(bulk.ops).toEqual(['delete Order(status)@q.js:2', 'delete OrderItem(order_id)@q.js:2']);
  });

  it('DELETE of many rows: every row (removes all), `=` on other columns (attributes), anything else a lookup as before', () => {
    const scan = project(
      SCHEMA,
      [
        "db.prepare('DELETE FROM customers').run();",
        "db.prepare('DELETE FROM orders WHERE status = ? AND customer_id = ?').run('x', 1);",
        "db.prepare('DELETE FROM orders WHERE total < ?').run(5);",
      ].join('\n'),
      "db.pragma('foreign_keys = OFF');\n",
    );
    expect(scan.ops).toEqual(['delete Customer@q.js:2', 'delete Order(status,customer_id)@q.js:3', 'delete Order@q.js:4', 'filter-by-attr Order(total)@q.js:4']);
    expect(scan.operations.filter((op) => op.removes).map((op) => `${op.entity} ${op.removes}@${op.line}`)).toEqual(['Customer all@2']);
  });

  it("SQLite's AUTOINCREMENT reset (sqlite_sequence, by literal or bound name; SET seq = 0) → delete of the named table's counter, never a table of its own", () => {
    const scan = project(
      SCHEMA,
      [
        "db.prepare(\"DELETE FROM sqlite_sequence WHERE name = 'users'\").run();",
        "db.prepare('DELETE FROM sqlite_sequence WHERE name = ?').run('customers');",
        "db.prepare('UPDATE sqlite_sequence SET seq = 0 WHERE name = ?').run('orders');",
        "db.prepare('UPDATE sqlite_sequence SET seq = 10 WHERE name = ?').run('orders');",
        "db.prepare('DELETE FROM sqlite_sequence WHERE name = ?').run(tableName);",
      ].join('\n'),
    );
    expect(scan.operations.map((op) => `${op.op} ${op.entity} ${op.removes ?? '-'}@${op.line}`)).toEqual(['delete User counter@2', 'delete Customer counter@3', 'delete Order counter@4']);
    expect(scan.stores.map((store) => store.entity)).not.toContain('SqliteSequence');
  });

  it('an expiry column compared with now (SQL now or a parameter bound to Date.now()) → ttl', () => {
    const scan = project(
      SCHEMA,
      [
        "db.prepare(\"SELECT * FROM sessions WHERE token = ? AND expires_at > strftime('%s', 'now')\").get('t');",
        "db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(Math.floor(Date.now() / 1000));",
        'const now = Date.now();',
        "db.prepare('SELECT * FROM sessions WHERE user_id = ? AND expires_at > ?').all(1, now);",
        "db.prepare('SELECT * FROM sessions WHERE expires_at > ?').all(12345);",
      ].join('\n'),
    );
    expect(scan.ops).toEqual([
      'delete Session@q.js:3',
      'filter-by-attr Session(expires_at)@q.js:6',
      'read-by-id Session@q.js:2',
      'relations Session(user_id)@q.js:5',
      'ttl Session(expires_at)@q.js:2',
      'ttl Session(expires_at)@q.js:3',
      'ttl Session(expires_at)@q.js:5',
    ]);
  });

  it('composite keys: read-by-id needs every key column', () => {
    const scan = project(
      SCHEMA,
      ["db.prepare('SELECT * FROM order_items WHERE order_id = ? AND sku = ?').get(1, 'a');", "db.prepare('SELECT * FROM order_items WHERE order_id = ?').all(1);"].join('\n'),
    );
    expect(scan.ops).toEqual(['read-by-id OrderItem@q.js:2', 'relations OrderItem(order_id)@q.js:3']);
  });
});
