const express = require('express');
const router = express.Router();

let notes = [{ id: 1, title: 'First', done: false }];

// `note` already names something else here: restating the loop as `const note = …find(…)` would clash
router.patch('/notes/:id/done', (req, res) => {
  const note = { requestedBy: req.ip };
  // dynamodb-codemod: TODO note is changed inside a loop over every Note; find the item by its id and change it there (or write each change with UpdateCommand), then re-run
  notes.forEach((note) => {
    if (note.id === Number(req.params.id)) {
      note.done = true;
    }
  });
  res.json(note);
});

module.exports = router;
