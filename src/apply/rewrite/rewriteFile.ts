/**
 * Runs a transform's steps on one file and prints it. Nothing changed → no output (the file is
 * not written), so untouched files stay byte-identical and a second run is a no-op.
 */
import type { StoreOrigin } from '../analysis/findStoreTargets';
import type { ApplyAnalysis } from '../analysis/buildApplyAnalysis';
import { FileRewrite, type RewriteReport } from './FileRewrite';
import { markMissedOperations } from './markMissedOperations';

export type RewriteStep = (rewrite: FileRewrite) => void;

export interface FileRewriteResult {
  /** The new text, or undefined when nothing changed. */
  output?: string;
  report: RewriteReport;
}

export function rewriteFile(rel: string, source: string, analysis: ApplyAnalysis, origins: StoreOrigin[], steps: RewriteStep[]): FileRewriteResult {
  const rewrite = new FileRewrite(rel, source, analysis, origins);
  const before = rewrite.report.todos.length;
  for (const step of steps) step(rewrite);
  markMissedOperations(rewrite);
  analysis.processed.add(rel);
  // code left with a TODO still uses its stores as before: their declarations must stay
  if (rewrite.report.todos.length > before) keepStoresUsedBy(analysis, rel);
  const touched = rewrite.modified || rewrite.report.rewritten > 0 || rewrite.report.todos.length > before || rewrite.report.seeds.length > 0;
  if (!touched) return { report: rewrite.report };
  const output = rewrite.toSource();
  return { output: output === source ? undefined : output, report: rewrite.report };
}

function keepStoresUsedBy(analysis: ApplyAnalysis, rel: string): void {
  for (const reference of analysis.references.values()) if (reference.file.rel === rel) analysis.keptTargets.add(reference.target);
}
