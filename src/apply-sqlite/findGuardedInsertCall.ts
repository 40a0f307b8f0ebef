import type { ASTPath } from 'jscodeshift';
import type { FileRewrite } from '../apply/rewrite/FileRewrite';
import { findSqlCallSites, type SqlCallSite } from '../scan/sqlite';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const sitesByAnalysis = new WeakMap<object, SqlCallSite[]>();

/**
 * A call in `statement` of a project function (in any file) whose SQL INSERTs `column` into
 * `table` — `q.createPostWithTags({ …, slug }, tags)` with `INSERT INTO posts (…, slug, …)` inside —
 * and whose other SQL cannot be refused by a condition (reads, INSERT OR IGNORE), so a refused
 * put out of that call is the taken value and nothing else. Found on the scanner's original code,
 * so it does not matter whether that function's file was rewritten yet.
 */
export function findGuardedInsertCall(rewrite: FileRewrite, statement: AnyNode, table: string, column: string): boolean {
  const { j } = rewrite;
  const file = rewrite.analysis.project.getSource(rewrite.rel);
  if (!file) return false;
  let found = false;
  j(statement).find(j.CallExpression).forEach((call: ASTPath<any>) => {
    if (found) return;
    const scanner = rewrite.scannerPathOf(call.node.callee);
    const fn = scanner ? rewrite.analysis.project.resolveFunction(file, scanner) : undefined;
    if (!fn) return;
    const inside = projectSites(rewrite).filter((site) => site.file.rel === fn.file.rel && within(site.path.node, fn.path.node));
    const statements = inside.flatMap((site) => site.variants.flatMap((variant) => variant.statements));
    const inserts = statements.filter((summary) => summary?.kind === 'insert' && summary.table?.toLowerCase() === table.toLowerCase() && summary.insert?.columns.includes(column) && !summary.insert.conflict);
    const refusable = statements.filter((summary) => !summary || (summary.kind !== 'select' && !(summary.kind === 'insert' && ['ignore', 'nothing'].includes(summary.insert?.conflict ?? ''))));
    found = inserts.length === 1 && refusable.length === 1 && refusable[0] === inserts[0];
  });
  return found;
}

function projectSites(rewrite: FileRewrite): SqlCallSite[] {
  let sites = sitesByAnalysis.get(rewrite.analysis);
  if (!sites) {
    sites = findSqlCallSites({ root: rewrite.analysis.root, project: rewrite.analysis.project, diagnostics: { report: () => undefined } as never });
    sitesByAnalysis.set(rewrite.analysis, sites);
  }
  return sites;
}

function within(node: AnyNode, outer: AnyNode): boolean {
  return node.start >= outer.start && node.end <= outer.end;
}
