/**
 * Finding, reading and copying fixture apps. Copies go under `<repo>/.tmp/` so that Node's module
 * resolution walks up to the project's node_modules and the originals are never changed.
 */
import { promises as fs, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'fs';
import * as path from 'path';
import type { Fixture } from './fixture-types';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'fixtures');
export const TMP_DIR = path.join(REPO_ROOT, '.tmp');

/**
 * A fresh directory under `<repo>/.tmp/` (created when missing: a clean clone has none), so that
 * code written there resolves the project's node_modules.
 */
export function makeRepoTempDir(prefix: string): string {
  mkdirSync(TMP_DIR, { recursive: true });
  return mkdtempSync(path.join(TMP_DIR, prefix));
}

const SKIPPED = new Set(['node_modules', '.migration', 'cdk.out']);

/** Names of every `fixtures/<name>/` that has a fixture.json, sorted. */
export function listFixtures(): string[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(FIXTURES_DIR, entry.name, 'fixture.json')))
    .map((entry) => entry.name)
    .sort();
}

/** Reads and checks the shape of `<dir>/fixture.json` (dir defaults to fixtures/<name>). */
export async function loadFixture(nameOrDir: string): Promise<Fixture> {
  const dir = path.isAbsolute(nameOrDir) ? nameOrDir : path.join(FIXTURES_DIR, nameOrDir);
  const file = path.join(dir, 'fixture.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: cannot read fixture.json: ${(error as Error).message}`);
  }
  const problems = checkFixtureShape(parsed);
  if (problems.length > 0) throw new Error(`${file}: ${problems.join('; ')}`);
  return parsed as Fixture;
}

function checkFixtureShape(value: unknown): string[] {
  const problems: string[] = [];
  const fixture = value as Partial<Fixture> | null;
  if (!fixture || typeof fixture !== 'object') return ['not an object'];
  if (typeof fixture.description !== 'string') problems.push('description must be a string');
  const runtime = fixture.runtime;
  if (!runtime || (runtime.kind !== 'http' && runtime.kind !== 'lambda' && runtime.kind !== 'none')) {
    problems.push('runtime.kind must be "http", "lambda" or "none"');
  } else if (runtime.kind === 'none' && Array.isArray(fixture.requests) && fixture.requests.length > 0) {
    problems.push('a fixture with runtime.kind "none" has no requests');
  } else if (runtime.kind === 'http' && typeof runtime.entry !== 'string') {
    problems.push('runtime.entry must be a string');
  } else if (runtime.kind === 'lambda' && (!Array.isArray(runtime.routes) || !/^apigw-v[12]$/.test(runtime.event))) {
    problems.push('lambda runtime needs event "apigw-v1"|"apigw-v2" and a routes array');
  }
  if (!Array.isArray(fixture.requests)) {
    problems.push('requests must be an array');
  } else {
    fixture.requests.forEach((request, i) => {
      if (!request || typeof request.method !== 'string' || typeof request.path !== 'string') {
        problems.push(`requests[${i}] needs method and path`);
      } else if (!request.expect || typeof request.expect.status !== 'number') {
        problems.push(`requests[${i}] (${request.name}) needs expect.status`);
      }
    });
  }
  return problems;
}

/** Copies fixtures/<name> to a fresh directory under <repo>/.tmp/ and returns its path. */
export async function copyFixture(name: string): Promise<string> {
  const source = path.join(FIXTURES_DIR, name);
  if (!existsSync(source)) throw new Error(`no fixture named ${name} (looked in ${source})`);
  await fs.mkdir(TMP_DIR, { recursive: true });
  const target = await fs.mkdtemp(path.join(TMP_DIR, `${name}-`));
  await fs.cp(source, target, {
    recursive: true,
    filter: (from) => !SKIPPED.has(path.basename(from)),
  });
  return target;
}

/** Removes a copy made by copyFixture (only directories under .tmp/). */
export async function removeCopy(dir: string): Promise<void> {
  const relative = path.relative(TMP_DIR, dir);
  if (relative.startsWith('..') || path.isAbsolute(relative) || relative === '') {
    throw new Error(`refusing to remove ${dir}: not under ${TMP_DIR}`);
  }
  await fs.rm(dir, { recursive: true, force: true });
}
