/**
 * A fixture app as a user has it right after a migration: a copy in its own git repository with
 * the original code committed (HEAD), then `plan --yes` and `apply` run on it (left uncommitted).
 */
import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { runApply } from '../../../src/commands/apply';
import { runPlan } from '../../../src/commands/plan';
import { copyFixture } from '../../support/fixture-files';

export function capture(): { stream: Writable; text: () => string } {
  let text = '';
  return { stream: new Writable({ write: (chunk, _encoding, done) => { text += chunk.toString(); done(); } }), text: () => text };
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=verify-test', '-c', 'user.email=verify@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

/** `beforeCommit` changes the original app first (e.g. removes fixture.json). */
export async function migratedFixture(name: string, beforeCommit?: (dir: string) => void): Promise<string> {
  const dir = await copyFixture(name);
  beforeCommit?.(dir);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'original app');
  const out = capture();
  const planExit = await runPlan({ dir, yes: true, stdout: out.stream, stderr: out.stream });
  if (planExit !== 0) throw new Error(`plan failed on ${name}:\n${out.text()}`);
  const applyExit = await runApply({ dir, stdout: out.stream, stderr: out.stream });
  if (applyExit !== 0) throw new Error(`apply exited ${applyExit} on ${name}:\n${out.text()}`);
  return dir;
}
