var express = require('express')
var app = express()

var notes = []

// the classic lookup loop: the change to notes[i] is written back before the early return
app.put('/notes/:id', function (req, res) {
  for (var i = 0; i < notes.length; i++) {
    if (notes[i].id == req.params.id) {
      notes[i].title = req.body.title || notes[i].title
      return res.json(notes[i])
    }
  }
  res.status(404).json({ error: 'note not found' })
})

module.exports = app
