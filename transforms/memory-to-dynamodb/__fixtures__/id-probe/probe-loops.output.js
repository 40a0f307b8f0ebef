const express = require('express');

const { randomUUID } = require('crypto');
const { GetCommand, PutCommand } = require('@aws-sdk/lib-dynamodb');
const { db, nextId, COUNTERS_TABLE_NAME, TICKETS_TABLE_NAME, USERS_TABLE_NAME } = require('./dynamodb');
const router = express.Router();

// the plan makes uuids: the search for a free time-based id goes with it
router.post('/users', async (req, res, next) => {
  try {
    const id = randomUUID();
    const user = { id, name: req.body.name };
    await db.send(new PutCommand({ TableName: USERS_TABLE_NAME, Item: user }));
    res.status(201).json(user);
  } catch (err) {
    next(err);
  }
});

// the plan counts: the counter hands out a free number, so the probe goes
router.post('/tickets', async (req, res, next) => {
  try {
    const id = await nextId(COUNTERS_TABLE_NAME, { counter: 'Ticket' });
    const ticket = { id, title: req.body.title };
    await db.send(new PutCommand({ TableName: TICKETS_TABLE_NAME, Item: ticket }));
    res.status(201).json(ticket);
  } catch (err) {
    next(err);
  }
});

// a loop that does more than look for a free id is the app's own code, kept
router.post('/users/import', async (req, res, next) => {
  try {
    let id = String(req.body.seq);
    let tries = 0;
    while ((await db.send(new GetCommand({ TableName: USERS_TABLE_NAME, Key: { id: String(id) }, ConsistentRead: true }))).Item) {
      tries++;
      id = `${req.body.seq}-${tries}`;
    }
    const user = { id, name: req.body.name };
    await db.send(new PutCommand({ TableName: USERS_TABLE_NAME, Item: user }));
    res.status(201).json({ ...user, tries });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
