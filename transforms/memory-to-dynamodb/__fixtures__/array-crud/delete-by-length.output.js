const express = require('express');
const { DeleteCommand } = require('@aws-sdk/lib-dynamodb');
const { db, NOTES_TABLE_NAME } = require('./dynamodb');

const app = express();

// "did the filter remove anything?" asked with < : one DeleteCommand with ALL_OLD
app.delete('/notes/:id', async (req, res, next) => {
  try {
    const { Attributes: deletedNote } = await db.send(new DeleteCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(req.params.id) }, ReturnValues: 'ALL_OLD' }));
    if (deletedNote !== undefined) return res.sendStatus(204);
    res.status(404).json({ error: 'note not found' });
  } catch (err) {
    next(err);
  }
});

module.exports = app;
