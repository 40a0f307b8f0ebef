const express = require('express');

const { DeleteCommand, GetCommand, PutCommand, UpdateCommand } = require('@aws-sdk/lib-dynamodb');
const { db, scanAll, queryAll, updateParams, USERS_TABLE_NAME } = require('./dynamodb');
const router = express.Router();

// a helper the routes share: it becomes async, and its callers await it
async function findByEmail(email) {
  return (await queryAll({
    TableName: USERS_TABLE_NAME,
    IndexName: 'email-index',
    KeyConditionExpression: '#attr = :value',
    ExpressionAttributeNames: { '#attr': 'email' },
    ExpressionAttributeValues: { ':value': email },
  }))[0];
}

router.get('/', async (req, res, next) => {
  try {
    if (req.query.email) {
      const user = await findByEmail(req.query.email);
      return user ? res.json(user) : res.status(404).json({ error: 'User not found' });
    }
    res.json(await scanAll({ TableName: USERS_TABLE_NAME }));
  } catch (err) {
    next(err);
  }
});

router.get('/:id', async (req, res, next) => {
  try {
    const { Item: user } = await db.send(new GetCommand({ TableName: USERS_TABLE_NAME, Key: { id: req.params.id }, ConsistentRead: true }));
    if (!user) return res.status(404).json({ error: 'User not found' });
    res.json(user);
  } catch (err) {
    next(err);
  }
});

router.post('/', async (req, res, next) => {
  try {
    if (await findByEmail(req.body.email)) return res.status(409).json({ error: 'Email taken' });
    const user = { id: req.body.id, name: req.body.name, email: req.body.email };
    await db.send(new PutCommand({
      TableName: USERS_TABLE_NAME,
      Item: user,
      ConditionExpression: 'attribute_not_exists(#key)',
      ExpressionAttributeNames: { '#key': 'id' },
    }));
    res.status(201).json(user);
  } catch (err) {
    next(err);
  }
});

router.put('/:id', async (req, res, next) => {
  try {
    const { Item: user } = await db.send(new GetCommand({ TableName: USERS_TABLE_NAME, Key: { id: req.params.id }, ConsistentRead: true }));
    if (!user) return res.status(404).json({ error: 'User not found' });
    Object.assign(user, { name: req.body.name });
    await db.send(new UpdateCommand(updateParams(USERS_TABLE_NAME, { id: req.params.id }, user)));
    res.json(user);
  } catch (err) {
    next(err);
  }
});

router.delete('/:id', async (req, res, next) => {
  try {
    if (!(await db.send(new GetCommand({ TableName: USERS_TABLE_NAME, Key: { id: req.params.id }, ConsistentRead: true }))).Item) return res.status(404).json({ error: 'User not found' });
    await db.send(new DeleteCommand({ TableName: USERS_TABLE_NAME, Key: { id: req.params.id } }));
    res.status(204).send();
  } catch (err) {
    next(err);
  }
});

module.exports = router;
