const express = require('express');
const { PutCommand } = require('@aws-sdk/lib-dynamodb');
const { db, scanAll, nextId, COUNTERS_TABLE_NAME, NOTES_TABLE_NAME } = require('./dynamodb');

const app = express();
app.use(express.json());

// the highest id plus one, in a helper given the whole array: it goes with the id it fed
function nextNoteId(list) {
  let highest = 0;
  for (const note of list) if (note.id > highest) highest = note.id;
  return highest + 1;
}

app.post('/notes', async (req, res, next) => {
  try {
    const note = { id: await nextId(COUNTERS_TABLE_NAME, { counter: 'Note' }), title: req.body.title };
    await db.send(new PutCommand({ TableName: NOTES_TABLE_NAME, Item: note }));
    res.status(201).json(note);
  } catch (err) {
    next(err);
  }
});

// the id logged as well: another use, so the variable and its read stay
app.post('/notes/logged', async (req, res, next) => {
  try {
    const logged = nextNoteId((await scanAll({ TableName: NOTES_TABLE_NAME })).sort((a, b) => a.id - b.id));
    console.log('new note', logged);
    const note = { id: await nextId(COUNTERS_TABLE_NAME, { counter: 'Note' }), title: req.body.title };
    await db.send(new PutCommand({ TableName: NOTES_TABLE_NAME, Item: note }));
    res.status(201).json(note);
  } catch (err) {
    next(err);
  }
});
