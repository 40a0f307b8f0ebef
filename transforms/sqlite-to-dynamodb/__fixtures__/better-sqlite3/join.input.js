const express = require('express');
const Database = require('better-sqlite3');

const db = new Database('blog.db');
db.exec(`
  CREATE TABLE IF NOT EXISTS authors (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, bio TEXT);
  CREATE TABLE IF NOT EXISTS posts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    author_id INTEGER NOT NULL REFERENCES authors(id),
    title TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS tags (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS post_tags (
    post_id INTEGER NOT NULL REFERENCES posts(id),
    tag_id INTEGER NOT NULL REFERENCES tags(id),
    PRIMARY KEY (post_id, tag_id)
  );
`);

const postById = db.prepare(`
  SELECT p.*, a.name AS author_name
  FROM posts p
  JOIN authors a ON a.id = p.author_id
  WHERE p.id = ?
`);

const router = express.Router();

// newest first, each with its author's name
router.get('/posts', (req, res) => {
  const rows = db
    .prepare('SELECT p.*, a.name AS author_name FROM posts p JOIN authors a ON a.id = p.author_id ORDER BY p.created_at DESC, p.id DESC')
    .all();
  res.json(rows);
});

router.get('/authors/:id/posts', (req, res) => {
  res.json(db.prepare('SELECT p.title, a.name AS author FROM posts p INNER JOIN authors a ON p.author_id = a.id WHERE p.author_id = ?').all(req.params.id));
});

router.get('/posts/:id', (req, res) => {
  const post = postById.get(req.params.id);
  if (!post) return res.status(404).end();
  const tags = db.prepare('SELECT t.name FROM tags t JOIN post_tags pt ON pt.tag_id = t.id WHERE pt.post_id = ? ORDER BY t.name').all(post.id);
  res.json({ ...post, tags: tags.map((t) => t.name) });
});

// Authors without posts are listed too: stays a TODO.
router.get('/authors', (req, res) => {
  res.json(db.prepare('SELECT a.*, p.title FROM authors a LEFT JOIN posts p ON p.author_id = a.id').all());
});

module.exports = router;
