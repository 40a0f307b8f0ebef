const express = require('express');
const { scanAll, NOTES_TABLE_NAME } = require('./dynamodb');

const app = express();
let notes = [];

app.get('/notes', async (req, res, next) => {
  try {
    res.json((await scanAll({ TableName: NOTES_TABLE_NAME })).sort((a, b) => a.id - b.id));
  } catch (err) {
    next(err);
  }
});

app.post('/notes/reverse', (req, res) => {
  // dynamodb-codemod: TODO reverse() changes the Note collection in a way apply cannot translate; replace it with PutCommand/DeleteCommand calls, then re-run
  notes.reverse();
  res.json({ reversed: true });
});

module.exports = app;
