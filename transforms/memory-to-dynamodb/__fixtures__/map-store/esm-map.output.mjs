import express from 'express';
import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, scanAll, updateParams, TODOS_TABLE_NAME } from './dynamodb.mjs';

const app = express();
app.use(express.json());

app.get('/todos', async (req, res, next) => {
  try {
    const result = (await scanAll({ TableName: TODOS_TABLE_NAME })).filter((todo) => !req.query.open || !todo.completed);
    res.json({ items: result, total: (await scanAll({ TableName: TODOS_TABLE_NAME })).length });
  } catch (err) {
    next(err);
  }
});

app.get('/todos/:id', async (req, res, next) => {
  try {
    const { Item: todo } = await db.send(new GetCommand({ TableName: TODOS_TABLE_NAME, Key: { id: req.params.id }, ConsistentRead: true }));
    if (!todo) return res.status(404).json({ error: 'Todo not found' });
    res.json(todo);
  } catch (err) {
    next(err);
  }
});

app.post('/todos', async (req, res, next) => {
  try {
    const todo = { id: randomUUID(), title: req.body.title, completed: false };
    await db.send(new PutCommand({ TableName: TODOS_TABLE_NAME, Item: todo }));
    res.status(201).json(todo);
  } catch (err) {
    next(err);
  }
});

app.patch('/todos/:id', async (req, res, next) => {
  try {
    if (!(await db.send(new GetCommand({ TableName: TODOS_TABLE_NAME, Key: { id: req.params.id }, ConsistentRead: true }))).Item) return res.status(404).json({ error: 'Todo not found' });
    const updated = { ...(await db.send(new GetCommand({ TableName: TODOS_TABLE_NAME, Key: { id: req.params.id }, ConsistentRead: true }))).Item, ...req.body };
    await db.send(new UpdateCommand(updateParams(TODOS_TABLE_NAME, { id: req.params.id }, updated)));
    res.json(updated);
  } catch (err) {
    next(err);
  }
});

app.delete('/todos/:id', async (req, res, next) => {
  try {
    const deleted = (await db.send(new DeleteCommand({ TableName: TODOS_TABLE_NAME, Key: { id: req.params.id }, ReturnValues: 'ALL_OLD' }))).Attributes !== undefined;
    if (!deleted) return res.status(404).json({ error: 'Todo not found' });
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

export default app;
