const express = require('express');
const { DeleteCommand } = require('@aws-sdk/lib-dynamodb');
const { db: dynamoDb, queryAll, isConditionFailed, batchDeleteAll, COMMENTS_TABLE_NAME, POST_TAGS_TABLE_NAME, POSTS_TABLE_NAME } = require('./dynamodb');

function commentRow(item) {
  // a Comment item as the SQLite row this code expects: every column (null when absent)
  return item && {
    id: item.id,
    post_id: item.post_id,
    body: item.body,
  };
}

const router = express.Router();

router.get('/posts/:id/comments', async (req, res, next) => {
  try {
    res.json((await queryAll({
      TableName: COMMENTS_TABLE_NAME,
      IndexName: 'post_id-index',
      KeyConditionExpression: '#attr = :value',
      ExpressionAttributeNames: { '#attr': 'post_id' },
      ExpressionAttributeValues: { ':value': Number(req.params.id) },
    })).map(commentRow));
  } catch (err) {
    next(err);
  }
});

// A comment is removed only through the post it belongs to.
router.delete('/posts/:postId/comments/:id', async (req, res, next) => {
  try {
    const info = await dynamoDb.send(new DeleteCommand({
      TableName: COMMENTS_TABLE_NAME,
      Key: { id: Number(req.params.id) },
      ConditionExpression: '#c0 = :c0',
      ExpressionAttributeNames: { '#c0': 'post_id' },
      ExpressionAttributeValues: { ':c0': Number(req.params.postId) },
      ReturnValues: 'ALL_OLD',
    }))
      .catch((error) => {
        if (isConditionFailed(error)) return {};
        throw error;
      });
    if (!info.Attributes) return res.status(404).end();
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

// Its comments and tags go with it (ON DELETE CASCADE).
router.delete('/posts/:id', async (req, res, next) => {
  try {
    const info = await dynamoDb.send(new DeleteCommand({ TableName: POSTS_TABLE_NAME, Key: { id: Number(req.params.id) }, ReturnValues: 'ALL_OLD' }));
    if (info.Attributes) {
      await batchDeleteAll(COMMENTS_TABLE_NAME, (await queryAll({
        TableName: COMMENTS_TABLE_NAME,
        IndexName: 'post_id-index',
        KeyConditionExpression: '#attr = :value',
        ExpressionAttributeNames: { '#attr': 'post_id' },
        ExpressionAttributeValues: { ':value': info.Attributes.id },
      })).map((item) => ({ id: item.id })));
      await batchDeleteAll(POST_TAGS_TABLE_NAME, (await queryAll({
        TableName: POST_TAGS_TABLE_NAME,
        KeyConditionExpression: '#attr = :value',
        ExpressionAttributeNames: { '#attr': 'post_id' },
        ExpressionAttributeValues: { ':value': info.Attributes.id },
      })).map((item) => ({ post_id: item.post_id, tag: item.tag })));
    }
    if (!info.Attributes) return res.status(404).end();
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

router.post('/posts/:id/forget', async (req, res, next) => {
  try {
    const deleted = await dynamoDb.send(new DeleteCommand({ TableName: POSTS_TABLE_NAME, Key: { id: Number(req.params.id) }, ReturnValues: 'ALL_OLD' }));
    if (deleted.Attributes) {
      await batchDeleteAll(COMMENTS_TABLE_NAME, (await queryAll({
        TableName: COMMENTS_TABLE_NAME,
        IndexName: 'post_id-index',
        KeyConditionExpression: '#attr = :value',
        ExpressionAttributeNames: { '#attr': 'post_id' },
        ExpressionAttributeValues: { ':value': deleted.Attributes.id },
      })).map((item) => ({ id: item.id })));
      await batchDeleteAll(POST_TAGS_TABLE_NAME, (await queryAll({
        TableName: POST_TAGS_TABLE_NAME,
        KeyConditionExpression: '#attr = :value',
        ExpressionAttributeNames: { '#attr': 'post_id' },
        ExpressionAttributeValues: { ':value': deleted.Attributes.id },
      })).map((item) => ({ post_id: item.post_id, tag: item.tag })));
    }
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

module.exports = router;
