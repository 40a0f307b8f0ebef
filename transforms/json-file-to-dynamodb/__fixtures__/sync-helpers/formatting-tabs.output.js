const express = require('express');
const { DeleteCommand, GetCommand, PutCommand, UpdateCommand } = require('@aws-sdk/lib-dynamodb');
const { db, scanAll, nextId, updateParams, BOOKMARKS_TABLE_NAME, COUNTERS_TABLE_NAME } = require('./dynamodb');

const app = express();
app.use(express.json());

app.get('/bookmarks', async (req, res, next) => {
	try {
		let bookmarks = (await scanAll({ TableName: BOOKMARKS_TABLE_NAME })).sort((a, b) => a.id - b.id);
		if (req.query.tag) bookmarks = bookmarks.filter((b) => b.tags.includes(req.query.tag));
		res.json({ total: bookmarks.length, bookmarks: bookmarks.slice(0, 10) });
	} catch (err) {
		next(err);
	}
});

app.post('/bookmarks', async (req, res, next) => {
	try {
		const bookmark = { id: await nextId(COUNTERS_TABLE_NAME, { counter: 'Bookmark' }), title: req.body.title, tags: [] };
		await db.send(new PutCommand({ TableName: BOOKMARKS_TABLE_NAME, Item: bookmark }));
		res.status(201).json(bookmark);
	} catch (err) {
		next(err);
	}
});

app.patch('/bookmarks/:id', async (req, res, next) => {
	try {
		const { Item: bookmark } = await db.send(new GetCommand({ TableName: BOOKMARKS_TABLE_NAME, Key: { id: parseInt(req.params.id) }, ConsistentRead: true }));
		if (!bookmark) return res.status(404).json({ error: 'Bookmark not found' });
		bookmark.title = req.body.title;
		await db.send(new UpdateCommand(updateParams(BOOKMARKS_TABLE_NAME, { id: parseInt(req.params.id) }, bookmark)));
		res.json(bookmark);
	} catch (err) {
		next(err);
	}
});

app.delete('/bookmarks/:id', async (req, res, next) => {
	try {
		const { Attributes: deletedBookmark } = await db.send(new DeleteCommand({ TableName: BOOKMARKS_TABLE_NAME, Key: { id: parseInt(req.params.id) }, ReturnValues: 'ALL_OLD' }));
		if (!deletedBookmark) {
			return res.status(404).json({ error: 'Bookmark not found' });
		}
		res.status(204).end();
	} catch (err) {
		next(err);
	}
});

module.exports = app;
