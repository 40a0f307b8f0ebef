const express = require('express')
const Database = require('better-sqlite3')

const db = new Database('notes.db')
db.exec('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL)')

const app = express()
app.use(express.json())

app.get('/notes/:id', (req, res) => {
  const note = db.prepare('SELECT * FROM notes WHERE id = ?').get(req.params.id)
  // a missing note is a 404
  if (!note) return res.status(404).json({ error: 'not found' })
  res.json(note)
})

app.delete('/notes/:id', (req, res) => {
  const info = db.prepare('DELETE FROM notes WHERE id = ?').run(req.params.id)
  /* nothing deleted: it was not there */
  if (info.changes === 0) return res.status(404).json({ error: 'not found' })
  res.status(204).end()
})

app.listen(3000)
