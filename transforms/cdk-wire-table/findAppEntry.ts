/** The CDK app's entry file: the .ts/.js file in cdk.json's `app` command, else the only bin/*.ts. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const cache = new Map<string, string | undefined>();

export function findAppEntry(cdkRoot: string): string | undefined {
  if (cache.has(cdkRoot)) return cache.get(cdkRoot);
  let entry: string | undefined;
  try {
    const config = JSON.parse(readFileSync(join(cdkRoot, 'cdk.json'), 'utf8')) as { app?: unknown };
    const command = typeof config.app === 'string' ? config.app : '';
    const token = command.split(/\s+/).find((part) => /\.(ts|mts|cts|js|mjs|cjs)$/.test(part));
    if (token) entry = resolve(cdkRoot, token);
  } catch {
    // no or unreadable cdk.json: fall back to bin/
  }
  if (!entry && existsSync(join(cdkRoot, 'bin'))) {
    const candidates = readdirSync(join(cdkRoot, 'bin')).filter((name) => /\.(ts|js)$/.test(name) && !name.endsWith('.d.ts'));
    if (candidates.length === 1) entry = join(cdkRoot, 'bin', candidates[0]);
  }
  cache.set(cdkRoot, entry);
  return entry;
}
