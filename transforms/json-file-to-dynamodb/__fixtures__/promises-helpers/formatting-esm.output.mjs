import express from 'express';
import {
  readFile,
} from 'fs/promises';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { db, MEMBERS_TABLE_NAME } from './dynamodb.mjs';
const CONFIG_FILE = new URL('./config.json', import.meta.url);
export const router = express.Router();

// still read from a file: readFile stays imported, writeFile goes, the import keeps its lines
router.get('/config', async (_req, res) => {
  res.json(await readConfig());
});

router.delete('/members/:id', async (req, res, next) => {
  try {
    await db.send(new DeleteCommand({ TableName: MEMBERS_TABLE_NAME, Key: { id: Number(req.params.id) } }));
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

async function readConfig() {
  return JSON.parse(await readFile(CONFIG_FILE, 'utf8'));
}

// the export list keeps its lines too
export {
  readConfig,
};
