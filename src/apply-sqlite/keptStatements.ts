/**
 * Prepared statements a file's rewrite left running SQLite (an execution that stayed a TODO), by
 * the position of their `prepare` call. The file that prepares and exports them (rewritten after
 * every other file, see selectFiles) keeps those and drops the rest. Per analysis, and carried in
 * each file's outcome, so rewrites in worker processes count too.
 */
import type { SqlCallSite } from '../scan/sqlite';

const kept = new WeakMap<object, Set<string>>();

export function keptStatements(analysis: object): Set<string> {
  let set = kept.get(analysis);
  if (!set) {
    set = new Set();
    kept.set(analysis, set);
  }
  return set;
}

/** `db/queries.js:12:20`: the prepare call of a site's statement. */
export function statementId(prepare: NonNullable<SqlCallSite['prepare']>): string {
  const start = prepare.path.node.loc?.start;
  return `${prepare.file.rel}:${start?.line ?? 0}:${start?.column ?? 0}`;
}
