const Database = require('better-sqlite3');
const db = new Database('todos.db');
db.exec('CREATE TABLE IF NOT EXISTS todos (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL)');

// newest or oldest first, chosen by the caller
function listTodos(newestFirst) {
  return db.prepare(`SELECT * FROM todos ORDER BY created_at ${newestFirst ? 'DESC' : 'ASC'}`).all();
}

// done or open ones: the flag is written into the SQL as 1 or 0
function todosByState(done) {
  return db.prepare(`SELECT id, title FROM todos WHERE done = ${done ? 1 : 0} ORDER BY id`).all();
}

// sort column and direction both chosen inline; nested ternary for three columns
function sortedTodos(sort, desc) {
  return db.prepare(`SELECT * FROM todos ORDER BY ${sort === 'title' ? 'title' : sort === 'done' ? 'done' : 'created_at'} ${desc ? 'DESC' : 'ASC'}`).all();
}

// a condition with a call may differ from one evaluation to the next: stays a TODO
function byClock() {
  return db.prepare(`SELECT * FROM todos ORDER BY id ${Date.now() % 2 ? 'DESC' : 'ASC'}`).all();
}

// the column comes from the caller: no known text, stays a TODO
function listBy(column) {
  return db.prepare(`SELECT * FROM todos ORDER BY ${column}`).all();
}

module.exports = { listTodos, todosByState, sortedTodos, byClock, listBy };
