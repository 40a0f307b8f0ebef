const express = require('express');
const Database = require('better-sqlite3');

const { scanAll, PRODUCTS_TABLE_NAME } = require('./dynamodb');

function productRow(item) {
  // a Product item as the SQLite row this code expects: every column (null when absent)
  return item && {
    id: item.id,
    name: item.name,
    price: item.price,
  };
}

const db = new Database('shop.db');

// Not a seed: the values come from the environment, so the block stays (its INSERT a TODO at module level).
// dynamodb-codemod: TODO SQL run while a CommonJS module loads cannot be awaited there: move it into an async start-up function, then re-run
const existing = db.prepare('SELECT COUNT(*) AS n FROM products').get().n;
if (existing === 0) {
  // dynamodb-codemod: TODO SQL run while a CommonJS module loads cannot be awaited there: move it into an async start-up function, then re-run
  db.prepare('INSERT INTO products (name, price) VALUES (?, ?)').run(process.env.FIRST_PRODUCT, 1);
}

const app = express();
app.get('/products', async (req, res, next) => {
  try {
    res.json((await scanAll({ TableName: PRODUCTS_TABLE_NAME })).map(productRow).sort((a, b) => sqlOrder(a.id, b.id)));
  } catch (err) {
    next(err);
  }
});

app.listen(3000);

function sqlOrder(a, b) {
  // ORDER BY of one column as SQLite sorts: NULL first, then by value (DynamoDB returns rows unsorted)
  if (a === b) return 0;
  if (a == null) return -1;
  if (b == null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
