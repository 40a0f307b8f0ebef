const sqlite3 = require('sqlite3')
const db = new sqlite3.Database('tasks.sqlite')
db.serialize(() => {
  db.run('CREATE TABLE IF NOT EXISTS tasks (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0, priority TEXT NOT NULL)')
  db.run('PRAGMA journal_mode = WAL')
})

function query(sql, params) {
  return new Promise((resolve, reject) => {
    db.all(sql, params || [], (err, rows) => {
      if (err) reject(err)
      else resolve(rows)
    })
  })
}

async function listTasks(priority) {
  var sql = 'SELECT * FROM tasks'
  var params = []
  if (priority) {
    sql += ' WHERE priority = ?'
    params.push(priority)
  }
  sql += ' ORDER BY id'
  return query(sql, params)
}

async function openTasks() {
  return query('SELECT * FROM tasks WHERE done = 0', [])
}

module.exports = { listTasks, openTasks }
