const express = require('express')
const { DeleteCommand, GetCommand } = require('@aws-sdk/lib-dynamodb')
const { db: dynamoDb, NOTES_TABLE_NAME } = require('./dynamodb')

function noteRow(item) {
  // a Note item as the SQLite row this code expects: every column (null when absent)
  return item && {
    id: item.id,
    title: item.title,
  }
}

const app = express()
app.use(express.json())

app.get('/notes/:id', async (req, res, next) => {
  try {
    const note = noteRow(
      (await dynamoDb.send(new GetCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(req.params.id) }, ConsistentRead: true }))).Item
    )
    // a missing note is a 404
    if (!note) return res.status(404).json({ error: 'not found' })
    res.json(note)
  } catch (err) {
    next(err)
  }
})

app.delete('/notes/:id', async (req, res, next) => {
  try {
    const info = await dynamoDb.send(new DeleteCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(req.params.id) }, ReturnValues: 'ALL_OLD' }))
    /* nothing deleted: it was not there */
    if (!info.Attributes) return res.status(404).json({ error: 'not found' })
    res.status(204).end()
  } catch (err) {
    next(err)
  }
})

app.listen(3000)
