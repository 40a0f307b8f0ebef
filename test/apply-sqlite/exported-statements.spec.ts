/**
 * A module of prepared statements run from other files (queries.js exports them, routes.js runs
 * them): apply rewrites the runs, then drops each statement no file still runs on SQLite — its
 * declaration and its export entry — in the same pass, so a second apply changes nothing. A
 * statement whose run stays a TODO (LEFT JOIN) is kept with its export.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { runApply } from '../../src/commands/apply';
import { runPlan } from '../../src/commands/plan';
import { makeRepoTempDir } from '../support/fixture-files';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
jest.setTimeout(60000);

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'notes', version: '1.0.0', main: 'routes.js', dependencies: { 'better-sqlite3': '^12.0.0', express: '^4.21.2' } }, null, 2),
  'db.js': `const Database = require('better-sqlite3');
const db = new Database('notes.db');
db.exec('CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL)');
db.exec('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER REFERENCES users(id), title TEXT NOT NULL)');
module.exports = db;
`,
  'queries.js': `const db = require('./db');

// Prepared once, run by the routes.
const getNote = db.prepare('SELECT * FROM notes WHERE id = ?');
const listNotes = db.prepare('SELECT * FROM notes');
const noteWithUser = db.prepare('SELECT n.*, u.name FROM notes n LEFT JOIN users u ON u.id = n.user_id WHERE n.id = ?');
const removeNote = db.prepare('DELETE FROM notes WHERE id = ?');

module.exports = { getNote, listNotes, noteWithUser, removeNote };
`,
  'routes.js': `const express = require('express');
const q = require('./queries');

const router = express.Router();

router.get('/notes', (req, res) => {
  res.json(q.listNotes.all());
});

router.get('/notes/:id', (req, res) => {
  const note = q.getNote.get(req.params.id);
  if (!note) return res.status(404).end();
  res.json(note);
});

router.get('/notes/:id/full', (req, res) => {
  res.json(q.noteWithUser.get(req.params.id));
});

router.delete('/notes/:id', (req, res) => {
  const info = q.removeNote.run(req.params.id);
  res.status(info.changes ? 204 : 404).end();
});

module.exports = router;
`,
};

function sink(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

describe('prepared statements exported to other files', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeRepoTempDir('exported-statements-');
    for (const [rel, text] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, rel), text);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('drops the statements no file runs on SQLite any more, keeps the rest, and a second apply changes nothing', async () => {
    expect(await runPlan({ dir, yes: true, stdout: sink(), stderr: sink() })).toBe(0);
    await runApply({ dir, force: true, infrastructure: false, stdout: sink(), stderr: sink() });
    const queries = fs.readFileSync(path.join(dir, 'queries.js'), 'utf8');
    expect(queries).toBe(`const db = require('./db');

const noteWithUser = db.prepare('SELECT n.*, u.name FROM notes n LEFT JOIN users u ON u.id = n.user_id WHERE n.id = ?');

module.exports = {
  noteWithUser
};
`);
    const routes = fs.readFileSync(path.join(dir, 'routes.js'), 'utf8');
    expect(routes).not.toMatch(/q\.(getNote|listNotes|removeNote)/);
    expect(routes).toContain('q.noteWithUser.get(req.params.id)');
    const before = Object.fromEntries(['queries.js', 'routes.js', 'db.js'].map((rel) => [rel, fs.readFileSync(path.join(dir, rel), 'utf8')]));
    await runApply({ dir, force: true, infrastructure: false, stdout: sink(), stderr: sink() });
    for (const [rel, text] of Object.entries(before)) expect({ rel, text: fs.readFileSync(path.join(dir, rel), 'utf8') }).toEqual({ rel, text });
  });
});
