const express = require('express');
const { GetCommand } = require('@aws-sdk/lib-dynamodb');
const { db, NOTES_TABLE_NAME } = require('./dynamodb');

const app = express();

async function exists(id) {
  return (await db.send(new GetCommand({ TableName: NOTES_TABLE_NAME, Key: { id: id }, ConsistentRead: true }))).Item !== undefined;
}

// find() with a predicate that now reads DynamoDB: no translation that keeps find's early stop, so a TODO
app.post('/notes/first-known', (req, res) => {
  // dynamodb-codemod: TODO this find() callback now reads DynamoDB (it is async), and find() does not wait for promises; load the data before find(), then re-run
  const first = req.body.ids.find(async (id) => await exists(id));
  res.json({ first });
});

module.exports = app;
