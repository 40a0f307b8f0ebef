import express from 'express';
import {
  readFile,
  writeFile,
} from 'fs/promises';

const MEMBERS_FILE = new URL('./data/members.json', import.meta.url);
const CONFIG_FILE = new URL('./config.json', import.meta.url);
export const router = express.Router();

async function readMembers() {
  return JSON.parse(await readFile(MEMBERS_FILE, 'utf8'));
}

async function writeMembers(members) {
  await writeFile(MEMBERS_FILE, JSON.stringify(members, null, 2));
}

// still read from a file: readFile stays imported, writeFile goes, the import keeps its lines
router.get('/config', async (_req, res) => {
  res.json(await readConfig());
});

router.delete('/members/:id', async (req, res) => {
  const members = await readMembers();
  const rest = members.filter((member) => member.id !== Number(req.params.id));
  await writeMembers(rest);
  res.status(204).end();
});

async function readConfig() {
  return JSON.parse(await readFile(CONFIG_FILE, 'utf8'));
}

// the export list keeps its lines too
export {
  readMembers,
  readConfig,
  writeMembers,
};
