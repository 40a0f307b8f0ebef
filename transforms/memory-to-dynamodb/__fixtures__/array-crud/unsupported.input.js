const express = require('express');

const app = express();
let notes = [];

app.get('/notes', (req, res) => {
  res.json(notes);
});

app.post('/notes/reverse', (req, res) => {
  notes.reverse();
  res.json({ reversed: true });
});

module.exports = app;
