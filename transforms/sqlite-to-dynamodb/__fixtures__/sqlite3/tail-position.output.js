const express = require('express')
const sqlite3 = require('sqlite3')

const { GetCommand } = require('@aws-sdk/lib-dynamodb')
const { db: dynamoDb, nextId, putUnique, COUNTERS_TABLE_NAME, READINGS_TABLE_NAME } = require('./dynamodb')

function readingRow(item) {
  // a Reading item as the SQLite row this code expects: every column (null when absent)
  return item && {
    id: item.id,
    station: item.station ?? null,
    celsius: item.celsius,
    taken_at: item.taken_at ?? null,
  }
}

// the CREATE TABLE is one node-sql-parser rejects (a two-word type) and SQLite accepts
const db = new sqlite3.Database('./readings.sqlite', (err) => {
  if (err) {
    console.error(err.message)
  }
})

const app = express()
app.use(express.json())

// the INSERT is the last statement of the last branch of the handler's last statement: nothing runs after it
app.post('/readings', async (req, res, next) => {
  try {
    const problems = []
    if (!req.body.station) {
      problems.push('station')
      res.status(400).json({ problems })
    } else if (typeof req.body.celsius !== 'number') {
      res.status(400).json({ error: 'celsius must be a number' })
      return
    } else {
      const readingId = await nextId(COUNTERS_TABLE_NAME, { counter: 'Reading' })
      try {
        await putUnique({ TableName: READINGS_TABLE_NAME, Item: {
          id: readingId,
          station: req.body.station,
          celsius: req.body.celsius,
          taken_at: new Date().toISOString()
        } })
      } catch (err) {
        res.status(500).json({ error: err.message })
        return
      }
      res.status(201).json({ id: readingId })
    }
  } catch (caught) {
    next(caught)
  }
})

app.get('/readings/:id', async (req, res) => {
  if (req.query.verbose) {
    console.log('reading', req.params.id)
  }
  if (req.params.id) {
    let row
    try {
      row = readingRow(
        (await dynamoDb.send(new GetCommand({ TableName: READINGS_TABLE_NAME, Key: { id: Number(req.params.id) }, ConsistentRead: true }))).Item
      )
    } catch (err) {
      return res.status(500).json({ error: err.message })
    }
    if (!row) return res.status(404).json({ error: 'not found' })
    res.json(row)
  }
})

// code after the branch runs before the callback: this one stays a TODO
app.delete('/readings/:id', (req, res) => {
  if (req.params.id) {
    // dynamodb-codemod: TODO code after this call runs before its callback: move it into the callback (or make this the last statement), then re-run
    db.run('DELETE FROM reading WHERE id = ?', [req.params.id], function (err) {
      if (err) return res.status(500).json({ error: err.message })
      res.json({ deleted: this.changes })
    })
  }
  console.log('delete requested')
})

app.listen(3000)
