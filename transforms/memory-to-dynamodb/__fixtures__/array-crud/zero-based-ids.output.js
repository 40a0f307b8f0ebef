const express = require('express');
const { PutCommand } = require('@aws-sdk/lib-dynamodb');
const { db, nextId, COUNTERS_TABLE_NAME, NOTES_TABLE_NAME } = require('./dynamodb');

const app = express();
app.use(express.json());

// ids count from 0: the array's length before the push
app.post('/notes', async (req, res, next) => {
  try {
    const note = { id: await nextId(COUNTERS_TABLE_NAME, { counter: 'Note' }), title: req.body.title, done: false };
    await db.send(new PutCommand({ TableName: NOTES_TABLE_NAME, Item: note }));
    res.status(201).json(note);
  } catch (err) {
    next(err);
  }
});
