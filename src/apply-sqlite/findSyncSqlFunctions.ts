/**
 * The functions that start to await once their SQL becomes DynamoDB commands: those around a
 * synchronous better-sqlite3 `get/all/run` of a SELECT/INSERT/UPDATE/DELETE. The sqlite wrapper
 * and sqlite3 callbacks are awaited (or inlined) where they are; schema statements are retired.
 * They seed apply's async analysis, so callers in other files — also through methods of a
 * project class (`users.findById(id)` on a UserRepository) — get their `await`.
 */
import type { FunctionRef, ProjectIndex } from '../scan/types';
import { findSqlCallSites } from '../scan/sqlite';

const DATA_STATEMENTS = new Set(['select', 'insert', 'update', 'delete']);

export function findSyncSqlFunctions(root: string, project: ProjectIndex): FunctionRef[] {
  const scanContext = { root, project, diagnostics: { report: () => undefined } as never };
  const found: FunctionRef[] = [];
  for (const site of findSqlCallSites(scanContext)) {
    if (site.driver !== 'better-sqlite3' || !['get', 'all', 'run'].includes(site.method)) continue;
    if (!site.variants.some((variant) => variant.statements.some((statement) => statement && DATA_STATEMENTS.has(statement.kind)))) continue;
    const fn = site.path.getFunctionParent();
    if (fn && !fn.node.async && !found.some((ref) => ref.path.node === fn.node)) found.push({ file: site.file, path: fn });
  }
  return found;
}
