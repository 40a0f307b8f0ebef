const express = require('express');
const { nextIdOf } = require('./ids');
const { PutCommand } = require('@aws-sdk/lib-dynamodb');
const { db, scanAll, nextId, COUNTERS_TABLE_NAME, NOTES_TABLE_NAME } = require('./dynamodb');

const app = express();
app.use(express.json());

// a helper from another file, and the id logged: apply cannot tell the helper only computes, so it stays, with a TODO
app.post('/notes/imported', async (req, res, next) => {
  try {
    // dynamodb-codemod: TODO imported is the Note id the app computed from the whole collection (a full Scan on every create), but the new Note is now stored with the counter's next value as id: the other uses of imported report an id that is not the stored one. Use the stored item's id there, then remove imported if nothing else needs it (apply keeps it: its initialiser does more than compute, or calls a function of another file)
    const imported = nextIdOf((await scanAll({ TableName: NOTES_TABLE_NAME })).sort((a, b) => a.id - b.id));
    const note = { id: await nextId(COUNTERS_TABLE_NAME, { counter: 'Note' }), title: req.body.title };
    await db.send(new PutCommand({ TableName: NOTES_TABLE_NAME, Item: note }));
    console.log('created note', imported);
    res.status(201).json(note);
  } catch (err) {
    next(err);
  }
});

let issued = 0;

// a helper that counts what it issued: the call stays (its count would be lost), with a TODO since the id is returned
function issueNoteId(list) {
  issued += 1;
  return list.length + issued;
}

app.post('/notes/issued', async (req, res, next) => {
  try {
    // dynamodb-codemod: TODO ticket is the Note id the app computed from the whole collection (a full Scan on every create), but the new Note is now stored with the counter's next value as id: the other uses of ticket report an id that is not the stored one. Use the stored item's id there, then remove ticket if nothing else needs it (apply keeps it: its initialiser does more than compute, or calls a function of another file)
    const ticket = issueNoteId((await scanAll({ TableName: NOTES_TABLE_NAME })).sort((a, b) => a.id - b.id));
    await db.send(new PutCommand({ TableName: NOTES_TABLE_NAME, Item: { id: await nextId(COUNTERS_TABLE_NAME, { counter: 'Note' }), title: req.body.title } }));
    res.status(201).json({ ticket });
  } catch (err) {
    next(err);
  }
});

// reassigned after it fed the id: no longer only the new note's id, so it stays, with a TODO
app.post('/notes/reassigned', async (req, res, nextFn) => {
  try {
    // dynamodb-codemod: TODO next is the Note id the app computed from the whole collection (a full Scan on every create), but the new Note is now stored with the counter's next value as id: the other uses of next report an id that is not the stored one. Use the stored item's id there, then remove next if nothing else needs it (apply keeps it: it is assigned again)
    let next = (await scanAll({ TableName: NOTES_TABLE_NAME })).sort((a, b) => a.id - b.id).length + 1;
    await db.send(new PutCommand({ TableName: NOTES_TABLE_NAME, Item: { id: await nextId(COUNTERS_TABLE_NAME, { counter: 'Note' }), title: req.body.title } }));
    next = next * 10;
    res.status(201).json({ next });
  } catch (err) {
    nextFn(err);
  }
});
