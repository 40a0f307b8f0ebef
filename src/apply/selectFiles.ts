/**
 * Which source files apply rewrites, and in what order. Files that use stores come first, files
 * that declare stores or JSON helpers ("homes") last: retiring a store depends on what the other
 * files' rewrites left behind. With a transform that finds its own call sites (SQLite) every other
 * file is offered too, but only after a cheap check on the scanner's tree says some step could
 * change it; the rest is never parsed for rewriting nor printed.
 */
import type { NodePath } from '@babel/traverse';
import { findSqlCallSites, type SqlCallSite } from '../scan/sqlite';
import { connectionFiles } from '../apply-sqlite/retireConnectionChain';
import type { SourceFile } from '../scan/types';
import type { ApplyAnalysis } from './analysis/buildApplyAnalysis';
import type { RewriteStep } from './rewrite/rewriteFile';

export interface FileSelection {
  /** Files to rewrite, in rewrite order: others, then store users, then homes. */
  files: string[];
  /** Files that declare stores or JSON helpers (the last ones in `files`). */
  homes: Set<string>;
  /** Source files the cheap check left out. */
  skipped: number;
}

/**
 * Steps whose triggers mayChange knows. A step not listed (a new transform) could act anywhere,
 * so then every file is rewritten, as before the check existed.
 */
const KNOWN_STEPS = new Set(['rewriteCallbackReads', 'rewriteCollections', 'retireStores', 'retireAccessors', 'propagateAsync', 'wrapExpressHandlers', 'removeUnusedBindings', 'addImports', 'rewriteSqlCalls']);

export function selectFiles(analysis: ApplyAnalysis, all: boolean, steps: RewriteStep[], options: { skipUnchanged?: boolean } = {}): FileSelection {
  const { ordered, homes } = orderFiles(analysis);
  if (!all) return { files: ordered, homes, skipped: 0 };
  const known = new Set(ordered);
  const skip = (options.skipUnchanged ?? true) && steps.every((step) => KNOWN_STEPS.has(step.name));
  const sqlSites = findSqlCallSites({ root: analysis.root, project: analysis.project, diagnostics: { report: () => undefined } as never });
  // a module of prepared statements run from other files goes last, like a store's home: it can
  // drop a statement only once every file that ran it has been rewritten
  const statementHomes = new Set(sqlSites.flatMap((site) => (site.prepare && site.prepare.file.rel !== site.file.rel ? [site.prepare.file.rel] : [])));
  // files holding a SQLite connection are rewritten (the connection may go); files handing it to
  // other files go after everything else, consumers first (see retireConnectionChain)
  const connections = connectionFiles(analysis);
  const suppliers = new Set(connections.suppliers);
  const check = skip ? createChangeCheck(analysis, sqlSites) : undefined;
  const rest: string[] = [];
  let skipped = 0;
  for (const source of analysis.project.sources) {
    if (known.has(source.rel) || statementHomes.has(source.rel) || suppliers.has(source.rel)) continue;
    if (!check || check(source) || connections.holders.has(source.rel)) rest.push(source.rel);
    else skipped += 1;
  }
  for (const rel of statementHomes) homes.add(rel);
  for (const rel of suppliers) homes.add(rel);
  const files = [...rest.sort(), ...ordered.filter((rel) => !statementHomes.has(rel)), ...[...statementHomes].sort()].filter((rel) => !suppliers.has(rel));
  return { files: [...files, ...connections.suppliers], homes, skipped };
}

/** Files that use stores first; files that declare stores or JSON helpers last (they retire them). */
function orderFiles(analysis: ApplyAnalysis): { ordered: string[]; homes: Set<string> } {
  const users = new Set<string>();
  for (const reference of analysis.references.values()) users.add(reference.file.rel);
  const homes = new Set<string>();
  for (const target of analysis.targets) if (target.origin === 'memory') homes.add(target.record.id.slice(0, target.record.id.lastIndexOf('#')));
  for (const accessor of analysis.accessors.values()) homes.add(accessor.file.rel);
  const all = [...new Set([...users, ...homes, ...analysis.asyncFiles])];
  return { ordered: [...all.filter((rel) => !homes.has(rel)).sort(), ...all.filter((rel) => homes.has(rel)).sort()], homes };
}

/**
 * Whether a file that uses no store could still be changed by a known step: it runs SQL
 * (rewriteSqlCalls), the scan found a write in it (markMissedOperations), it already awaits
 * (wrapExpressHandlers wraps an Express 4 async handler), or a function in it calls a function
 * that becomes async (propagateAsync awaits the call). Read on the scanner's tree: no new parse.
 */
function createChangeCheck(analysis: ApplyAnalysis, sqlSites: SqlCallSite[]): (source: SourceFile) => boolean {
  const sqlFiles = new Set(sqlSites.map((site) => site.file.rel));
  const operationFiles = new Set(analysis.model.operations.map((operation) => operation.file));
  return (source) => {
    if (sqlFiles.has(source.rel) || operationFiles.has(source.rel)) return true;
    if (/\bawait\b/.test(source.text)) return true;
    return analysis.asyncFunctions.size > 0 && callsAsyncFunction(analysis, source);
  };
}

function callsAsyncFunction(analysis: ApplyAnalysis, source: SourceFile): boolean {
  let found = false;
  source.program.traverse({
    CallExpression(path: NodePath) {
      if (found || !path.getFunctionParent()) return;
      const fn = analysis.project.resolveFunction(source, path.get('callee') as NodePath);
      if (fn && analysis.asyncFunctions.has(fn.path.node)) {
        found = true;
        path.stop();
      }
    },
  });
  return found;
}
