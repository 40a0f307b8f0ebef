const express = require('express');
const { DeleteCommand } = require('@aws-sdk/lib-dynamodb');
const { db, NOTES_TABLE_NAME } = require('./dynamodb');

const app = express();

// filtered out, and the answer is the same either way: a plain DeleteCommand
app.delete('/notes/:id', async (req, res, next) => {
  try {
    await db.send(new DeleteCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(req.params.id) } }));
    res.sendStatus(204);
  } catch (err) {
    next(err);
  }
});

module.exports = app;
