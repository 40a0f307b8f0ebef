const Database = require('better-sqlite3');
const { UpdateCommand } = require('@aws-sdk/lib-dynamodb');
const { db: dynamoDb, updateParams, isConditionFailed, PRODUCTS_TABLE_NAME } = require('./dynamodb');
const db = new Database('shop.db');

// PATCH: only the fields sent are written; camelCase keys name snake_case columns
async function patchProduct(productId, changes) {
  const keys = Object.keys(changes);
  if (keys.length === 0) return 'nothing to change';
  const params = { ...changes, inStock: changes.inStock ? 1 : 0, productId };
  const info = await dynamoDb
    .send(new UpdateCommand(updateParams(PRODUCTS_TABLE_NAME, { product_id: Number(productId) }, Object.fromEntries(keys.map(function toColumn(key) {
        const column = key === 'name' ? 'product_name' : key === 'price' ? 'unit_price' : 'in_stock';
        return [column, params[key]];
      }).map(([column, value]) => [column, column === 'in_stock' ? Boolean(value) : value])))))
    .catch((error) => {
      if (isConditionFailed(error)) return { Attributes: undefined };
      throw error;
    });
  if (!info.Attributes) return 'not found';
  return 'updated';
}

// the same list in one expression, values bound from an object written at the run
async function renameProduct(productId, fields) {
  const info = await dynamoDb
    .send(new UpdateCommand(updateParams(PRODUCTS_TABLE_NAME, { product_id: Number(productId) }, Object.fromEntries(
    Object.keys(fields).map((key) => [key === 'name' ? 'product_name' : 'unit_price', ({ ...fields, productId })[key]])
  ))))
    .catch((error) => {
      if (isConditionFailed(error)) return { Attributes: undefined };
      throw error;
    });
  return !!info.Attributes;
}

// the request's own keys as columns: any attribute could be written, stays a TODO
function patchAnything(productId, fields) {
  const list = Object.keys(fields).map((key) => `${key} = @${key}`).join(', ');
  // dynamodb-codemod: TODO SET list built at run time (the column is the request's own key `${key}`: map keys to columns through literals (a ternary or a look-up)): write the UpdateItem names and values by hand, then re-run
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
  // dynamodb-codemod: TODO SET list built at run time (pushed in a loop as `${key} = @${key}`: the column is the request's own key; map keys to columns through literals (a ternary or a look-up) in `keys.map(…).join(', ')`): write the UpdateItem names and values by hand, then re-run
  const info = db.prepare(`UPDATE products SET ${clauses.join(', ')} WHERE product_id = @productId`).run(values);
  return info.changes > 0;
}

// a list that can name the key: DynamoDB cannot change a key, stays a TODO
function moveProduct(productId, fields) {
  const list = Object.keys(fields).map((key) => `${key === 'id' ? 'product_id' : 'product_name'} = @${key}`).join(', ');
  // dynamodb-codemod: TODO SET list built at run time (the list can set the key product_id, which DynamoDB cannot change): write the UpdateItem names and values by hand, then re-run
  const info = db.prepare(`UPDATE products SET ${list} WHERE product_id = @productId`).run({ ...fields, productId });
  return info.changes > 0;
}

module.exports = { patchProduct, renameProduct, patchAnything, patchLoop, moveProduct };
