const Database = require('better-sqlite3');
const { scanAll, nextId, COUNTERS_TABLE_NAME, inTransaction, ORDERS_TABLE_NAME, USERS_TABLE_NAME } = require('./dynamodb');

function orderRow(item) {
  // an Order item as the SQLite row this code expects: every column (null when absent)
  return item && {
    id: item.id,
    user_id: item.user_id ?? null,
    total: item.total ?? null,
  };
}

const db = new Database('shop.db');

function ordersWithUsers() {
  // dynamodb-codemod: TODO LEFT JOIN users: only an INNER JOIN on one key pair is rewritten; read both tables by hand, then re-run
  return db.prepare('SELECT o.id, u.name FROM orders o LEFT JOIN users u ON u.id = o.user_id').all();
}

function sorted(column) {
  // dynamodb-codemod: TODO SQL built at run time (${column} has no known text: bind values as parameters, pick names from literals with a ternary or a look-up): write one DynamoDB request per variant, then re-run
  return db.prepare(`SELECT * FROM users ORDER BY ${column}`).all();
}

const addBoth = async (name, total) => await inTransaction(async tx => {
  const userId = await nextId(COUNTERS_TABLE_NAME, { counter: 'User' });
  tx.put({ TableName: USERS_TABLE_NAME, Item: {
    id: userId,
    name: name
  } });
  tx.put({ TableName: ORDERS_TABLE_NAME, Item: {
    id: await nextId(COUNTERS_TABLE_NAME, { counter: 'Order' }),
    user_id: userId ?? undefined,
    total: total
  } });
});

async function newest() {
  return sqlPage(
    (await scanAll({ TableName: ORDERS_TABLE_NAME })).map(orderRow).sort((a, b) => sqlOrder(b.id, a.id)),
    10
  );
}

module.exports = { ordersWithUsers, sorted, addBoth, newest };

function sqlOrder(a, b) {
  // ORDER BY of one column as SQLite sorts: NULL first, then by value (DynamoDB returns rows unsorted)
  if (a === b) return 0;
  if (a == null) return -1;
  if (b == null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function sqlPage(rows, limit, offset = 0) {
  // LIMIT/OFFSET as SQLite applies them, over every matching item read (DynamoDB has no OFFSET:
  // each page reads all of them; cursor pagination with LastEvaluatedKey is the cheaper API)
  const start = Math.max(0, Number(offset) || 0);
  return Number(limit) < 0 ? rows.slice(start) : rows.slice(start, start + Number(limit));
}
