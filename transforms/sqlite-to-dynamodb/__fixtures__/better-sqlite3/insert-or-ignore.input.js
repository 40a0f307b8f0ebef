const express = require('express');
const Database = require('better-sqlite3');

const db = new Database('blog.db');
db.exec(`
  CREATE TABLE IF NOT EXISTS tags (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE);
  CREATE TABLE IF NOT EXISTS post_tags (
    post_id INTEGER NOT NULL,
    tag_id INTEGER NOT NULL,
    PRIMARY KEY (post_id, tag_id)
  );
`);

const router = express.Router();

// A tag that exists already is left as it is.
router.post('/tags', (req, res) => {
  db.prepare('INSERT OR IGNORE INTO tags (name) VALUES (?)').run(req.body.name);
  res.status(204).end();
});

// Tagging twice is harmless.
router.put('/posts/:postId/tags/:tagId', (req, res) => {
  db.prepare('INSERT INTO post_tags (post_id, tag_id) VALUES (?, ?) ON CONFLICT DO NOTHING').run(req.params.postId, req.params.tagId);
  res.status(204).end();
});

// OR REPLACE stays a TODO.
router.put('/tags/:id', (req, res) => {
  db.prepare('INSERT OR REPLACE INTO tags (id, name) VALUES (?, ?)').run(req.params.id, req.body.name);
  res.status(204).end();
});

module.exports = router;
