const Database = require('better-sqlite3');
const db = new Database('shop.db');
db.exec(`
  CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT);
  CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER REFERENCES users(id), total REAL);
`);

function ordersWithUsers() {
  return db.prepare('SELECT o.id, u.name FROM orders o LEFT JOIN users u ON u.id = o.user_id').all();
}

function sorted(column) {
  return db.prepare(`SELECT * FROM users ORDER BY ${column}`).all();
}

const addBoth = db.transaction((name, total) => {
  const info = db.prepare('INSERT INTO users (name) VALUES (?)').run(name);
  db.prepare('INSERT INTO orders (user_id, total) VALUES (?, ?)').run(info.lastInsertRowid, total);
});

function newest() {
  return db.prepare('SELECT * FROM orders ORDER BY id DESC LIMIT 10').all();
}

module.exports = { ordersWithUsers, sorted, addBoth, newest };
