const express = require('express');

const app = express();
let notes = [];

// filtered out, and the answer is the same either way: a plain DeleteCommand
app.delete('/notes/:id', (req, res) => {
  notes = notes.filter((n) => n.id !== Number(req.params.id));
  res.sendStatus(204);
});

module.exports = app;
