import express from 'express';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, TODOS_TABLE_NAME } from './dynamodb.mjs';

const app = express();

app.get('/todos/:id', async (req, res, next) => {
  try {
    const { Item: todo } = await db.send(new GetCommand({ TableName: TODOS_TABLE_NAME, Key: { id: req.params.id }, ConsistentRead: true }));
    if (!todo) return res.status(404).json({ error: 'not found' });
    res.json(todo);
  } catch (err) {
    next(err);
  }
});

export default app;
