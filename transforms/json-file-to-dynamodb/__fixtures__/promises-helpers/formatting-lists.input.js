const express = require('express');
const {
  readFile,
  writeFile,
} = require('fs/promises');
const path = require('path');
const {
  describeService,
  serviceName,
} = require('./service');

const MEMBERS_FILE = path.join(__dirname, 'data', 'members.json');
const LOG_FILE = path.join(__dirname, 'visits.log');
const router = express.Router();

async function readMembers() {
  const text = await readFile(MEMBERS_FILE, 'utf-8');
  return JSON.parse(text);
}

async function findMember(id) {
  const members = await readMembers();
  return members.find((member) => member.id === id);
}

router.get('/members', async (_req, res) => {
  res.json(await readMembers());
});

router.get('/members/:id', async (req, res) => {
  res.json(await findMember(Number(req.params.id)));
});

router.get('/about', async (_req, res) => {
  res.json({ name: serviceName, info: await describeService() });
});

// not the store: readFile stays in the require, writeFile goes, the pattern keeps its lines
router.get('/visits', async (_req, res) => {
  res.type('text').send(await readFile(LOG_FILE, 'utf-8'));
});

async function writeMembers(members) {
  await writeFile(MEMBERS_FILE, JSON.stringify(members, null, 2));
}

router.delete('/members/:id', async (req, res) => {
  const members = await readMembers();
  await writeMembers(members.filter((member) => member.id !== Number(req.params.id)));
  res.status(204).end();
});

// the list keeps its lines and its trailing comma when readMembers leaves it
module.exports = {
  router,
  readMembers,
  findMember,
};
