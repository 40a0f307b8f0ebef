var express = require('express')
const { GetCommand, UpdateCommand } = require('@aws-sdk/lib-dynamodb')
const { db, updateParams, NOTES_TABLE_NAME } = require('./dynamodb')
var app = express()

// the classic lookup loop: the change to notes[i] is written back before the early return
app.put('/notes/:id', async function (req, res, next) {
  try {
    var { Item: note } = await db.send(new GetCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(req.params.id) }, ConsistentRead: true }))
    if (note) {
      note.title = req.body.title || note.title
      await db.send(new UpdateCommand(updateParams(NOTES_TABLE_NAME, { id: Number(req.params.id) }, note)))
      return res.json(note)
    }
    res.status(404).json({ error: 'note not found' })
  } catch (err) {
    next(err)
  }
})

module.exports = app
