const express = require('express');
const { GetCommand } = require('@aws-sdk/lib-dynamodb');
const { db, NOTES_TABLE_NAME } = require('./dynamodb');

const app = express();

async function findNote(id) {
  return (await db.send(new GetCommand({ TableName: NOTES_TABLE_NAME, Key: { id: id }, ConsistentRead: true }))).Item;
}

async function exists(id) {
  return (await findNote(id)) !== undefined;
}

// callers of helpers that became async are awaited: map/forEach through Promise.all, filter keeps the items whose check passed
app.post('/notes/check', async (req, res, next) => {
  try {
    const ids = req.body.ids;
    const known = (await Promise.all(ids.map(async (id) => ((await exists(id)) ? [id] : [])))).flat();
    const found = await Promise.all(ids.map(async (id) => await findNote(id)));
    await Promise.all(ids.map(async (id) => {
      console.log(await findNote(id));
    }));
    res.json({ known, found });
  } catch (err) {
    next(err);
  }
});

module.exports = app;
