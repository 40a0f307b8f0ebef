const Database = require('better-sqlite3');
const db = new Database('shop.db');

function ordersWithUsers() {
  // dynamodb-codemod: TODO LEFT JOIN users: only an INNER JOIN on one key pair is rewritten; read both tables by hand, then re-run
  return db.prepare('SELECT o.id, u.name FROM orders o LEFT JOIN users u ON u.id = o.user_id').all();
}

function sorted(column) {
  // dynamodb-codemod: TODO SQL built at run time: write one DynamoDB request per variant, then re-run
  return db.prepare(`SELECT * FROM users ORDER BY ${column}`).all();
}

const addBoth = db.transaction((name, total) => {
  // dynamodb-codemod: TODO transaction: use TransactWriteCommand (≤ 100 items) or make the writes idempotent, then re-run
  const info = db.prepare('INSERT INTO users (name) VALUES (?)').run(name);
  // dynamodb-codemod: TODO transaction: use TransactWriteCommand (≤ 100 items) or make the writes idempotent, then re-run
  db.prepare('INSERT INTO orders (user_id, total) VALUES (?, ?)').run(info.lastInsertRowid, total);
});

function newest() {
  // dynamodb-codemod: TODO LIMIT/OFFSET: page with LastEvaluatedKey as the plan says (the API changes), then re-run
  return db.prepare('SELECT * FROM orders ORDER BY id DESC LIMIT 10').all();
}

module.exports = { ordersWithUsers, sorted, addBoth, newest };
