const express = require('express');
const Database = require('better-sqlite3');

const db = new Database('data.db');
db.exec('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0)');

const router = express.Router();

// The run's changes are tested in place: no result variable.
router.delete('/notes/:id', (req, res) => {
  if (db.prepare('DELETE FROM notes WHERE id = ?').run(req.params.id).changes === 0) {
    return res.status(404).json({ error: 'Note not found' });
  }
  res.status(204).end();
});

router.put('/notes/:id', (req, res) => {
  const changed = db.prepare('UPDATE notes SET title = ? WHERE id = ?').run(req.body.title, req.params.id).changes;
  if (!changed) return res.status(404).json({ error: 'Note not found' });
  res.json({ id: Number(req.params.id), title: req.body.title });
});

module.exports = router;
