const express = require('express');
const { GetCommand } = require('@aws-sdk/lib-dynamodb');
const { db, MEMBERS_TABLE_NAME } = require('./dynamodb');
const router = express.Router();

async function findMember(id) {
  return (await db.send(new GetCommand({ TableName: MEMBERS_TABLE_NAME, Key: { id: id }, ConsistentRead: true }))).Item;
}

async function loadSettings() {
  return { theme: 'dark' };
}

// reaches the table through findMember: wrapped, so a DynamoDB error reaches next(err)
router.get('/members/:id', async (req, res, next) => {
  try {
    const member = await findMember(Number(req.params.id));
    if (!member) return res.status(404).json({ message: 'not found' });
    res.json(member);
  } catch (err) {
    next(err);
  }
});

// awaits something that is not the store: printed exactly as it was
router.get('/settings', async (_req, res) => {
  const settings = await loadSettings();
  res.json(settings);
});

module.exports = router;
