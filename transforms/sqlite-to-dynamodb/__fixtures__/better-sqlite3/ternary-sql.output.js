const Database = require('better-sqlite3');
const { scanAll, queryAll, TODOS_TABLE_NAME } = require('./dynamodb');

function todoRow(item) {
  // a Todo item as the SQLite row this code expects: every column (null when absent)
  return item && {
    id: item.id,
    title: item.title,
    done: item.done,
    created_at: item.created_at,
  };
}

const db = new Database('todos.db');

// newest or oldest first, chosen by the caller
async function listTodos(newestFirst) {
  return (await scanAll({ TableName: TODOS_TABLE_NAME })).map(todoRow).sort(
    (a, b) => (newestFirst ? sqlOrder(b.created_at, a.created_at) : sqlOrder(a.created_at, b.created_at)) || sqlOrder(a.id, b.id)
  );
}

// done or open ones: the flag is written into the SQL as 1 or 0
async function todosByState(done) {
  return done ? (await queryAll({
    TableName: TODOS_TABLE_NAME,
    IndexName: 'done-index',
    KeyConditionExpression: '#attr = :value',
    ExpressionAttributeNames: { '#attr': 'done' },
    ExpressionAttributeValues: { ':value': 1 },
  })).map(todoRow).sort((a, b) => sqlOrder(a.id, b.id)).map((row2) => ({ id: row2.id, title: row2.title })) : (await queryAll({
    TableName: TODOS_TABLE_NAME,
    IndexName: 'done-index',
    KeyConditionExpression: '#attr = :value',
    ExpressionAttributeNames: { '#attr': 'done' },
    ExpressionAttributeValues: { ':value': 0 },
  })).map(todoRow).sort((a, b) => sqlOrder(a.id, b.id)).map((row3) => ({ id: row3.id, title: row3.title }));
}

// sort column and direction both chosen inline; nested ternary for three columns
async function sortedTodos(sort, desc) {
  return (await scanAll({ TableName: TODOS_TABLE_NAME })).map(todoRow).sort(
    (a, b) => (desc ? sqlOrder(b[sort === 'title' ? 'title' : sort === 'done' ? 'done' : 'created_at'], a[sort === 'title' ? 'title' : sort === 'done' ? 'done' : 'created_at']) : sqlOrder(a[sort === 'title' ? 'title' : sort === 'done' ? 'done' : 'created_at'], b[sort === 'title' ? 'title' : sort === 'done' ? 'done' : 'created_at'])) || sqlOrder(a.id, b.id)
  );
}

// a condition with a call may differ from one evaluation to the next: stays a TODO
function byClock() {
  // dynamodb-codemod: TODO SQL built at run time (the ternary's condition (Date.now() % 2) may have side effects: hold the piece in a variable): write one DynamoDB request per variant, then re-run
  return db.prepare(`SELECT * FROM todos ORDER BY id ${Date.now() % 2 ? 'DESC' : 'ASC'}`).all();
}

// the column comes from the caller: no known text, stays a TODO
function listBy(column) {
  // dynamodb-codemod: TODO SQL built at run time (${column} has no known text: bind values as parameters, pick names from literals with a ternary or a look-up): write one DynamoDB request per variant, then re-run
  return db.prepare(`SELECT * FROM todos ORDER BY ${column}`).all();
}

module.exports = { listTodos, todosByState, sortedTodos, byClock, listBy };

function sqlOrder(a, b) {
  // ORDER BY of one column as SQLite sorts: NULL first, then by value (DynamoDB returns rows unsorted)
  if (a === b) return 0;
  if (a == null) return -1;
  if (b == null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
