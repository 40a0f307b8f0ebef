/**
 * `verify --original <dir>`: a directory is found as the user typed it (relative to where they run
 * the command), and still relative to the app when that is where it is.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { prepareOriginal } from '../../src/verify/behaviour/prepareOriginal';
import { makeRepoTempDir } from '../support/fixture-files';

let base: string;
const cwd = process.cwd();

beforeEach(() => {
  base = makeRepoTempDir('prepare-original-');
  for (const [dir, text] of [['app', 'migrated'], ['app-before', 'original'], ['app/before', 'inside']]) {
    mkdirSync(path.join(base, dir), { recursive: true });
    writeFileSync(path.join(base, dir, 'server.js'), text);
  }
});

afterEach(() => {
  process.chdir(cwd);
  rmSync(base, { recursive: true, force: true });
});

it('takes a relative directory from where the command runs', async () => {
  process.chdir(base);
  const original = await prepareOriginal(path.join(base, 'app'), 'app-before');
  try {
    expect(readFileSync(path.join(original.dir, 'server.js'), 'utf8')).toBe('original');
    expect(original.source).toBe('directory app-before');
  } finally {
    await original.remove();
  }
});

it('still takes a directory relative to the app', async () => {
  const original = await prepareOriginal(path.join(base, 'app'), 'before');
  try {
    expect(readFileSync(path.join(original.dir, 'server.js'), 'utf8')).toBe('inside');
  } finally {
    await original.remove();
  }
});
