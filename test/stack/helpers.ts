/** Test helpers for the stack specs: load generated stack text as a module, make scratch dirs. */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PROJECT_ROOT = join(__dirname, '..', '..');

/** A fresh directory under <repo>/.tmp, so copies still resolve the project's node_modules. */
export function makeScratchDir(prefix: string): string {
  const base = join(PROJECT_ROOT, '.tmp', 'test-stack');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${prefix}-`));
}

/** Writes generated TypeScript to a file and loads it through jest (ts-jest transpiles it). */
export function loadGeneratedModule<T>(source: string): T {
  const directory = join(PROJECT_ROOT, '.tmp', 'test-stack', 'modules');
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `stack-${createHash('sha256').update(source).digest('hex').slice(0, 12)}.ts`);
  writeFileSync(file, source);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as T;
}
