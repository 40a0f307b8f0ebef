#!/usr/bin/env node
/**
 * `npm run example`: the main job on a bundled example app, on a copy under .tmp/example so the
 * fixture stays as it is. Runs every step this version has, in order, and stops at the first failure.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../src/cli/main';
import { packageRoot } from '../src/cli/packageInfo';

const EXAMPLE = 'express-notes-array';

async function runExample(): Promise<number> {
  const root = packageRoot();
  const copy = path.join(root, '.tmp', 'example');
  fs.rmSync(copy, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'fixtures', EXAMPLE), copy, { recursive: true });
  process.stdout.write(`Example app: fixtures/${EXAMPLE}, copied to ${path.relative(process.cwd(), copy)}\n\n`);
  const steps: string[][] = [['scan', copy]];
  for (const step of steps) {
    process.stdout.write(`$ dynamodb-codemod ${step.join(' ')}\n`);
    const code = await main(step);
    if (code !== 0) return code;
    process.stdout.write('\n');
  }
  return 0;
}

runExample().then((code) => {
  process.exitCode = code;
});
