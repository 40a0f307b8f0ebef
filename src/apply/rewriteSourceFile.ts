/**
 * One source file's rewrite as a plain, serialisable outcome: the new text, what the rewrite
 * reported, and the stores it left in use (by record id). The same function runs in the apply
 * process and in its worker processes, so both produce the same outcome for a file.
 */
import type { ApplyAnalysis } from './analysis/buildApplyAnalysis';
import type { StoreOrigin } from './analysis/findStoreTargets';
import type { RewriteReport } from './rewrite/FileRewrite';
import { rewriteFile, type RewriteStep } from './rewrite/rewriteFile';
import { keptStatements } from '../apply-sqlite/keptStatements';

export interface FileOutcome {
  rel: string;
  /** The new text, or undefined when nothing changed. */
  output?: string;
  report: RewriteReport;
  /** Stores (record ids) this file's rewrite left in use: their declarations must stay. */
  keptTargets: string[];
  /** Prepared statements (see keptStatements) this file still runs on SQLite: they must stay. */
  keptStatements?: string[];
}

export function rewriteSourceFile(analysis: ApplyAnalysis, rel: string, origins: StoreOrigin[], steps: RewriteStep[]): FileOutcome | undefined {
  const source = analysis.project.getSource(rel);
  if (!source) return undefined;
  const keptBefore = new Set(analysis.keptTargets);
  const statementsBefore = new Set(keptStatements(analysis));
  const { output, report } = rewriteFile(rel, source.text, analysis, origins, steps);
  const keptTargets = [...analysis.keptTargets].filter((target) => !keptBefore.has(target)).map((target) => target.record.id);
  const statements = [...keptStatements(analysis)].filter((id) => !statementsBefore.has(id));
  return { rel, ...(output !== undefined ? { output } : {}), report, keptTargets, ...(statements.length ? { keptStatements: statements } : {}) };
}

/** Records in this process's analysis what a file's rewrite (possibly in a worker) did to the shared state. */
export function recordOutcome(analysis: ApplyAnalysis, outcome: FileOutcome): void {
  analysis.processed.add(outcome.rel);
  for (const id of outcome.keptStatements ?? []) keptStatements(analysis).add(id);
  for (const id of outcome.keptTargets) {
    const target = analysis.targets.find((candidate) => candidate.record.id === id);
    if (target) analysis.keptTargets.add(target);
  }
}
