#!/usr/bin/env node
/**
 * `npm run example`: the main job on a bundled example app, on a copy under .tmp/example so the
 * fixture stays as it is: scan → plan → apply → migrate-data into the embedded local DynamoDB
 * (dynalite on 127.0.0.1), then the migrated app is started against it and asked a few questions.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../src/cli/main';
import { packageRoot } from '../src/cli/packageInfo';
import { startDynalite } from '../src/verify/behaviour/startLocalDynamo';

const EXAMPLE = 'express-notes-array';

async function runExample(): Promise<number> {
  const root = packageRoot();
  const copy = path.join(root, '.tmp', 'example');
  fs.rmSync(copy, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'fixtures', EXAMPLE), copy, { recursive: true });
  say(`Example app: fixtures/${EXAMPLE}, copied to ${path.relative(process.cwd(), copy)}\n`);

  const engine = await startDynalite();
  const endpoint = engine.endpoint;
  say(`Embedded local DynamoDB (dynalite) listening on ${endpoint}\n`);
  try {
    const steps: string[][] = [
      ['scan', copy],
      ['plan', copy, '--yes'],
      // The copy is not a git repository of its own; --force is not needed, but apply says so.
      ['apply', copy],
      ['migrate-data', copy, '--endpoint', endpoint, '--create-tables'],
    ];
    for (const step of steps) {
      say(`$ dynamodb-codemod ${step.map((a) => (a === copy ? path.relative(process.cwd(), copy) : a)).join(' ')}`);
      const code = await main(step);
      if (code !== 0) {
        say(`step failed with exit code ${code}`);
        return code;
      }
      say('');
    }
    return await tryMigratedApp(copy, endpoint);
  } finally {
    await engine.stop();
  }
}

/** Starts the migrated server against the local engine and shows a few requests and answers. */
async function tryMigratedApp(dir: string, endpoint: string): Promise<number> {
  const port = 4300 + Math.floor(Math.random() * 500);
  say(`$ DYNAMODB_ENDPOINT=${endpoint} PORT=${port} node server.js   (the migrated app)`);
  const app = spawn(process.execPath, ['server.js'], {
    cwd: dir,
    env: { ...process.env, DYNAMODB_ENDPOINT: endpoint, PORT: String(port), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(base);
    const created = await request('POST', `${base}/api/notes`, { title: 'Stored in DynamoDB', content: 'via the migrated handler' });
    await request('GET', `${base}/api/notes/${(created as { id: number }).id}`);
    await request('GET', `${base}/api/notes`);
    say('\nThe notes above live in DynamoDB now. See .tmp/example/.migration/plan.md for the design and why.');
    return 0;
  } catch (error) {
    say(`the migrated app did not answer: ${(error as Error).message}`);
    return 1;
  } finally {
    app.kill('SIGTERM');
  }
}

async function request(method: string, url: string, body?: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method,
    headers: body ? { 'content-type': 'application/json' } : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  say(`${method} ${new URL(url).pathname} → ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function waitFor(base: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await fetch(base);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error('not listening after 10 s');
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

runExample().then((code) => {
  process.exitCode = code;
});
