/**
 * `dynamodb-codemod apply <dir> [--transform name…] [--dry] [--print] [--force] [--design file]`.
 * Rewrites data access per the design; `--dry` writes nothing and prints unified diffs. Without
 * `--dry` a git working tree with uncommitted changes (outside .migration/) is refused unless
 * `--force`. Exit 0: all rewritten; 3: TODO markers left; 1: invalid design; 2: cannot run.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { EXIT } from '../cli/exitCodes';
import { createProgressLine } from '../cli/progressLine';
import { apply, writeChanges, type ApplyResult } from '../apply';
import { DesignError } from '../apply/loadDesign';
import { ScanInputError } from '../scan';

export interface ApplyCommandOptions {
  dir: string;
  transform?: string[];
  dry?: boolean;
  print?: boolean;
  force?: boolean;
  design?: string;
  /** Also write the infrastructure (default: yes unless --transform names others only). */
  infrastructure?: boolean;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

export async function runApply(options: ApplyCommandOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const root = path.resolve(options.dir);
  if (!options.dry) {
    const tree = checkGitTree(root);
    if (tree === 'dirty' && !options.force) {
      stderr.write(`dynamodb-codemod apply: ${options.dir} has uncommitted changes; commit them first (so the rewrite can be reviewed and undone with git), or pass --force\n`);
      return EXIT.usage;
    }
    if (tree === 'none') stderr.write(`note: ${options.dir} is not in a git repository; files are changed in place (use --dry to preview)\n`);
  }
  let result: ApplyResult;
  const progress = createProgressLine(stderr, 'apply');
  try {
    result = await apply(root, { transforms: options.transform, design: options.design, infrastructure: options.infrastructure, onProgress: (done, total, phase) => progress.count(phase, done, total) });
    progress.done();
  } catch (error) {
    progress.done();
    if (error instanceof DesignError) {
      stderr.write(`dynamodb-codemod apply: ${error.message}\n`);
      return /no table design/.test(error.message) ? EXIT.usage : EXIT.problems;
    }
    if (error instanceof ScanInputError || /unknown transform/.test((error as Error).message)) {
      stderr.write(`dynamodb-codemod apply: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  const colour = Boolean((stdout as NodeJS.WriteStream).isTTY);
  if (options.dry) {
    for (const change of result.changes) if (!change.kept) stdout.write(renderDiff(change.rel, change.before, change.after, colour));
  } else {
    writeChanges(root, result.changes);
  }
  if (options.print) {
    for (const change of result.changes) if (!change.kept) stdout.write(`// ---- ${change.rel}\n${change.after}`);
  }
  stdout.write(renderSummary(result, Boolean(options.dry)));
  if (result.notes.length) stdout.write(`${result.notes.join('\n')}\n`);
  for (const change of result.changes) if (change.kept) stderr.write(`warning: ${change.kept}\n`);
  for (const diagnostic of result.diagnostics) if (diagnostic.code !== 'apply-todo') stderr.write(`${diagnostic.severity}: ${diagnostic.file}:${diagnostic.line} ${diagnostic.message}\n`);
  return result.todos.length ? EXIT.todosLeft : EXIT.ok;
}

export function renderDiff(rel: string, before: string | undefined, after: string, colour: boolean): string {
  const patch = createTwoFilesPatch(before === undefined ? '/dev/null' : `a/${rel}`, `b/${rel}`, before ?? '', after, undefined, undefined, { context: 3 });
  if (!colour) return patch;
  return patch
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return `\x1b[1m${line}\x1b[0m`;
      if (line.startsWith('+')) return `\x1b[32m${line}\x1b[0m`;
      if (line.startsWith('-')) return `\x1b[31m${line}\x1b[0m`;
      if (line.startsWith('@@')) return `\x1b[36m${line}\x1b[0m`;
      return line;
    })
    .join('\n');
}

export function renderSummary(result: ApplyResult, dry: boolean): string {
  const written = result.changes.filter((change) => !change.kept);
  const lines = [
    `${dry ? 'Would change' : 'Changed'} ${written.length} file${written.length === 1 ? '' : 's'}${written.length ? ':' : '.'}`,
    ...written.map((change) => `  ${change.before === undefined ? 'new ' : ''}${change.rel}`),
    `${result.rewritten} operation${result.rewritten === 1 ? '' : 's'} rewritten to DynamoDB.`,
  ];
  if (result.todos.length) {
    lines.push(`${result.todos.length} TODO marker${result.todos.length === 1 ? '' : 's'} left (search for "dynamodb-codemod: TODO"):`);
    for (const todo of result.todos) lines.push(`  ${todo.file}:${todo.line} ${todo.message}`);
  } else {
    lines.push('0 TODO markers left.');
  }
  return `${lines.join('\n')}\n`;
}

/** 'clean', 'dirty' (changes outside .migration/), or 'none' (not a git working tree). */
export function checkGitTree(root: string): 'clean' | 'dirty' | 'none' {
  try {
    const inside = execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    if (inside !== 'true') return 'none';
    const status = execFileSync('git', ['status', '--porcelain', '--', '.'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    const changed = status
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3))
      .filter((file) => !/(^|\/)\.migration\//.test(file));
    return changed.length ? 'dirty' : 'clean';
  } catch {
    return 'none';
  }
}
