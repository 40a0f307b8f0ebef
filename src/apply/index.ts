/**
 * `apply` as a library: rewrite the project's data access per `.migration/dynamodb.json` and
 * return every file change (nothing is written here; see writeChanges).
 */

import * as path from 'node:path';
import type { DiagnosticRecord } from '../model/access-model';
import { writeFileAtomic } from '../stack/writeFileAtomic';
import type { ApplyAnalysis } from './analysis/buildApplyAnalysis';
import { planSupportFiles, type FileChange } from './planSupportFiles';
import type { SeedData } from './rewrite/FileRewrite';
import { countWorkers, RewritePool, workersAvailable } from './rewriteInWorkers';
import { recordOutcome, rewriteSourceFile, type FileOutcome } from './rewriteSourceFile';
import { selectFiles, type FileSelection } from './selectFiles';
import { readTodoMarkers } from './rewrite/addTodo';
import { createSession, defaultDesignPath } from './session';
import { combineTransforms, INFRASTRUCTURE_TRANSFORM, selectTransforms } from './transforms';
import { applyInfrastructure } from '../infra-step';

export interface ApplyOptions {
  /** Transform names (default: all). */
  transforms?: string[];
  /** Design file (default `<dir>/.migration/dynamodb.json`). */
  design?: string;
  /**
   * Also write the infrastructure (src/infra-step: DatabaseStack + CDK wiring, or a new
   * `infrastructure/` app for servers). Default: yes, unless `transforms` names others only.
   */
  infrastructure?: boolean;
  /** Progress on a terminal: files parsed by the scan, then files rewritten, out of total. */
  onProgress?: (done: number, total: number, phase: 'parsed' | 'rewritten') => void;
  /**
   * Worker processes for the per-file rewrites (0 = all in this process). Default:
   * DYNAMODB_CODEMOD_WORKERS, else one per spare core for projects of 300+ source files.
   */
  workers?: number;
  /** Skip files no step can change after a cheap check (default true; false offers every file to every step). */
  skipUnchanged?: boolean;
  /** With workers: false leaves every file that can go to a worker to the workers (tests). Default true. */
  shareWithWorkers?: boolean;
}

export interface ApplyResult {
  root: string;
  designPath: string;
  /** Changed files (sources and support files), in path order. */
  changes: FileChange[];
  rewritten: number;
  todos: { file: string; line: number; message: string }[];
  diagnostics: DiagnosticRecord[];
  /** Lines to show after the summary (infrastructure notes: env vars a server must set, …). */
  notes: string[];
}

export async function apply(dir: string, options: ApplyOptions = {}): Promise<ApplyResult> {
  const root = path.resolve(dir);
  const designPath = path.resolve(options.design ?? defaultDesignPath(root));
  const combined = combineTransforms(selectTransforms(options.transforms));
  // workers start first: their own scans run while this process scans
  const workerCount = workersAvailable() ? countWorkers(root, options.workers) : 0;
  const pool = workerCount > 0 ? new RewritePool(workerCount, { root, designPath, transforms: options.transforms }) : undefined;
  try {
    const session = await createSession(root, designPath, options.onProgress && ((done, total) => options.onProgress?.(done, total, 'parsed')));
    return await rewriteProject(session.analysis, { root, designPath, combined, pool, options });
  } finally {
    await pool?.close();
  }
}

interface RunContext {
  root: string;
  designPath: string;
  combined: ReturnType<typeof combineTransforms>;
  pool: RewritePool | undefined;
  options: ApplyOptions;
}

async function rewriteProject(analysis: ApplyAnalysis, { root, designPath, combined, pool, options }: RunContext): Promise<ApplyResult> {
  const changes: FileChange[] = [];
  const seeds: SeedData[] = [];
  const result: ApplyResult = { root, designPath, changes, rewritten: 0, todos: [], diagnostics: [], notes: [] };
  for (const problem of analysis.problems) {
    result.diagnostics.push({ severity: 'warning', code: 'apply-store-skipped', file: problem.store.file, line: problem.store.line, message: problem.message });
  }
  let clientUsed = false;
  const selection = selectFiles(analysis, combined.selectAll, combined.steps, { skipUnchanged: options.skipUnchanged });
  const outcomes = await rewriteSelected(analysis, selection, combined, pool, options);
  for (const rel of selection.files) {
    const outcome = outcomes.get(rel);
    if (!outcome) continue;
    const { report, output } = outcome;
    result.rewritten += report.rewritten;
    result.todos.push(...report.todos.map((todo) => ({ file: rel, ...todo })));
    result.diagnostics.push(...report.diagnostics);
    seeds.push(...report.seeds);
    if (output !== undefined) {
      changes.push({ rel, before: analysis.project.getSource(rel)!.text, after: output });
      clientUsed = true;
    }
  }
  changes.push(...planSupportFiles(analysis, seeds, clientUsed));
  const withInfrastructure = options.infrastructure ?? (!options.transforms?.length || options.transforms.includes(INFRASTRUCTURE_TRANSFORM));
  if (withInfrastructure) {
    const infrastructure = await applyInfrastructure(root, analysis.design, analysis.model, { dry: true });
    for (const change of infrastructure.changes) if (!changes.some((known) => known.rel === change.path)) changes.push({ rel: change.path, before: change.before, after: change.after });
    result.diagnostics.push(...infrastructure.diagnostics);
    result.notes.push(...infrastructure.notes);
  }
  changes.sort((a, b) => a.rel.localeCompare(b.rel));
  result.todos = collectMarkers(analysis, changes, result.todos);
  return result;
}

/**
 * The TODO markers in the project once the changes are made — this run's and those an earlier run
 * left (a re-run must still report them and exit 3), one per marker, in file and line order.
 */
function collectMarkers(analysis: ApplyAnalysis, changes: FileChange[], reported: ApplyResult['todos']): ApplyResult['todos'] {
  const markers: ApplyResult['todos'] = [];
  const changed = new Map<string, string>();
  for (const change of changes) if (!changed.has(change.rel)) changed.set(change.rel, change.after);
  for (const source of analysis.project.sources) {
    const text = changed.get(source.rel) ?? source.text;
    // the marker sits above the statement it is about: that statement's line is reported
    for (const marker of readTodoMarkers(text)) markers.push({ file: source.rel, line: marker.line + 1, message: marker.message });
  }
  for (const todo of reported) {
    if (!markers.some((marker) => marker.file === todo.file && marker.message === todo.message)) markers.push(todo);
  }
  return markers.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/**
 * Every selected file's outcome. Files that declare stores ("homes") go last and one by one in
 * this process: retiring a store depends on what the other files' rewrites left in use. The other
 * files do not depend on each other, so the pool's workers may take them.
 */
async function rewriteSelected(
  analysis: ApplyAnalysis,
  selection: FileSelection,
  combined: ReturnType<typeof combineTransforms>,
  pool: RewritePool | undefined,
  { onProgress, shareWithWorkers }: ApplyOptions,
): Promise<Map<string, FileOutcome>> {
  const outcomes = new Map<string, FileOutcome>();
  const total = selection.files.length;
  const local = (rel: string) => rewriteSourceFile(analysis, rel, combined.origins, combined.steps);
  const done = (outcome: FileOutcome | undefined, rel: string) => {
    if (outcome) {
      recordOutcome(analysis, outcome);
      outcomes.set(rel, outcome);
    }
    onProgress?.(outcomes.size, total, 'rewritten');
  };
  onProgress?.(0, total, 'rewritten');
  const independent = selection.files.filter((rel) => !selection.homes.has(rel));
  if (pool) await pool.run(independent, local, done, { shareWithWorkers });
  else for (const rel of independent) done(local(rel), rel);
  for (const rel of selection.files) if (selection.homes.has(rel)) done(local(rel), rel);
  onProgress?.(total, total, 'rewritten');
  return outcomes;
}

/** Writes each change atomically (temp file + rename). Kept files are left alone. */
export function writeChanges(root: string, changes: FileChange[]): void {
  for (const change of changes) {
    if (change.kept) continue;
    writeFileAtomic(path.join(root, change.rel), change.after);
  }
}

export type { FileChange };
