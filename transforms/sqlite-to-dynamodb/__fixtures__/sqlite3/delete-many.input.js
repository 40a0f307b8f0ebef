const express = require('express')
const sqlite3 = require('sqlite3').verbose()

const db = new sqlite3.Database('todos.sqlite')
db.run(`CREATE TABLE IF NOT EXISTS todos (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL,
  owner TEXT NOT NULL,
  completed INTEGER NOT NULL DEFAULT 0
)`)

const app = express()
app.use(express.json())

app.get('/todos', (req, res) => {
  db.all('SELECT * FROM todos WHERE owner = ?', [req.query.owner], (err, rows) => {
    if (err) return res.status(500).json({ error: err.message })
    res.json(rows)
  })
})

app.post('/todos', (req, res) => {
  db.run('INSERT INTO todos (title, owner) VALUES (?, ?)', [req.body.title, req.body.owner], function (err) {
    if (err) return res.status(400).json({ error: err.message })
    res.status(201).json({ id: this.lastID })
  })
})

// clear the completed ones: a non-key column
app.delete('/todos/completed', (req, res) => {
  db.run('DELETE FROM todos WHERE completed = 1', function (err) {
    if (err) return res.status(500).json({ error: err.message })
    res.json({ removed: this.changes })
  })
})

// one owner's todos: the GSI the list planned
app.delete('/owners/:owner/todos', (req, res) => {
  db.run('DELETE FROM todos WHERE owner = ?', [req.params.owner], function (err) {
    if (err) return res.status(500).json({ error: err.message })
    res.status(204).end()
  })
})

// everything, then the ids start again at 1
app.delete('/todos', (req, res) => {
  db.get('SELECT COUNT(*) AS count FROM todos', [], (err, row) => {
    if (err) return res.status(500).json({ error: err.message })
    db.run('DELETE FROM todos', function (err) {
      if (err) return res.status(500).json({ error: err.message })
      db.run('DELETE FROM sqlite_sequence WHERE name = ?', ['todos'], function (err) {
        if (err) console.error('could not reset the ids', err)
      })
      res.json({ deleted: row.count })
    })
  })
})

// stays a TODO (LIKE): its callback must stay as written
app.delete('/todos/matching', (req, res) => {
  db.run('DELETE FROM todos WHERE title LIKE ?', [`%${req.query.q}%`], function (err) {
    if (err) return res.status(500).json({ error: err.message })
    res.json({ removed: this.changes })
  })
})

app.listen(process.env.PORT || 3000)
