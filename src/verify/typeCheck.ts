/**
 * The type-check step of verify: `tsc --noEmit -p <tsconfig>` (this package's TypeScript) for a
 * TypeScript app, `node --check` on each JavaScript file otherwise.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface CommandOutcome {
  ok: boolean;
  output: string;
}

export function runNode(args: string[], cwd: string, timeoutMs = 180_000): Promise<CommandOutcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, output: error.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output: code === null ? `stopped after ${Math.round(timeoutMs / 1000)} s\n${output}` : output });
    });
  });
}

export function findTypeScriptCompiler(): string {
  return join(require.resolve('typescript/package.json'), '..', 'bin', 'tsc');
}

/** First lines of tsc's output: `file(line,col): error TS…`, enough to act on. */
export function summarizeTscOutput(output: string, limit = 12): string {
  const errors = output.split(/\r?\n/).filter((line) => /error TS\d+/.test(line));
  const shown = errors.slice(0, limit);
  const more = errors.length > limit ? [`… and ${errors.length - limit} more error(s)`] : [];
  return (shown.length > 0 ? [...shown, ...more] : output.trim().split(/\r?\n/).slice(0, limit)).join('\n');
}

export function typeCheckProject(tsconfig: string, cwd: string): Promise<CommandOutcome> {
  return runNode([findTypeScriptCompiler(), '--noEmit', '--pretty', 'false', '-p', tsconfig], cwd).then((outcome) => ({
    ok: outcome.ok,
    output: outcome.ok ? '' : summarizeTscOutput(outcome.output),
  }));
}

const SKIP = new Set(['node_modules', '.git', '.migration', 'cdk.out', 'dist', 'build', 'coverage']);

export function listJavaScriptFiles(directory: string, root = directory, depth = 0): string[] {
  if (depth > 10) return [];
  return readdirSync(directory).sort().flatMap((name) => {
    if (SKIP.has(name) || name.startsWith('.')) return [];
    const full = join(directory, name);
    if (statSync(full).isDirectory()) return existsSync(join(full, 'cdk.json')) ? [] : listJavaScriptFiles(full, root, depth + 1);
    return /\.(js|cjs|mjs)$/.test(name) ? [relative(root, full)] : [];
  });
}

/** `node --check` per file; the failures as `file: message`. */
export async function checkJavaScriptSyntax(root: string, files: string[]): Promise<string[]> {
  const failures: string[] = [];
  for (const file of files) {
    const outcome = await runNode(['--check', file], root, 30_000);
    if (!outcome.ok) {
      const message = outcome.output.split(/\r?\n/).find((line) => /Error/.test(line)) ?? outcome.output.trim().split(/\r?\n/)[0];
      const where = outcome.output.match(/:(\d+)\r?\n/);
      failures.push(`${file}${where ? `:${where[1]}` : ''}: ${message}`);
    }
  }
  return failures;
}
