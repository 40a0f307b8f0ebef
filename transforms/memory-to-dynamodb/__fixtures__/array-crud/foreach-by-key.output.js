const express = require('express');
const { DeleteCommand, GetCommand, UpdateCommand } = require('@aws-sdk/lib-dynamodb');
const { db, updateParams, NOTES_TABLE_NAME } = require('./dynamodb');
const router = express.Router();

// mark one note done: loop over all of them, change the one with the id
router.patch('/notes/:id/done', async (req, res, next) => {
  try {
    let changed = null;
    const { Item: note } = await db.send(new GetCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(req.params.id) }, ConsistentRead: true }));
    if (note) {
      note.done = true;
      await db.send(new UpdateCommand(updateParams(NOTES_TABLE_NAME, { id: Number(req.params.id) }, note)));
      changed = note;
    }
    if (!changed) return res.status(404).json({ error: 'not found' });
    res.json(changed);
  } catch (err) {
    next(err);
  }
});

router.delete('/notes/:id', async function (req, res, next) {
  try {
    let removed = false;
    const { Item: note } = await db.send(new GetCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(req.params.id) }, ConsistentRead: true }));
    if (note !== undefined) {
      await db.send(new DeleteCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(req.params.id) } }));
      removed = true;
    }
    res.status(removed ? 204 : 404).end();
  } catch (err) {
    next(err);
  }
});

module.exports = router;
