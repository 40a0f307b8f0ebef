const express = require('express');
const router = express.Router();

let notes = [{ id: 1, title: 'First', done: false }];

// `note` already names something else here: restating the loop as `const note = …find(…)` would clash
router.patch('/notes/:id/done', (req, res) => {
  const note = { requestedBy: req.ip };
  notes.forEach((note) => {
    if (note.id === Number(req.params.id)) {
      note.done = true;
    }
  });
  res.json(note);
});

module.exports = router;
