const express = require('express');
const Database = require('better-sqlite3');
const { PutCommand } = require('@aws-sdk/lib-dynamodb');
const { db: dynamoDb, nextId, isConditionFailed, putUnique, COUNTERS_TABLE_NAME, POST_TAGS_TABLE_NAME, TAGS_TABLE_NAME } = require('./dynamodb');

const db = new Database('blog.db');

const router = express.Router();

// A tag that exists already is left as it is.
router.post('/tags', async (req, res, next) => {
  try {
    await putUnique({ TableName: TAGS_TABLE_NAME, Item: {
      id: await nextId(COUNTERS_TABLE_NAME, { counter: 'Tag' }),
      name: req.body.name
    } }).catch((error) => {
      if (!isConditionFailed(error)) throw error;
    });
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

// Tagging twice is harmless.
router.put('/posts/:postId/tags/:tagId', async (req, res, next) => {
  try {
    await dynamoDb.send(new PutCommand({
      TableName: POST_TAGS_TABLE_NAME,
      Item: {
        post_id: Number(req.params.postId),
        tag_id: Number(req.params.tagId)
      },
      ConditionExpression: 'attribute_not_exists(#key)',
      ExpressionAttributeNames: { '#key': 'post_id' },
    })).catch((error) => {
      if (!isConditionFailed(error)) throw error;
    });
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

// OR REPLACE stays a TODO.
router.put('/tags/:id', (req, res) => {
  // dynamodb-codemod: TODO replace: choose a conditional put or an update for the conflict, then re-run
  db.prepare('INSERT OR REPLACE INTO tags (id, name) VALUES (?, ?)').run(req.params.id, req.body.name);
  res.status(204).end();
});

module.exports = router;
