const express = require('express');
const { GetCommand } = require('@aws-sdk/lib-dynamodb');
const { db, BOOKMARKS_TABLE_NAME } = require('./dynamodb');

const app = express();

// each read parses the file again: decorating the copy changes nothing stored, so nothing is written
app.get('/bookmarks/:id', async (req, res, next) => {
  try {
    const { Item: bookmark } = await db.send(new GetCommand({ TableName: BOOKMARKS_TABLE_NAME, Key: { id: Number(req.params.id) }, ConsistentRead: true }));
    if (!bookmark) return res.status(404).json({ error: 'not found' });
    bookmark.url = bookmark.url.toLowerCase();
    res.json(bookmark);
  } catch (err) {
    next(err);
  }
});

module.exports = app;
