/**
 * Where apply puts the shared client module of a SQLite app whose schema lives in a `.sql` file:
 * beside the module that opens the database, with that module's extension — never `dynamodb.sql`
 * (found on a public better-sqlite3 demo API: the migrated code required `../db/dynamodb`, which
 * did not exist, so the app could not start).
 */
import * as fs from 'node:fs';
import { planAndApply } from './support/plan-and-apply';

jest.setTimeout(60000);

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'books', private: true, dependencies: { 'better-sqlite3': '^12.0.0', express: '^4.21.2' } }, null, 2),
  'db/schema.sql': 'CREATE TABLE book (\n  book_id INTEGER PRIMARY KEY AUTOINCREMENT,\n  title TEXT NOT NULL\n);\n',
  'db/index.js': `const path = require('path');
const Database = require('better-sqlite3');
const db = new Database(path.join(__dirname, 'books.db'));
module.exports = { db };
`,
  'api/books.js': `const express = require('express');
const { db } = require('../db/index');
const router = express.Router();
router.get('/:id', (req, res) => {
  const book = db.prepare('SELECT * FROM book WHERE book_id = ?').get(req.params.id);
  if (!book) return res.status(404).json({ message: 'not found' });
  res.json(book);
});
module.exports = router;
`,
};

describe('shared client module location for a SQLite app with a .sql schema', () => {
  let dir: string;
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is db/dynamodb.js, next to the module that opens the database, and the handler requires it', async () => {
    const project = await planAndApply('client-location-', FILES);
    dir = project.dir;
    const result = project.result;
    const created = result.changes.filter((change) => change.before === undefined).map((change) => change.rel);
    expect(created).toContain('db/dynamodb.js');
    expect(created.filter((rel) => rel.endsWith('.sql'))).toEqual([]);
    const handler = result.changes.find((change) => change.rel === 'api/books.js');
    expect(handler?.after).toContain("require('../db/dynamodb')");
  });
});
