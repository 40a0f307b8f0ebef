const express = require('express');
const { randomUUID } = require('crypto');
const { GetCommand } = require('@aws-sdk/lib-dynamodb');
const { db, scanAll, updateParams, isConditionFailed, putUnique, updateUnique, deleteUnique, findByUnique, MEMBERS_TABLE_NAME } = require('./dynamodb');

const app = express();
app.use(express.json());

async function findByEmail(email) {
  return (await findByUnique(MEMBERS_TABLE_NAME, 'email', email))[0];
}

app.get('/members', async (req, res, next) => {
  try {
    if (req.query.email) {
      const member = await findByEmail(req.query.email);
      if (!member) return res.status(404).json({ error: 'not found' });
      return res.json(member);
    }
    res.json(await scanAll({ TableName: MEMBERS_TABLE_NAME }));
  } catch (err) {
    next(err);
  }
});

app.post('/members', async (req, res, next) => {
  try {
    const { name, email } = req.body;
    if (!email) return res.status(400).json({ error: 'email is required' });
    const member = { id: randomUUID(), name, email };
    try {
      await putUnique({ TableName: MEMBERS_TABLE_NAME, Item: member });
    } catch (putError) {
      if (isConditionFailed(putError)) {
        return res.status(409).json({ error: 'email already registered' });
      }
      throw putError;
    }
    res.status(201).json(member);
  } catch (err) {
    next(err);
  }
});

app.post('/members/quick', async (req, res, next) => {
  try {
    const member = { id: randomUUID(), email: req.body.email };
    try {
      await putUnique({ TableName: MEMBERS_TABLE_NAME, Item: member });
    } catch (conditionError) {
      if (isConditionFailed(conditionError)) {
        throw new Error('email taken');
      }
      throw conditionError;
    }
    res.status(201).json(member);
  } catch (err) {
    next(err);
  }
});

app.put('/members/:id', async (req, res, next) => {
  try {
    const { Item: member } = await db.send(new GetCommand({ TableName: MEMBERS_TABLE_NAME, Key: { id: req.params.id }, ConsistentRead: true }));
    if (!member) return res.status(404).json({ error: 'not found' });
    if (req.body.email) member.email = req.body.email;
    await updateUnique(updateParams(MEMBERS_TABLE_NAME, { id: req.params.id }, member));
    res.json(member);
  } catch (err) {
    next(err);
  }
});

app.delete('/members/:id', async (req, res, next) => {
  try {
    const { Attributes: member } = await deleteUnique({ TableName: MEMBERS_TABLE_NAME, Key: { id: req.params.id }, ReturnValues: 'ALL_OLD' });
    if (!member) return res.status(404).json({ error: 'not found' });
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

module.exports = app;
