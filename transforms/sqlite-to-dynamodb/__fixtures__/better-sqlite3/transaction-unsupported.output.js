const Database = require('better-sqlite3');
const { PutCommand } = require('@aws-sdk/lib-dynamodb');
const { db: dynamoDb, nextId, AUDITS_TABLE_NAME, COUNTERS_TABLE_NAME } = require('./dynamodb');

const db = new Database('shop.db');

// OR REPLACE stays SQL, so the transaction keeps its wrapper (and a TODO).
// dynamodb-codemod: TODO transaction: a statement in it is still SQL (see its TODO) while the others now await DynamoDB, and better-sqlite3 refuses a transaction function that returns a promise; rewrite that statement, then re-run
const restock = db.transaction(async (sku, name, stock) => {
  // dynamodb-codemod: TODO replace: choose a conditional put or an update for the conflict, then re-run
  db.prepare('INSERT OR REPLACE INTO products (sku, name, stock) VALUES (?, ?, ?)').run(sku, name, stock);
  await dynamoDb.send(new PutCommand({ TableName: AUDITS_TABLE_NAME, Item: {
    id: await nextId(COUNTERS_TABLE_NAME, { counter: 'Audit' }),
    sku: sku,
    note: 'restocked'
  } }));
});

module.exports = { restock };
