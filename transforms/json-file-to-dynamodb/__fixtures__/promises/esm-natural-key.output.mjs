import express from 'express';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, updateParams, isConditionFailed, LINKS_TABLE_NAME } from './dynamodb.mjs';
const app = express();
app.use(express.json());

app.post('/links', async (req, res, next) => {
  try {
    if ((await db.send(new GetCommand({ TableName: LINKS_TABLE_NAME, Key: { code: req.body.code }, ConsistentRead: true }))).Item !== undefined) {
      return res.status(409).json({ error: 'code taken' });
    }
    const link = { code: req.body.code, url: req.body.url, clicks: 0 };
    try {
      await db.send(new PutCommand({
        TableName: LINKS_TABLE_NAME,
        Item: link,
        ConditionExpression: 'attribute_not_exists(#key)',
        ExpressionAttributeNames: { '#key': 'code' },
      }));
    } catch (putError) {
      if (isConditionFailed(putError)) {
        return res.status(409).json({ error: 'code taken' });
      }
      throw putError;
    }
    res.status(201).json(link);
  } catch (err) {
    next(err);
  }
});

app.get('/:code', async (req, res, next) => {
  try {
    const { Item: link } = await db.send(new GetCommand({ TableName: LINKS_TABLE_NAME, Key: { code: req.params.code }, ConsistentRead: true }));
    if (!link) return res.status(404).send('Not found');
    link.clicks += 1;
    await db.send(new UpdateCommand(updateParams(LINKS_TABLE_NAME, { code: req.params.code }, link)));
    res.redirect(302, link.url);
  } catch (err) {
    next(err);
  }
});

export default app;
