const express = require('express');
const { DeleteCommand, UpdateCommand } = require('@aws-sdk/lib-dynamodb');
const { db: dynamoDb, updateParams, isConditionFailed, NOTES_TABLE_NAME } = require('./dynamodb');

const router = express.Router();

// The run's changes are tested in place: no result variable.
router.delete('/notes/:id', async (req, res, next) => {
  try {
    if (!(await dynamoDb.send(new DeleteCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(req.params.id) }, ReturnValues: 'ALL_OLD' }))).Attributes) {
      return res.status(404).json({ error: 'Note not found' });
    }
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

router.put('/notes/:id', async (req, res, next) => {
  try {
    const changed = (await dynamoDb
      .send(new UpdateCommand(updateParams(NOTES_TABLE_NAME, { id: Number(req.params.id) }, {
      title: req.body.title
    })))
      .catch((error) => {
        if (isConditionFailed(error)) return { Attributes: undefined };
        throw error;
      })).Attributes ? 1 : 0;
    if (!changed) return res.status(404).json({ error: 'Note not found' });
    res.json({ id: Number(req.params.id), title: req.body.title });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
