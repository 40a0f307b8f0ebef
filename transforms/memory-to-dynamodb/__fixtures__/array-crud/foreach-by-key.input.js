const express = require('express');
const router = express.Router();

let notes = [{ id: 1, title: 'First', done: false }];

// mark one note done: loop over all of them, change the one with the id
router.patch('/notes/:id/done', (req, res) => {
  let changed = null;
  notes.forEach((note) => {
    if (note.id === Number(req.params.id)) {
      note.done = true;
      changed = note;
    }
  });
  if (!changed) return res.status(404).json({ error: 'not found' });
  res.json(changed);
});

router.delete('/notes/:id', function (req, res) {
  let removed = false;
  notes.forEach(function (note, i) {
    if (Number(req.params.id) == note.id) {
      notes.splice(i, 1);
      removed = true;
    }
  });
  res.status(removed ? 204 : 404).end();
});

module.exports = router;
