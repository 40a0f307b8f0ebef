/**
 * Starts an app (an HTTP server, or its Lambda handlers behind lambdaRunner) as a child process on
 * a free 127.0.0.1 port, and stops it again. Every child is tracked so that a failing check or
 * test, or the process exiting, never leaves one behind. Used by `verify` and the test harness.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as net from 'net';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { redirectListenPortArgs } from './redirectListenPort';
import type { Fixture } from './types';

/** What starting an app needs: how to run it and its extra environment. */
export type AppSpec = Pick<Fixture, 'runtime' | 'env'>;

export interface RunningApp {
  baseUrl: string;
  port: number;
  pid: number;
  /** What the app printed so far (for failure messages). */
  output(): { stdout: string; stderr: string };
  stop(): Promise<void>;
}

export interface StartOptions {
  /** How long to wait for the port to accept connections; default 15 s. */
  startTimeoutMs?: number;
}

// Under ts-jest/tsx this module is the .ts source; built, it is dist's .js.
const RUNNER = path.join(__dirname, `lambdaRunner${path.extname(__filename) === '.ts' ? '.ts' : '.js'}`);
const OUTPUT_LIMIT = 64 * 1024;
const live = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Asks the OS for a free port on 127.0.0.1. */
export function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The tsx loader, which runs TypeScript apps and handlers; resolved only when one needs it. */
function tsxLoader(): string {
  try {
    return pathToFileURL(require.resolve('tsx')).href;
  } catch {
    throw new Error('running a TypeScript app needs the `tsx` package: install it next to dynamodb-codemod (npm i -D tsx)');
  }
}

const isTypeScript = (file: string) => /\.(c|m)?tsx?$/.test(file);

function commandFor(spec: AppSpec): string[] {
  if (spec.runtime.kind === 'lambda') {
    const config = { event: spec.runtime.event, routes: spec.runtime.routes };
    const needsTsx = isTypeScript(RUNNER) || spec.runtime.routes.some((route) => isTypeScript(route.handler.split('#')[0]));
    return [...(needsTsx ? ['--import', tsxLoader()] : []), RUNNER, JSON.stringify(config)];
  }
  if (spec.runtime.kind === 'none') throw new Error('this fixture is scan-only (runtime "none"): there is no app to start');
  const entry = spec.runtime.entry;
  return [...redirectListenPortArgs(), ...(isTypeScript(entry) ? ['--import', tsxLoader()] : []), entry];
}

/**
 * Starts the app in `dir` (usually a copy from copyFixture) with PORT set to a free port, plus
 * spec.env and `env` (later wins). Resolves once the port accepts connections; throws with the
 * app's stderr if it exits first or does not listen within the timeout.
 */
export async function startApp(dir: string, spec: AppSpec, env: Record<string, string> = {}, options: StartOptions = {}): Promise<RunningApp> {
  const port = await getFreePort();
  const child = spawn(process.execPath, commandFor(spec), {
    cwd: dir,
    env: { ...process.env, NODE_ENV: 'test', ...spec.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-OUTPUT_LIMIT)));
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-OUTPUT_LIMIT)));
  let exited: string | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = signal ? `signal ${signal}` : `code ${code}`;
      live.delete(child);
      resolve();
    });
  });
  child.once('error', (error) => {
    exited = `spawn error ${error.message}`;
    live.delete(child);
  });

  const stop = async (): Promise<void> => {
    if (exited !== undefined || child.exitCode !== null) return;
    child.kill('SIGTERM');
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exitPromise;
    clearTimeout(killTimer);
  };

  const describe = (what: string): Error =>
    new Error(`${what}: ${spec.runtime.kind === 'http' ? spec.runtime.entry : spec.runtime.kind} in ${dir}\n--- stderr ---\n${stderr.trim()}\n--- stdout ---\n${stdout.trim()}`);

  const deadline = Date.now() + (options.startTimeoutMs ?? 15000);
  for (;;) {
    if (exited !== undefined) throw describe(`app exited (${exited}) before listening on port ${port}`);
    if (await canConnect(port)) break;
    if (Date.now() > deadline) {
      await stop();
      throw describe(`app did not listen on port ${port} within ${options.startTimeoutMs ?? 15000} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { baseUrl: `http://127.0.0.1:${port}`, port, pid: child.pid!, output: () => ({ stdout, stderr }), stop };
}

/** Stops every app still running (an afterAll safety net). */
export async function stopAllApps(): Promise<void> {
  await Promise.all(
    [...live].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}
