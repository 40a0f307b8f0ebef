const express = require('express');

const app = express();
let notes = [];

// "did the filter remove anything?" asked with < : one DeleteCommand with ALL_OLD
app.delete('/notes/:id', (req, res) => {
  const before = notes.length;
  notes = notes.filter((n) => n.id !== Number(req.params.id));
  if (notes.length < before) return res.sendStatus(204);
  res.status(404).json({ error: 'note not found' });
});

module.exports = app;
