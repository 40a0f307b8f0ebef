var express = require('express')
var app = express()

var notes = []

// the index used for something else: a TODO, not a table scan on every step
app.get('/notes/:id/position', function (req, res) {
  // dynamodb-codemod: TODO this loop walks the Note collection by position; read the items once before it (scanAll) or look one up by key (GetCommand), then re-run
  for (let i = 0; i < notes.length; i++) {
    if (notes[i].id === Number(req.params.id)) return res.json({ position: i })
  }
  res.sendStatus(404)
})

module.exports = app
