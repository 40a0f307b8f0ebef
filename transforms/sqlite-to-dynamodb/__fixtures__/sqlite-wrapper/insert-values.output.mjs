import express from 'express';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db as dynamoDb, TICKETS_TABLE_NAME } from './dynamodb.mjs';

const app = express();
app.use(express.json());

app.post('/tickets', async (req, res, next) => {
  try {
    await dynamoDb.send(new PutCommand({
      TableName: TICKETS_TABLE_NAME,
      Item: {
        id: req.body.id,
        title: req.body.title,
        priority: req.body.priority ?? null ?? 3,
        owner: req.body.owner ?? null ?? 'nobody'
      },
      ConditionExpression: 'attribute_not_exists(#key)',
      ExpressionAttributeNames: { '#key': 'id' },
    }));
    res.status(201).end();
  } catch (err) {
    next(err);
  }
});

app.post('/tickets/import', async (req, res, next) => {
  try {
    // rows arrive as [id, title, priority, owner] arrays
    for (const values of req.body.rows) {
      await dynamoDb.send(new PutCommand({
        TableName: TICKETS_TABLE_NAME,
        Item: {
          id: values[0],
          title: values[1],
          priority: values[2],
          owner: values[3]
        },
        ConditionExpression: 'attribute_not_exists(#key)',
        ExpressionAttributeNames: { '#key': 'id' },
      }));
    }
    res.status(201).end();
  } catch (err) {
    next(err);
  }
});

app.listen(3000);
