const Database = require('better-sqlite3');

const db = new Database('shop.db');
db.exec(`
  CREATE TABLE IF NOT EXISTS products (sku TEXT PRIMARY KEY, name TEXT NOT NULL, stock INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT, sku TEXT NOT NULL, note TEXT);
`);

// OR REPLACE stays SQL, so the transaction keeps its wrapper (and a TODO).
const restock = db.transaction((sku, name, stock) => {
  db.prepare('INSERT OR REPLACE INTO products (sku, name, stock) VALUES (?, ?, ?)').run(sku, name, stock);
  db.prepare('INSERT INTO audit (sku, note) VALUES (?, ?)').run(sku, 'restocked');
});

module.exports = { restock };
