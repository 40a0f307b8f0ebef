const express = require('express');

const { GetCommand } = require('@aws-sdk/lib-dynamodb');
const { db, NOTES_TABLE_NAME } = require('./dynamodb');

const app = express();

async function findNote(id) {
  return (await db.send(new GetCommand({ TableName: NOTES_TABLE_NAME, Key: { id: id } }))).Item;
}

async function exists(id) {
  return (await findNote(id)) !== undefined;
}

app.post('/notes/check', async (req, res, next) => {
  try {
    const ids = req.body.ids;
    // dynamodb-codemod: TODO this filter() callback now reads DynamoDB (it is async), and filter() does not wait for promises; load the data before filter(), then re-run
    const known = ids.filter(async id => await exists(id));
    const found = await Promise.all(ids.map(async id => await findNote(id)));
    await Promise.all(ids.map(async id => {
      console.log(await findNote(id));
    }));
    res.json({ known, found });
  } catch (err) {
    next(err);
  }
});

module.exports = app;
