const express = require('express');
const {
  readFile,
} = require('fs/promises');
const path = require('path');
const {
  describeService,
  serviceName,
} = require('./service');

const { DeleteCommand, GetCommand } = require('@aws-sdk/lib-dynamodb');
const { db, scanAll, MEMBERS_TABLE_NAME } = require('./dynamodb');
const LOG_FILE = path.join(__dirname, 'visits.log');
const router = express.Router();

async function findMember(id) {
  return (await db.send(new GetCommand({ TableName: MEMBERS_TABLE_NAME, Key: { id: id }, ConsistentRead: true }))).Item;
}

router.get('/members', async (_req, res, next) => {
  try {
    res.json((await scanAll({ TableName: MEMBERS_TABLE_NAME })).sort((a, b) => a.id - b.id));
  } catch (err) {
    next(err);
  }
});

router.get('/members/:id', async (req, res, next) => {
  try {
    res.json(await findMember(Number(req.params.id)));
  } catch (err) {
    next(err);
  }
});

router.get('/about', async (_req, res) => {
  res.json({ name: serviceName, info: await describeService() });
});

// not the store: readFile stays in the require, writeFile goes, the pattern keeps its lines
router.get('/visits', async (_req, res) => {
  res.type('text').send(await readFile(LOG_FILE, 'utf-8'));
});

router.delete('/members/:id', async (req, res, next) => {
  try {
    await db.send(new DeleteCommand({ TableName: MEMBERS_TABLE_NAME, Key: { id: Number(req.params.id) } }));
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

// the list keeps its lines and its trailing comma when readMembers leaves it
module.exports = {
  router,
  findMember,
};
