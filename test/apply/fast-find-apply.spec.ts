/**
 * apply --dry with installFastFind's `find` gives exactly what it gives with jscodeshift's own
 * `find`, on a generated codebase of every storage kind the benchmark uses (bench/generateCodebase).
 */
import * as fs from 'node:fs';
import { PassThrough } from 'node:stream';
import { generateCodebase } from '../../bench/generateCodebase';
import { apply } from '../../src/apply';
import { setFastFind } from '../../src/apply/rewrite/installFastFind';
import { runPlan } from '../../src/commands/plan';
import { makeRepoTempDir } from '../support/fixture-files';

jest.setTimeout(180_000);

let root: string;

beforeAll(async () => {
  root = makeRepoTempDir('fast-find-apply-');
  generateCodebase(root, { handlers: 16 });
  const sink = new PassThrough();
  sink.resume();
  expect(await runPlan({ dir: root, yes: true, stdout: sink, stderr: sink })).toBe(0);
});

afterAll(() => {
  setFastFind(true);
  fs.rmSync(root, { recursive: true, force: true });
});

async function applyDry(fast: boolean) {
  setFastFind(fast);
  const result = await apply(root, { workers: 0 });
  return { changes: result.changes, rewritten: result.rewritten, todos: result.todos, diagnostics: result.diagnostics, notes: result.notes };
}

describe('apply with the fast find', () => {
  it('changes every file exactly as with jscodeshift find', async () => {
    const slow = await applyDry(false);
    const fast = await applyDry(true);
    expect(slow.changes.length).toBeGreaterThan(12);
    expect(slow.rewritten).toBeGreaterThan(25);
    expect(fast.changes.map((change) => change.rel)).toEqual(slow.changes.map((change) => change.rel));
    for (let i = 0; i < slow.changes.length; i += 1) expect({ rel: fast.changes[i].rel, after: fast.changes[i].after }).toEqual({ rel: slow.changes[i].rel, after: slow.changes[i].after });
    expect(fast).toEqual(slow);
  });
});
