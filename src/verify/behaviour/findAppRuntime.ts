/**
 * How to start an app for the behaviour check: `fixture.json`'s runtime when the project has one;
 * otherwise its Lambda handlers with the routes the scan found (behind the Lambda runner), or its
 * HTTP server: package.json `start` script or `main`, else the route file that calls `.listen(`.
 * An app that listens on a fixed port is moved to `process.env.PORT` (replay/redirectListenPort.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AccessModel } from '../../model/access-model';
import type { Fixture, Runtime } from '../replay/types';

export const FIXTURE_FILE = 'fixture.json';

/** fixture.json of the project, or undefined; throws with the file's problem when it is broken. */
export function readFixture(root: string): Fixture | undefined {
  const file = path.join(root, FIXTURE_FILE);
  if (!existsSync(file)) return undefined;
  let fixture: Fixture;
  try {
    fixture = JSON.parse(readFileSync(file, 'utf8')) as Fixture;
  } catch (error) {
    throw new Error(`${FIXTURE_FILE}: not valid JSON (${(error as Error).message})`);
  }
  if (!fixture || typeof fixture !== 'object' || !fixture.runtime || !Array.isArray(fixture.requests)) {
    throw new Error(`${FIXTURE_FILE}: needs "runtime" and a "requests" array (format: fixtures/README.md)`);
  }
  const broken = fixture.requests.findIndex((request) => typeof request?.method !== 'string' || typeof request?.path !== 'string');
  if (broken !== -1) throw new Error(`${FIXTURE_FILE}: requests[${broken}] needs "method" and "path"`);
  return fixture;
}

function entryFromPackage(root: string): string | undefined {
  const file = path.join(root, 'package.json');
  if (!existsSync(file)) return undefined;
  try {
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { main?: string; scripts?: Record<string, string> };
    const start = pkg.scripts?.start;
    const fromScript = start ? /(?:^|\s)(?:node|tsx|ts-node|nodemon)\s+(?:--?\S+\s+)*([\w./-]+\.(?:c|m)?[jt]s)\b/.exec(start)?.[1] : undefined;
    for (const candidate of [fromScript, pkg.main]) {
      if (candidate && existsSync(path.join(root, candidate))) return candidate.replace(/^\.\//, '');
    }
  } catch {
    // an unreadable package.json only loses this hint
  }
  return undefined;
}

function entryFromHandlers(root: string, model: AccessModel): string | undefined {
  const files = [...new Set(model.handlers.filter((handler) => handler.kind === 'express' || handler.kind === 'fastify').map((handler) => handler.file))].sort();
  const candidates = ['server.js', 'app.js', 'index.js', 'src/server.ts', 'src/index.ts', 'src/app.ts', 'server.ts', 'index.ts', 'src/server.js', 'src/index.js', ...files];
  return candidates.find((file) => existsSync(path.join(root, file)) && /\.listen\s*\(/.test(readFileSync(path.join(root, file), 'utf8')));
}

/** The runtime of the app in `root` (the original's scan gives the routes); undefined when none is found. */
export function findAppRuntime(root: string, model: AccessModel, fixture: Fixture | undefined): Runtime | undefined {
  if (fixture) return fixture.runtime;
  const lambdas = model.handlers.filter((handler) => handler.kind === 'lambda' && handler.method && handler.path);
  if (lambdas.length > 0) {
    return {
      kind: 'lambda',
      event: 'apigw-v1',
      routes: lambdas.map((handler) => ({ method: handler.method!, path: handler.path!.replace(/:([\w$]+)/g, '{$1}'), handler: handler.id })),
    };
  }
  const entry = entryFromPackage(root) ?? entryFromHandlers(root, model);
  return entry ? { kind: 'http', entry } : undefined;
}
