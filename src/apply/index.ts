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
import { rewriteFile } from './rewrite/rewriteFile';
import { TODO_PREFIX } from './rewrite/addTodo';
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
  /** Called after each file is rewritten: files done, total (progress on a terminal). */
  onProgress?: (done: number, total: number) => void;
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
  const session = await createSession(root, designPath);
  const analysis = session.analysis;
  const changes: FileChange[] = [];
  const seeds: SeedData[] = [];
  const result: ApplyResult = { root, designPath, changes, rewritten: 0, todos: [], diagnostics: [], notes: [] };
  for (const problem of analysis.problems) {
    result.diagnostics.push({ severity: 'warning', code: 'apply-store-skipped', file: problem.store.file, line: problem.store.line, message: problem.message });
  }
  let clientUsed = false;
  const selected = selectFiles(analysis, combined.selectAll);
  for (const [index, rel] of selected.entries()) {
    options.onProgress?.(index, selected.length);
    const source = analysis.project.getSource(rel);
    if (!source) continue;
    const { output, report } = rewriteFile(rel, source.text, analysis, combined.origins, combined.steps);
    result.rewritten += report.rewritten;
    result.todos.push(...report.todos.map((todo) => ({ file: rel, ...todo })));
    result.diagnostics.push(...report.diagnostics);
    seeds.push(...report.seeds);
    if (output !== undefined) {
      changes.push({ rel, before: source.text, after: output });
      clientUsed = true;
    }
  }
  options.onProgress?.(selected.length, selected.length);
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
  for (const source of analysis.project.sources) {
    const text = changes.find((change) => change.rel === source.rel)?.after ?? source.text;
    text.split('\n').forEach((line, index) => {
      const at = line.indexOf(TODO_PREFIX);
      if (at >= 0) markers.push({ file: source.rel, line: index + 2, message: line.slice(at + TODO_PREFIX.length).trim() });
    });
  }
  for (const todo of reported) {
    if (!markers.some((marker) => marker.file === todo.file && marker.message === todo.message)) markers.push(todo);
  }
  return markers.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/**
 * The files to rewrite: every source when a selected transform finds its own sites (SQLite), else
 * the files that use stores or call functions that become async.
 */
function selectFiles(analysis: ApplyAnalysis, all: boolean): string[] {
  const ordered = orderFiles(analysis);
  if (!all) return ordered;
  const rest = analysis.project.sources.map((source) => source.rel).filter((rel) => !ordered.includes(rel)).sort();
  return [...rest, ...ordered];
}

/** Files that use stores first; files that declare stores or JSON helpers last (they retire them). */
function orderFiles(analysis: ApplyAnalysis): string[] {
  const users = new Set<string>();
  for (const reference of analysis.references.values()) users.add(reference.file.rel);
  const homes = new Set<string>();
  for (const target of analysis.targets) if (target.origin === 'memory') homes.add(target.record.id.slice(0, target.record.id.lastIndexOf('#')));
  for (const accessor of analysis.accessors.values()) homes.add(accessor.file.rel);
  const all = [...new Set([...users, ...homes, ...analysis.asyncFiles])];
  return [...all.filter((rel) => !homes.has(rel)).sort(), ...all.filter((rel) => homes.has(rel)).sort()];
}

/** Writes each change atomically (temp file + rename). Kept files are left alone. */
export function writeChanges(root: string, changes: FileChange[]): void {
  for (const change of changes) {
    if (change.kept) continue;
    writeFileAtomic(path.join(root, change.rel), change.after);
  }
}

export type { FileChange };
