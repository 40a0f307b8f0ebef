const express = require('express');
const { PutCommand } = require('@aws-sdk/lib-dynamodb');
const { db, nextId, COUNTERS_TABLE_NAME, NOTES_TABLE_NAME } = require('./dynamodb');

const app = express();
app.use(express.json());

app.post('/notes', async (req, res, next) => {
  try {
    const note = { id: await nextId(COUNTERS_TABLE_NAME, { counter: 'Note' }), title: req.body.title };
    await db.send(new PutCommand({ TableName: NOTES_TABLE_NAME, Item: note }));
    res.status(201).json(note);
  } catch (err) {
    next(err);
  }
});

// the id logged as well: the variable takes the counter's id, so the log shows the stored id (no Scan left)
app.post('/notes/logged', async (req, res, next) => {
  try {
    const logged = await nextId(COUNTERS_TABLE_NAME, { counter: 'Note' });
    console.log('new note', logged);
    const note = { id: logged, title: req.body.title };
    await db.send(new PutCommand({ TableName: NOTES_TABLE_NAME, Item: note }));
    res.status(201).json(note);
  } catch (err) {
    next(err);
  }
});
