/**
 * apply's speed-ups must not change what it produces: the cheap check that skips files no step can
 * change, and the worker processes that rewrite files in parallel. Each fixture app is applied
 * three ways — every file offered to every step in one process (the reference), with the skip,
 * and with the skip and a worker process that takes every file it can — and the results compared.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { apply, type ApplyResult } from '../../src/apply';
import { RewritePool } from '../../src/apply/rewriteInWorkers';
import { rewriteSourceFile, type FileOutcome } from '../../src/apply/rewriteSourceFile';
import { selectFiles } from '../../src/apply/selectFiles';
import { createSession } from '../../src/apply/session';
import { combineTransforms, selectTransforms } from '../../src/apply/transforms';
import { copyFixture, removeCopy } from '../support/fixture-files';

jest.setTimeout(180_000);

// memory, JSON (sync, callback, require), SQLite (better-sqlite3, sqlite3 callbacks, wrapper), TypeScript, several files
const FIXTURES = ['messy-express-mixed', 'express-blog-better-sqlite3', 'express-recipes-json-callback', 'fastify-events-memory', 'express-tasks-sqlite3-callback', 'ts-inventory-json-import'];

async function prepare(name: string): Promise<string> {
  const dir = await copyFixture(name);
  fs.mkdirSync(path.join(dir, '.migration'), { recursive: true });
  fs.copyFileSync(path.join(dir, 'expected-design.json'), path.join(dir, '.migration', 'dynamodb.json'));
  return dir;
}

/** Everything apply reports, without the root (same directory for every run anyway). */
function comparable(result: ApplyResult): unknown {
  return { changes: result.changes, rewritten: result.rewritten, todos: result.todos, diagnostics: result.diagnostics, notes: result.notes };
}

describe.each(FIXTURES)('apply on %s', (name) => {
  let dir: string;
  beforeAll(async () => {
    dir = await prepare(name);
  });
  afterAll(async () => {
    await removeCopy(dir);
  });

  it('gives the same result with the skip and with a worker process as with every file in one process', async () => {
    const reference = await apply(dir, { workers: 0, skipUnchanged: false });
    expect(reference.changes.length).toBeGreaterThan(0);
    const skipped = await apply(dir, { workers: 0 });
    expect(comparable(skipped)).toEqual(comparable(reference));
    const inWorker = await apply(dir, { workers: 1, shareWithWorkers: false });
    expect(comparable(inWorker)).toEqual(comparable(reference));
  });
});

describe('the cheap check and the pool', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await prepare('express-blog-better-sqlite3');
    // a helper no step can change, and an Express 4 async handler wrapExpressHandlers would wrap
    fs.writeFileSync(path.join(dir, 'slug.js'), "exports.slug = (text) => String(text).toLowerCase().replace(/[^a-z0-9]+/g, '-');\n");
    fs.writeFileSync(path.join(dir, 'health.js'), "const express = require('express');\nconst router = express.Router();\nrouter.get('/health', async (req, res) => {\n  await new Promise((resolve) => setTimeout(resolve, 1));\n  res.json({ ok: true });\n});\nmodule.exports = router;\n");
  });
  afterAll(async () => {
    await removeCopy(dir);
  });

  it('skips a file with nothing to rewrite and keeps files with SQL or awaits', async () => {
    const combined = combineTransforms(selectTransforms(undefined));
    const { analysis } = await createSession(dir);
    const selection = selectFiles(analysis, combined.selectAll, combined.steps);
    expect(selection.files).not.toContain('slug.js');
    expect(selection.files).toContain('health.js');
    expect(selection.skipped).toBeGreaterThanOrEqual(1);
    const everything = selectFiles(analysis, combined.selectAll, combined.steps, { skipUnchanged: false });
    expect(everything.files).toContain('slug.js');
    expect(everything.skipped).toBe(0);
    // a step the check does not know could change any file: nothing is skipped
    const unknownStep = function retireConnections(): void {};
    expect(selectFiles(analysis, combined.selectAll, [...combined.steps, unknownStep]).skipped).toBe(0);
  });

  it('a worker rewrites files exactly as this process does', async () => {
    const combined = combineTransforms(selectTransforms(undefined));
    const { analysis } = await createSession(dir);
    const files = selectFiles(analysis, combined.selectAll, combined.steps).files.filter((rel) => rel.startsWith('routes/'));
    expect(files.length).toBeGreaterThan(0);
    const expected = files.map((rel) => rewriteSourceFile(analysis, rel, combined.origins, combined.steps));
    const pool = new RewritePool(1, { root: dir, designPath: path.join(dir, '.migration', 'dynamodb.json') });
    const received = new Map<string, FileOutcome | undefined>();
    try {
      await pool.run(files, () => {
        throw new Error('the worker was to rewrite every file');
      }, (outcome, rel) => received.set(rel, outcome), { shareWithWorkers: false });
    } finally {
      await pool.close();
    }
    expect(files.map((rel) => received.get(rel))).toEqual(expected);
  });
});
