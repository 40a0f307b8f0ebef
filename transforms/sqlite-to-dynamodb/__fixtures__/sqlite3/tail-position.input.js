const express = require('express')
const sqlite3 = require('sqlite3')

// the CREATE TABLE is one node-sql-parser rejects (a two-word type) and SQLite accepts
const db = new sqlite3.Database('./readings.sqlite', (err) => {
  if (err) {
    console.error(err.message)
  } else {
    db.run(`CREATE TABLE reading (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      station text,
      celsius DOUBLE PRECISION NOT NULL,
      taken_at text UNIQE,
      CONSTRAINT taken_at UNIQUE (taken_at)
    )`, (err) => {
      if (err) console.log('reading table exists')
    })
  }
})

const app = express()
app.use(express.json())

// the INSERT is the last statement of the last branch of the handler's last statement: nothing runs after it
app.post('/readings', (req, res) => {
  const problems = []
  if (!req.body.station) {
    problems.push('station')
    res.status(400).json({ problems })
  } else if (typeof req.body.celsius !== 'number') {
    res.status(400).json({ error: 'celsius must be a number' })
    return
  } else {
    db.run('INSERT INTO reading (station, celsius, taken_at) VALUES (?, ?, ?)', [req.body.station, req.body.celsius, new Date().toISOString()], function (err) {
      if (err) {
        res.status(500).json({ error: err.message })
        return
      }
      res.status(201).json({ id: this.lastID })
    })
  }
})

app.get('/readings/:id', (req, res) => {
  if (req.query.verbose) {
    console.log('reading', req.params.id)
  }
  if (req.params.id) {
    db.get('SELECT * FROM reading WHERE id = ?', [req.params.id], (err, row) => {
      if (err) return res.status(500).json({ error: err.message })
      if (!row) return res.status(404).json({ error: 'not found' })
      res.json(row)
    })
  }
})

// code after the branch runs before the callback: this one stays a TODO
app.delete('/readings/:id', (req, res) => {
  if (req.params.id) {
    db.run('DELETE FROM reading WHERE id = ?', [req.params.id], function (err) {
      if (err) return res.status(500).json({ error: err.message })
      res.json({ deleted: this.changes })
    })
  }
  console.log('delete requested')
})

app.listen(3000)
