import express from 'express';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  db as dynamoDb,
  nextId,
  updateParams,
  isConditionFailed,
  COUNTERS_TABLE_NAME,
  PROJECTS_TABLE_NAME,
} from './dynamodb.mjs';

const app = express();
app.use(express.json());

app.post('/projects', async (req, res, next) => {
  try {
    const lastID = await nextId(COUNTERS_TABLE_NAME, { counter: 'Project' });
    await dynamoDb.send(new PutCommand({ TableName: PROJECTS_TABLE_NAME, Item: {
      id: lastID,
      name: req.body.name
    } }));
    res.status(201).json({ id: lastID, name: req.body.name });
  } catch (err) {
    next(err);
  }
});

app.patch('/projects/:id', async (req, res, next) => {
  try {
    const changesResult = await dynamoDb
      .send(new UpdateCommand(updateParams(PROJECTS_TABLE_NAME, { id: Number(req.params.id) }, {
      name: req.body.name
    })))
      .catch((error) => {
        if (isConditionFailed(error)) return { Attributes: undefined };
        throw error;
      });
    const changes = changesResult.Attributes ? 1 : 0;
    if (!changes) return res.status(404).json({ message: 'not found' });
    res.json({ id: Number(req.params.id), name: req.body.name });
  } catch (err) {
    next(err);
  }
});

app.delete('/projects/:id', async (req, res, next) => {
  try {
    const result = await dynamoDb.send(new DeleteCommand({ TableName: PROJECTS_TABLE_NAME, Key: { id: Number(req.params.id) }, ReturnValues: 'ALL_OLD' }));
    const removed = result.Attributes ? 1 : 0;
    if (removed === 0) return res.status(404).json({ message: 'not found' });
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

app.listen(3000);
