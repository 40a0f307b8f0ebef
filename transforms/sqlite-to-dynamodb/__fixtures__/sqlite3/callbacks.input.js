const express = require('express')
const sqlite3 = require('sqlite3').verbose()

const db = new sqlite3.Database('tasks.sqlite')
db.run(`CREATE TABLE IF NOT EXISTS tasks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL,
  done INTEGER NOT NULL DEFAULT 0,
  priority TEXT NOT NULL DEFAULT 'normal',
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
)`)

const app = express()
app.use(express.json())

app.get('/tasks/:id', (req, res) => {
  db.get('SELECT * FROM tasks WHERE id = ?', [req.params.id], (err, row) => {
    if (err) {
      res.status(400).json({ error: err.message })
      return
    }
    if (!row) return res.status(404).json({ error: 'Task not found' })
    res.json({ ...row, done: row.done === 1 })
  })
})

app.get('/tasks', (req, res) => {
  db.all('SELECT * FROM tasks WHERE priority = ? ORDER BY created_at DESC', [req.query.priority], (err, rows) => {
    if (err) return res.status(500).json({ error: err.message })
    res.json(rows)
  })
})

app.post('/tasks', (req, res) => {
  db.run('INSERT INTO tasks (title, done) VALUES (?, ?)', [req.body.title, req.body.done ? 1 : 0], function (err) {
    if (err) {
      res.status(400).json({ error: err.message })
      return
    }
    db.get('SELECT * FROM tasks WHERE id = ?', [this.lastID], (err, row) => {
      res.status(201).json({ data: row, id: this.lastID })
    })
  })
})

app.patch('/tasks/:id', (req, res) => {
  db.run('UPDATE tasks SET title = COALESCE(?, title), done = COALESCE(?, done) WHERE id = ?', [req.body.title, req.body.done, req.params.id], function (err) {
    if (err) return res.status(400).json({ error: err.message })
    if (this.changes === 0) return res.status(404).json({ error: 'Task not found' })
    res.json({ changes: this.changes })
  })
})

app.delete('/tasks/:id', (req, res) => {
  db.run('DELETE FROM tasks WHERE id = ?', req.params.id, function (err) {
    if (err) {
      res.status(400).json({ error: err.message })
    } else if (this.changes === 0) {
      res.status(404).json({ error: 'Task not found' })
    } else {
      res.status(204).end()
    }
  })
})

// A hand-made promise wrapper around one query
function findTask(id) {
  return new Promise((resolve, reject) => {
    db.get('SELECT * FROM tasks WHERE id = ?', [id], (err, row) => {
      if (err) reject(err)
      else resolve(row)
    })
  })
}

module.exports = { app, findTask }
