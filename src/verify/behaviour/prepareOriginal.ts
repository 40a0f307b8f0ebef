/**
 * A runnable copy of the app as it was before `apply`, for the behaviour check.
 *
 * Where the original comes from, in order:
 *  1. `--original <dir>`: a directory holding the original app;
 *  2. `.migration/original/` when it exists (a copy saved by hand or by a tool before apply);
 *  3. git: `--original <ref>`, default `HEAD` — apply refuses a dirty tree, so before the
 *     migration is committed HEAD holds the original code. When HEAD already equals the working
 *     tree (the migration was committed), pass the commit before it, e.g. `--original HEAD~1`.
 *
 * The copy goes to `<dir>/.migration/verify/original/` (removed afterwards), inside the project so
 * that Node finds the project's node_modules from it, and so its data files can change freely.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';

export const ORIGINAL_COPY_DIR = path.join('.migration', 'original');
export const VERIFY_WORK_DIR = path.join('.migration', 'verify');

export interface OriginalApp {
  dir: string;
  /** In words, for the report: `git HEAD`, `.migration/original/`, `directory ../app-before`. */
  source: string;
  remove(): Promise<void>;
}

/** Thrown when no original can be found; the message says what to do. */
export class OriginalNotFound extends Error {}

const SKIPPED = new Set(['node_modules', '.git', '.migration', 'cdk.out']);

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 }).toString();
}

/** Extracts `<ref>:<prefix>` (the app's folder at that commit) into target with git archive | tar. */
function extractTree(root: string, ref: string, prefix: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const archive = spawn('git', ['archive', '--format=tar', `${ref}:${prefix}`], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const tar = spawn('tar', ['-x', '-f', '-', '-C', target], { stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    archive.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    tar.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    archive.stdout.pipe(tar.stdin);
    archive.on('error', reject);
    tar.on('error', reject);
    // both processes must have ended, in whichever order their 'close' events come
    const exits: { archive?: number | null; tar?: number | null } = {};
    const settle = (): void => {
      if (!('archive' in exits) || !('tar' in exits)) return;
      if (exits.archive === 0 && exits.tar === 0) resolve();
      else reject(new Error(`git archive ${ref}:${prefix} failed: ${errors.trim() || `git exit ${exits.archive}, tar exit ${exits.tar}`}`));
    };
    archive.on('close', (code) => {
      exits.archive = code;
      settle();
    });
    tar.on('close', (code) => {
      exits.tar = code;
      settle();
    });
  });
}

async function copyDir(source: string, target: string): Promise<void> {
  await fs.cp(source, target, { recursive: true, filter: (from) => from === source || !SKIPPED.has(path.basename(from)) });
}

function gitPrefix(root: string): string | undefined {
  try {
    if (git(root, ['rev-parse', '--is-inside-work-tree']).trim() !== 'true') return undefined;
    return git(root, ['rev-parse', '--show-prefix']).trim();
  } catch {
    return undefined;
  }
}

/** True when the app's files (outside .migration/) at `ref` are exactly the working tree's. */
function sameAsWorkingTree(root: string, ref: string): boolean {
  try {
    execFileSync('git', ['diff', '--quiet', ref, '--', '.', ':(exclude).migration'], { cwd: root, stdio: 'ignore' });
    const untracked = git(root, ['ls-files', '--others', '--exclude-standard', '--', '.', ':(exclude).migration']).trim();
    return untracked === '';
  } catch {
    return false;
  }
}

export async function prepareOriginal(root: string, original?: string): Promise<OriginalApp> {
  const work = path.join(root, VERIFY_WORK_DIR);
  const target = path.join(work, 'original');
  await fs.rm(target, { recursive: true, force: true });
  await fs.mkdir(target, { recursive: true });
  const remove = async () => {
    await fs.rm(work, { recursive: true, force: true });
  };
  try {
    // a directory as the user typed it (relative to where they are), else relative to the app
    const isDir = (dir: string) => existsSync(dir) && statSync(dir).isDirectory();
    const asDir = original === undefined ? undefined : [path.resolve(original), path.resolve(root, original)].find(isDir);
    if (asDir) {
      await copyDir(asDir, target);
      return { dir: target, source: `directory ${original}`, remove };
    }
    const saved = path.join(root, ORIGINAL_COPY_DIR);
    if (original === undefined && existsSync(saved)) {
      await copyDir(saved, target);
      return { dir: target, source: `${ORIGINAL_COPY_DIR}/`, remove };
    }
    const ref = original ?? 'HEAD';
    const prefix = gitPrefix(root);
    if (prefix === undefined) {
      throw new OriginalNotFound(`${root} is not in a git repository and has no ${ORIGINAL_COPY_DIR}/: save the app as it was before apply there, or pass the original's directory`);
    }
    try {
      git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    } catch {
      throw new OriginalNotFound(`git has no commit ${ref} to take the original app from`);
    }
    try {
      git(root, ['cat-file', '-e', `${ref}:${prefix}`]);
    } catch {
      throw new OriginalNotFound(`the app's folder is not in git at ${ref} (untracked or ignored): commit the original app, or save it in ${ORIGINAL_COPY_DIR}/`);
    }
    if (sameAsWorkingTree(root, ref)) {
      throw new OriginalNotFound(`the app at git ${ref} is the same as the working tree (the migration is already committed?): name the commit before the migration as the original, e.g. HEAD~1`);
    }
    await extractTree(root, ref, prefix, target);
    return { dir: target, source: `git ${ref}`, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
