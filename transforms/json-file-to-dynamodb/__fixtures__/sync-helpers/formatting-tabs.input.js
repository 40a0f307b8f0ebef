const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();
app.use(express.json());

const DATA_FILE =	path.join(__dirname, 'data', 'bookmarks.json');

function readBookmarks() {
	return JSON.parse(fs.readFileSync(DATA_FILE, 'utf-8')).bookmarks;
}

function saveBookmarks(bookmarks) {
	fs.writeFileSync(DATA_FILE, JSON.stringify({ bookmarks }, null, 2));
}

app.get('/bookmarks', (req, res) => {
	let bookmarks = readBookmarks();
	if (req.query.tag) bookmarks = bookmarks.filter((b) => b.tags.includes(req.query.tag));
	res.json({ total: bookmarks.length, bookmarks: bookmarks.slice(0, 10) });
});

app.post('/bookmarks', (req, res) => {
	const bookmarks = readBookmarks();
	const last = bookmarks.reduce((max, b) => (b.id > max.id ? b : max), { id: 0 });
	const bookmark = { id: last.id + 1, title: req.body.title, tags: [] };
	bookmarks.push(bookmark);
	saveBookmarks(bookmarks);
	res.status(201).json(bookmark);
});

app.patch('/bookmarks/:id', (req, res) => {
	const bookmarks = readBookmarks();
	const bookmark = bookmarks.find((b) => b.id === parseInt(req.params.id));
	if (!bookmark) return res.status(404).json({ error: 'Bookmark not found' });
	bookmark.title = req.body.title;
	saveBookmarks(bookmarks);
	res.json(bookmark);
});

app.delete('/bookmarks/:id', (req, res) => {
	const bookmarks = readBookmarks();
	const remaining = bookmarks.filter((b) => b.id !== parseInt(req.params.id));
	if (remaining.length === bookmarks.length) {
		return res.status(404).json({ error: 'Bookmark not found' });
	}
	saveBookmarks(remaining);
	res.status(204).end();
});

module.exports = app;
