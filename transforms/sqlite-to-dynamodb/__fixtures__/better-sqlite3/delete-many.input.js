const Database = require('better-sqlite3')

const db = new Database('shop.db')
db.exec(`CREATE TABLE IF NOT EXISTS carts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open'
)`)

function clearSession(session) {
  const { changes } = db.prepare('DELETE FROM carts WHERE session = ? AND status = ?').run(session, 'open')
  return changes
}

function dropAbandoned() {
  const info = db.prepare("DELETE FROM carts WHERE status = 'abandoned'").run()
  console.log(`removed ${info.changes} carts`)
  return info.changes > 0
}

function resetCarts() {
  const removed = db.prepare('DELETE FROM carts').run().changes
  db.prepare('UPDATE sqlite_sequence SET seq = 0 WHERE name = ?').run('carts')
  return removed
}

function openCart(session) {
  const info = db.prepare('INSERT INTO carts (session) VALUES (?)').run(session)
  return info.lastInsertRowid
}

function findCarts(session) {
  return db.prepare('SELECT * FROM carts WHERE session = ?').all(session)
}

module.exports = { clearSession, dropAbandoned, resetCarts, openCart, findCarts }
