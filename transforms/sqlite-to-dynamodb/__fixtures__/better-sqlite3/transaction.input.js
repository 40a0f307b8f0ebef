const express = require('express');
const Database = require('better-sqlite3');

const db = new Database('shop.db');
db.exec(`
  CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY AUTOINCREMENT, customer TEXT NOT NULL, total REAL NOT NULL);
  CREATE TABLE IF NOT EXISTS order_lines (id INTEGER PRIMARY KEY AUTOINCREMENT, order_id INTEGER NOT NULL REFERENCES orders(id), sku TEXT NOT NULL, quantity INTEGER NOT NULL);
`);

const insertOrder = db.prepare('INSERT INTO orders (customer, total) VALUES (@customer, @total)');
const insertLine = db.prepare('INSERT INTO order_lines (order_id, sku, quantity) VALUES (?, ?, ?)');

// An order and its lines go in together.
const placeOrder = db.transaction((order, lines) => {
  const info = insertOrder.run(order);
  for (const line of lines) {
    insertLine.run(info.lastInsertRowid, line.sku, line.quantity);
  }
  return info.lastInsertRowid;
});

const router = express.Router();

router.post('/orders', (req, res) => {
  const total = req.body.lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
  const id = placeOrder.immediate({ customer: req.body.customer, total }, req.body.lines);
  res.status(201).json({ id });
});

// Called in place: db.transaction(fn)(args)
router.post('/orders/:id/lines', (req, res) => {
  db.transaction((orderId, lines) => {
    for (const line of lines) insertLine.run(orderId, line.sku, line.quantity);
  })(Number(req.params.id), req.body.lines);
  res.status(204).end();
});

module.exports = router;
