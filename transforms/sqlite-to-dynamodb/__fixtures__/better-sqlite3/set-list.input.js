const Database = require('better-sqlite3');
const db = new Database('shop.db');
db.exec(`CREATE TABLE IF NOT EXISTS products (
  product_id INTEGER PRIMARY KEY AUTOINCREMENT,
  product_name TEXT NOT NULL,
  unit_price REAL NOT NULL,
  in_stock INTEGER NOT NULL DEFAULT 1
)`);

// PATCH: only the fields sent are written; camelCase keys name snake_case columns
function patchProduct(productId, changes) {
  const keys = Object.keys(changes);
  if (keys.length === 0) return 'nothing to change';
  const assignments = keys
    .map(function toColumn(key) {
      const column = key === 'name' ? 'product_name' : key === 'price' ? 'unit_price' : 'in_stock';
      return `${column} = @${key}`;
    })
    .join(', ');
  const update = db.prepare(`UPDATE products SET ${assignments} WHERE product_id = @productId`);
  const params = { ...changes, inStock: changes.inStock ? 1 : 0, productId };
  const info = update.run(params);
  if (info.changes === 0) return 'not found';
  return 'updated';
}

// the same list in one expression, values bound from an object written at the run
function renameProduct(productId, fields) {
  const info = db
    .prepare(`UPDATE products SET ${Object.keys(fields).map((key) => `${key === 'name' ? 'product_name' : 'unit_price'} = @${key}`).join(', ')} WHERE product_id = @productId`)
    .run({ ...fields, productId });
  return info.changes > 0;
}

// the request's own keys as columns: any attribute could be written, stays a TODO
function patchAnything(productId, fields) {
  const list = Object.keys(fields).map((key) => `${key} = @${key}`).join(', ');
  const info = db.prepare(`UPDATE products SET ${list} WHERE product_id = @productId`).run({ ...fields, productId });
  return info.changes > 0;
}

// clauses pushed in a loop over the body's keys, each naming its own column: stays a TODO that says so
function patchLoop(productId, body) {
  const clauses = [];
  const values = { productId };
  for (const key in body) {
    clauses.push(`${key} = @${key}`);
    values[key] = body[key];
  }
  const info = db.prepare(`UPDATE products SET ${clauses.join(', ')} WHERE product_id = @productId`).run(values);
  return info.changes > 0;
}

// a list that can name the key: DynamoDB cannot change a key, stays a TODO
function moveProduct(productId, fields) {
  const list = Object.keys(fields).map((key) => `${key === 'id' ? 'product_id' : 'product_name'} = @${key}`).join(', ');
  const info = db.prepare(`UPDATE products SET ${list} WHERE product_id = @productId`).run({ ...fields, productId });
  return info.changes > 0;
}

module.exports = { patchProduct, renameProduct, patchAnything, patchLoop, moveProduct };
