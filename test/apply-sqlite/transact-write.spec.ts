/**
 * A better-sqlite3 transaction that only writes (an import of users with a UNIQUE email, the app's
 * own error for a taken one), called from a route in another file: apply makes it one
 * inTransaction (one TransactWriteCommand in AWS) whose taken email answers through the app's catch,
 * warns at its line with the limits and the local emulation, and plan.md's note says the same. A
 * transaction with a read inside stays sequential ("not atomically").
 */
import * as fs from 'node:fs';
import { planAndApply } from '../apply/support/plan-and-apply';
import { analyseProject } from '../../src/apply/analysis/analyseProject';
import { getPlanNotes } from '../../src/plan/derive-plan';
import type { ApplyResult } from '../../src/apply';

jest.setTimeout(120000);

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'users', private: true, dependencies: { 'better-sqlite3': '^12.0.0', express: '^4.21.2' } }, null, 2),
  'db/users.js': `const Database = require('better-sqlite3');

const db = new Database('users.db');
db.exec('CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL)');

class EmailTakenError extends Error {}

const insertUser = db.prepare('INSERT INTO users (email, name) VALUES (?, ?)');

const importUsers = db.transaction((batch) => {
  const ids = [];
  for (const user of batch) {
    try {
      const info = insertUser.run(user.email, user.name);
      ids.push(info.lastInsertRowid);
    } catch (err) {
      if (err.code === 'SQLITE_CONSTRAINT_UNIQUE') throw new EmailTakenError(user.email);
      throw err;
    }
  }
  return ids;
});

const renameTwice = db.transaction((id, first, second) => {
  const user = db.prepare('SELECT * FROM users WHERE id = ?').get(id);
  if (!user) return;
  db.prepare('INSERT INTO users (email, name) VALUES (?, ?)').run(first, second);
});

module.exports = { importUsers, renameTwice, EmailTakenError };
`,
  'routes/users.js': `const express = require('express');
const users = require('../db/users');

const router = express.Router();

router.post('/import', (req, res) => {
  try {
    res.status(201).json({ ids: users.importUsers(req.body.users) });
  } catch (err) {
    if (err instanceof users.EmailTakenError) return res.status(409).json({ error: err.message });
    throw err;
  }
});

module.exports = router;
`,
};

describe('a better-sqlite3 transaction that only writes', () => {
  let dir: string;
  let result: ApplyResult;
  let notes: string[];
  const text = (rel: string) => result.changes.find((change) => change.rel === rel)?.after ?? '';
  beforeAll(async () => {
    const project = await planAndApply('sqlite-transact-write-', FILES);
    dir = project.dir;
    result = project.result;
    notes = getPlanNotes((await analyseProject(dir)).model);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("collects its writes into one inTransaction, the app's catch answering a taken email", () => {
    const users = text('db/users.js');
    expect(users).toContain('const importUsers = async (batch) => await inTransaction(async (tx) => {');
    expect(users).toMatch(/tx\.putUnique\(\{[\s\S]*\}, \(err\) => \{\n\s*if \(isConditionFailed\(err\)\) throw new EmailTakenError\(user\.email\);\n\s*throw err;\n\s*\}\);/);
    expect(users).not.toContain('catch (err)');
    expect(text('routes/users.js')).toContain('await users.importUsers(req.body.users)');
    expect(result.todos).toEqual([]);
  });

  it('warns at each transaction: one is a real transaction in AWS with its limits and a local emulation, the other not atomic', () => {
    const warnings = result.diagnostics.filter((diagnostic) => diagnostic.code === 'apply-sqlite-transaction').sort((a, b) => a.line - b.line);
    expect(warnings).toEqual([
      expect.objectContaining({ severity: 'warning', file: 'db/users.js', line: 10, message: expect.stringContaining('one DynamoDB transaction') }),
      expect.objectContaining({ severity: 'warning', file: 'db/users.js', line: 24, message: expect.stringContaining('not atomically') }),
    ]);
    expect(warnings[0].message).toContain('at most 100 actions');
    expect(warnings[0].message).toContain('not isolated from concurrent requests');
  });

  it('says the same in plan.md', () => {
    const [note] = notes.filter((line) => line.startsWith('db/users.js:10:'));
    expect(note).toContain('ONE TransactWriteCommand');
    expect(note).toContain('not isolated from concurrent requests');
  });
});
