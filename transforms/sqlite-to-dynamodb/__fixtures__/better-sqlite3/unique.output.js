const express = require('express');
const { GetCommand } = require('@aws-sdk/lib-dynamodb');
const { db: dynamoDb, nextId, updateParams, isConditionFailed, putUnique, updateUnique, deleteUnique, ACCOUNTS_TABLE_NAME, COUNTERS_TABLE_NAME } = require('./dynamodb');

function accountRow(item) {
  // an Account item as the SQLite row this code expects: every column (null when absent)
  return item && {
    id: item.id,
    email: item.email,
    name: item.name,
  };
}

const app = express();
app.use(express.json());

app.get('/accounts/:id', async (req, res, next) => {
  try {
    const account = accountRow(
      (await dynamoDb.send(new GetCommand({ TableName: ACCOUNTS_TABLE_NAME, Key: { id: Number(req.params.id) }, ConsistentRead: true }))).Item
    );
    if (!account) return res.status(404).json({ error: 'not found' });
    res.json(account);
  } catch (err) {
    next(err);
  }
});

app.post('/accounts', async (req, res, next) => {
  try {
    await putUnique({ TableName: ACCOUNTS_TABLE_NAME, Item: {
      id: await nextId(COUNTERS_TABLE_NAME, { counter: 'Account' }),
      email: req.body.email,
      name: req.body.name
    } });
    res.status(201).end();
  } catch (err) {
    next(err);
  }
});

app.put('/accounts/:id', async (req, res, next) => {
  try {
    try {
      const info = await updateUnique(updateParams(ACCOUNTS_TABLE_NAME, { id: Number(req.params.id) }, {
        email: req.body.email,
        name: req.body.name
      }))
        .catch(async (error) => {
          if (isConditionFailed(error) && !(await dynamoDb.send(new GetCommand({ TableName: ACCOUNTS_TABLE_NAME, Key: { id: Number(req.params.id) } }))).Item) return { Attributes: undefined };
          throw error;
        });
      if (!info.Attributes) return res.status(404).json({ error: 'not found' });
      res.json({ id: Number(req.params.id), email: req.body.email, name: req.body.name });
    } catch (err) {
      if (isConditionFailed(err)) return res.status(409).json({ error: 'email taken' });
      throw err;
    }
  } catch (caught) {
    next(caught);
  }
});

app.patch('/accounts/:id/email', async (req, res, next) => {
  try {
    try {
      await updateUnique(updateParams(ACCOUNTS_TABLE_NAME, { id: Number(req.params.id) }, {
        email: req.body.email
      }))
        .catch(async (error) => {
          if (isConditionFailed(error) && !(await dynamoDb.send(new GetCommand({ TableName: ACCOUNTS_TABLE_NAME, Key: { id: Number(req.params.id) } }))).Item) return { Attributes: undefined };
          throw error;
        });
      res.status(204).end();
    } catch (err) {
      if (isConditionFailed(err)) return res.status(409).json({ error: 'email taken' });
      if (err.code === 'SQLITE_BUSY') return res.status(503).end();
      throw err;
    }
  } catch (caught) {
    next(caught);
  }
});

app.delete('/accounts/:id', async (req, res, next) => {
  try {
    const info = await deleteUnique({ TableName: ACCOUNTS_TABLE_NAME, Key: { id: Number(req.params.id) }, ReturnValues: 'ALL_OLD' });
    res.status((info.Attributes ? 1 : 0) ? 204 : 404).end();
  } catch (err) {
    next(err);
  }
});

app.listen(3000);
