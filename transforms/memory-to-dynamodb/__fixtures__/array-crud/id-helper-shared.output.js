const express = require('express');
const { PutCommand } = require('@aws-sdk/lib-dynamodb');
const { db, nextId, COUNTERS_TABLE_NAME, NOTES_TABLE_NAME } = require('./dynamodb');

const app = express();
app.use(express.json());

// the highest id plus one, also answered on its own: the variable takes the counter's id, the Scan goes
app.post('/notes', async (req, res, next) => {
  try {
    const newId = await nextId(COUNTERS_TABLE_NAME, { counter: 'Note' });
    await db.send(new PutCommand({ TableName: NOTES_TABLE_NAME, Item: { id: newId, title: req.body.title } }));
    res.status(201).json({ id: newId });
  } catch (err) {
    next(err);
  }
});

app.post('/notes/answered', async (req, res, next) => {
  try {
    const id = await nextId(COUNTERS_TABLE_NAME, { counter: 'Note' });
    const note = { id: id, title: req.body.title };
    await db.send(new PutCommand({ TableName: NOTES_TABLE_NAME, Item: note }));
    console.log('created note', id);
    res.status(201).json({ created: id, note });
  } catch (err) {
    next(err);
  }
});
