const express = require('express');
const router = express.Router();

let notes = [{ id: 1, title: 'First', done: false }];

// every note at once: no single key to update
router.post('/notes/complete-all', (req, res) => {
  // dynamodb-codemod: TODO note is changed inside a loop over every Note; find the item by its id and change it there (or write each change with UpdateCommand), then re-run
  notes.forEach((note) => {
    note.done = true;
  });
  res.json({ ok: true });
});

// a return inside the callback only ends one iteration: not the same as a find
router.patch('/notes/:id', (req, res) => {
  // dynamodb-codemod: TODO note is changed inside a loop over every Note; find the item by its id and change it there (or write each change with UpdateCommand), then re-run
  notes.forEach((note) => {
    if (note.id === Number(req.params.id)) {
      if (!req.body.title) return;
      note.title = req.body.title;
    }
  });
  res.json({ ok: true });
});

module.exports = router;
