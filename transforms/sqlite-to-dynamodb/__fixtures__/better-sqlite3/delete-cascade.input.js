const express = require('express');
const Database = require('better-sqlite3');

const db = new Database('blog.db');
db.pragma('foreign_keys = ON');
db.exec(`
  CREATE TABLE IF NOT EXISTS posts (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    body TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS post_tags (
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (post_id, tag)
  );
`);

const router = express.Router();

router.get('/posts/:id/comments', (req, res) => {
  res.json(db.prepare('SELECT * FROM comments WHERE post_id = ?').all(req.params.id));
});

// A comment is removed only through the post it belongs to.
router.delete('/posts/:postId/comments/:id', (req, res) => {
  const info = db.prepare('DELETE FROM comments WHERE id = ? AND post_id = ?').run(req.params.id, req.params.postId);
  if (info.changes === 0) return res.status(404).end();
  res.status(204).end();
});

// Its comments and tags go with it (ON DELETE CASCADE).
router.delete('/posts/:id', (req, res) => {
  const info = db.prepare('DELETE FROM posts WHERE id = ?').run(req.params.id);
  if (info.changes === 0) return res.status(404).end();
  res.status(204).end();
});

router.post('/posts/:id/forget', (req, res) => {
  db.prepare('DELETE FROM posts WHERE id = ?').run(req.params.id);
  res.status(204).end();
});

module.exports = router;
