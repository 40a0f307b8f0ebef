/**
 * A connection opened in one file and handed through others (returned by openDatabase(), passed
 * to createApp(db), then to new UserRepository(db), or exported with module.exports = db) goes
 * once its SQL is rewritten: the open, each parameter and the argument passed for it, the field,
 * the close, the driver imports. When some SQL stays (a TODO), every holder of it stays.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { runApply } from '../../src/commands/apply';
import { runPlan } from '../../src/commands/plan';
import { makeRepoTempDir } from '../support/fixture-files';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
jest.setTimeout(120000);

const TS_APP: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'users', version: '1.0.0', type: 'module', dependencies: { 'better-sqlite3': '^12.0.0', express: '^4.21.2' } }, null, 2),
  'src/db.ts': `import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';

const DEFAULT_DB_FILE = fileURLToPath(new URL('../users.db', import.meta.url));

export function openDatabase(filename: string = process.env.DATABASE_FILE ?? DEFAULT_DB_FILE): Database.Database {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  migrate(db);
  return db;
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL)');
}
`,
  'src/server.ts': `import { createApp } from './app.js';
import { openDatabase } from './db.js';

const db = openDatabase();
const app = createApp(db);

const server = app.listen(3000);
process.on('SIGTERM', () => {
  server.close(() => {
    db.close();
    process.exit(0);
  });
});
`,
  'src/app.ts': `import express from 'express';
import type Database from 'better-sqlite3';
import { UserRepository } from './user.repository.js';

export function createApp(db: Database.Database) {
  const app = express();
  const users = new UserRepository(db);
  app.get('/users/:id', (req, res) => {
    const user = users.findById(Number(req.params.id));
    if (!user) return res.status(404).end();
    res.json(user);
  });
  return app;
}
`,
  'src/user.repository.ts': `import Database from 'better-sqlite3';

export class UserRepository {
  constructor(private readonly db: Database.Database) {}

  findById(id: number): unknown {
    return this.db.prepare('SELECT * FROM users WHERE id = ?').get(id);
  }
}
`,
};

/** The same app where one query stays SQL (a LEFT JOIN the plan cannot serve). */
const KEPT_QUERY = `  findById(id: number): unknown {
    return this.db.prepare('SELECT u.*, t.id AS team FROM users u LEFT JOIN teams t ON t.id = u.id WHERE u.id = ?').get(id);
  }`;

const CJS_APP: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'notes', version: '1.0.0', main: 'routes.js', dependencies: { 'better-sqlite3': '^12.0.0', express: '^4.21.2' } }, null, 2),
  'db/index.js': `const path = require('path');
const Database = require('better-sqlite3');

const DB_FILE = process.env.DB_FILE || path.join(__dirname, '..', 'notes.db');

const db = new Database(DB_FILE);
db.pragma('journal_mode = WAL');
db.exec('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL)');

module.exports = db;
`,
  'db/queries.js': `const db = require('./index');

const getNote = db.prepare('SELECT * FROM notes WHERE id = ?');

module.exports = { getNote };
`,
  'routes.js': `const express = require('express');
const q = require('./db/queries');

const router = express.Router();

router.get('/notes/:id', (req, res) => {
  const note = q.getNote.get(req.params.id);
  if (!note) return res.status(404).end();
  res.json(note);
});

module.exports = router;
`,
};

function sink(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

function writeApp(files: Record<string, string>): string {
  const dir = makeRepoTempDir('connection-chain-');
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function readApp(dir: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(files).filter((rel) => rel !== 'package.json').map((rel) => [rel, fs.readFileSync(path.join(dir, rel), 'utf8')]));
}

async function migrate(dir: string): Promise<void> {
  expect(await runPlan({ dir, yes: true, stdout: sink(), stderr: sink() })).toBe(0);
  await runApply({ dir, force: true, infrastructure: false, stdout: sink(), stderr: sink() });
}

describe('a SQLite connection handed through the app', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('goes with its open, parameters, arguments, field, close and imports once no SQL is left, and a second apply changes nothing', async () => {
    const dir = writeApp(TS_APP);
    dirs.push(dir);
    await migrate(dir);
    const after = readApp(dir, TS_APP);
    for (const [rel, text] of Object.entries(after)) expect({ rel, sqlite: text.includes('better-sqlite3') }).toEqual({ rel, sqlite: false });
    // (the blank line before the removed `const db = openDatabase();` is lost: recast spaces by the statements kept)
    expect(after['src/server.ts']).toBe(`import { createApp } from './app.js';
const app = createApp();

const server = app.listen(3000);
process.on('SIGTERM', () => {
  server.close(() => {
    process.exit(0);
  });
});
`);
    expect(after['src/app.ts']).toContain('export function createApp() {');
    expect(after['src/app.ts']).toContain('const users = new UserRepository();');
    expect(after['src/user.repository.ts']).not.toContain('constructor');
    expect(after['src/user.repository.ts']).not.toContain('this.db');
    expect(after['src/db.ts']).not.toMatch(/openDatabase|new Database|DEFAULT_DB_FILE|fileURLToPath/);
    await runApply({ dir, force: true, infrastructure: false, stdout: sink(), stderr: sink() });
    expect(readApp(dir, TS_APP)).toEqual(after);
  });

  it('stays in every file handing it on when some SQL stays a TODO', async () => {
    const files: Record<string, string> = { ...TS_APP, 'src/user.repository.ts': TS_APP['src/user.repository.ts'].replace(/ {2}findById[\s\S]*?\n {2}\}/, KEPT_QUERY) };
    const dir = writeApp(files);
    dirs.push(dir);
    await migrate(dir);
    const after = readApp(dir, files);
    expect(after['src/user.repository.ts']).toContain('dynamodb-codemod: TODO');
    expect(after['src/user.repository.ts']).toContain('constructor(private readonly db: Database.Database) {}');
    expect(after['src/app.ts']).toContain('export function createApp(db: Database.Database) {');
    expect(after['src/app.ts']).toContain('new UserRepository(db)');
    expect(after['src/server.ts']).toBe(files['src/server.ts']);
    expect(after['src/db.ts']).toContain('const db = new Database(filename);');
    expect(after['src/db.ts']).toContain('return db;');
  });

  it('keeps the open when its opener function is passed around by name (a call it cannot see)', async () => {
    const files: Record<string, string> = { ...TS_APP, 'src/server.ts': TS_APP['src/server.ts'].replace("const server = app.listen(3000);", "export const reopen = openDatabase;\nconst server = app.listen(3000);") };
    const dir = writeApp(files);
    dirs.push(dir);
    await migrate(dir);
    const after = readApp(dir, files);
    expect(after['src/db.ts']).toContain('export function openDatabase(');
    expect(after['src/db.ts']).toContain('const db = new Database(filename);');
    expect(after['src/db.ts']).toContain('return db;');
    expect(after['src/server.ts']).toContain('const db = openDatabase();');
    expect(after['src/server.ts']).toContain('export const reopen = openDatabase;');
  });

  it('stays with a TODO at the call that still gets it when it is passed to code apply does not follow', async () => {
    const files: Record<string, string> = {
      ...CJS_APP,
      'db/index.js': CJS_APP['db/index.js'].replace("const db = new Database(DB_FILE);", "const db = new Database(DB_FILE);\nrequire('session-store').attach({ client: db });"),
    };
    const dir = writeApp(files);
    dirs.push(dir);
    await migrate(dir);
    const after = readApp(dir, files);
    expect(after['db/index.js']).toContain('const db = new Database(DB_FILE);');
    expect(after['db/index.js']).toMatch(/dynamodb-codemod: TODO the SQLite connection `db` is passed here[^\n]*\nrequire\('session-store'\)\.attach\(\{ client: db \}\);/);
    // the requiring file no longer uses it: its require goes
    expect(after['db/queries.js']).not.toContain("require('./index')");
  });

  it('goes from a module exporting it (module.exports = db) once no requiring file uses it', async () => {
    const dir = writeApp(CJS_APP);
    dirs.push(dir);
    await migrate(dir);
    const after = readApp(dir, CJS_APP);
    expect(after['db/index.js']).not.toMatch(/better-sqlite3|new Database|module\.exports|DB_FILE|require\('path'\)/);
    expect(after['db/queries.js']).not.toContain("require('./index')");
    await runApply({ dir, force: true, infrastructure: false, stdout: sink(), stderr: sink() });
    expect(readApp(dir, CJS_APP)).toEqual(after);
  });

  it('goes from `module.exports = { db }` once no file taking `const { db } = require(…)` uses it; a file still running SQL keeps the export', async () => {
    const objectExport = (files: Record<string, string>): Record<string, string> => ({
      ...files,
      'db/index.js': files['db/index.js'].replace('module.exports = db;', 'module.exports = { db };'),
      'db/queries.js': files['db/queries.js'].replace("const db = require('./index');", "const { db } = require('./index');"),
    });
    const gone = objectExport(CJS_APP);
    const dir = writeApp(gone);
    dirs.push(dir);
    await migrate(dir);
    const after = readApp(dir, gone);
    expect(after['db/index.js']).not.toMatch(/better-sqlite3|new Database|module\.exports/);
    expect(after['db/queries.js']).not.toContain("require('./index')");
    // a second file that still runs SQL keeps the connection; the first one's require still goes
    const kept = objectExport({
      ...CJS_APP,
      'db/admin.js': `const { db } = require('./index');

function notesWithTags() {
  return db.prepare('SELECT n.*, t.name FROM notes n LEFT JOIN tags t ON t.id = n.id').all();
}

module.exports = { notesWithTags };
`,
    });
    const keptDir = writeApp(kept);
    dirs.push(keptDir);
    await migrate(keptDir);
    const keptAfter = readApp(keptDir, kept);
    expect(keptAfter['db/index.js']).toContain('module.exports = { db };');
    expect(keptAfter['db/admin.js']).toContain("const { db } = require('./index');");
    expect(keptAfter['db/queries.js']).not.toContain("require('./index')");
  });

  it('stays when a file requiring the module still runs SQL on it', async () => {
    const files: Record<string, string> = { ...CJS_APP, 'db/queries.js': CJS_APP['db/queries.js'].replace("db.prepare('SELECT * FROM notes WHERE id = ?')", "db.prepare('SELECT n.*, t.name FROM notes n LEFT JOIN tags t ON t.id = n.id WHERE n.id = ?')") };
    const dir = writeApp(files);
    dirs.push(dir);
    await migrate(dir);
    const after = readApp(dir, files);
    expect(after['db/index.js']).toContain('const db = new Database(DB_FILE);');
    expect(after['db/index.js']).toContain('module.exports = db;');
    expect(after['db/queries.js']).toContain("const db = require('./index');");
  });
});
