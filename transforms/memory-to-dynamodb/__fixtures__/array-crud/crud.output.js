const express = require('express');
const { DeleteCommand, GetCommand, PutCommand, UpdateCommand } = require('@aws-sdk/lib-dynamodb');
const { db, scanAll, nextId, updateParams, COUNTERS_TABLE_NAME, NOTES_TABLE_NAME } = require('./dynamodb');

const app = express();
app.use(express.json());

app.get('/notes', async (req, res, next) => {
  try {
    res.json((await scanAll({ TableName: NOTES_TABLE_NAME })).sort((a, b) => a.id - b.id));
  } catch (err) {
    next(err);
  }
});

app.get('/notes/:id', async (req, res, next) => {
  try {
    const { Item: note } = await db.send(new GetCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(req.params.id) }, ConsistentRead: true }));
    if (!note) return res.status(404).json({ error: 'not found' });
    res.json(note);
  } catch (err) {
    next(err);
  }
});

app.post('/notes', async (req, res, next) => {
  try {
    const note = { id: await nextId(COUNTERS_TABLE_NAME, { counter: 'Note' }), title: req.body.title, done: false };
    await db.send(new PutCommand({ TableName: NOTES_TABLE_NAME, Item: note }));
    res.status(201).json(note);
  } catch (err) {
    next(err);
  }
});

app.put('/notes/:id', async (req, res, next) => {
  try {
    let { Item: note } = await db.send(new GetCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(req.params.id) }, ConsistentRead: true }));
    if (!note) return res.status(404).json({ error: 'not found' });
    note = { ...note, ...req.body };
    await db.send(new UpdateCommand(updateParams(NOTES_TABLE_NAME, { id: Number(req.params.id) }, note)));
    res.json(note);
  } catch (err) {
    next(err);
  }
});

app.patch('/notes/:id/done', async (req, res, next) => {
  try {
    const { Item: note } = await db.send(new GetCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(req.params.id) }, ConsistentRead: true }));
    if (!note) return res.status(404).json({ error: 'not found' });
    note.done = true;
    await db.send(new UpdateCommand(updateParams(NOTES_TABLE_NAME, { id: Number(req.params.id) }, note)));
    res.json(note);
  } catch (err) {
    next(err);
  }
});

app.delete('/notes/:id', async (req, res, next) => {
  try {
    const { Attributes: note } = await db.send(new DeleteCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(req.params.id) }, ReturnValues: 'ALL_OLD' }));
    if (!note) return res.status(404).json({ error: 'not found' });
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

module.exports = app;
