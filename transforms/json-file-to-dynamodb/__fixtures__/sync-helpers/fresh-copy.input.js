const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();
const DATA_FILE = path.join(__dirname, 'data', 'bookmarks.json');

function readBookmarks() {
  return JSON.parse(fs.readFileSync(DATA_FILE, 'utf-8')).bookmarks;
}

// each read parses the file again: decorating the copy changes nothing stored, so nothing is written
app.get('/bookmarks/:id', (req, res) => {
  const bookmark = readBookmarks().find((b) => b.id === Number(req.params.id));
  if (!bookmark) return res.status(404).json({ error: 'not found' });
  bookmark.url = bookmark.url.toLowerCase();
  res.json(bookmark);
});

module.exports = app;
