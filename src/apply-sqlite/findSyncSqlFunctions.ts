/**
 * The functions that start to await once their SQL becomes DynamoDB commands: those around a
 * synchronous better-sqlite3 `get/all/run` of a SELECT/INSERT/UPDATE/DELETE. The sqlite wrapper
 * and sqlite3 callbacks are awaited (or inlined) where they are; schema statements are retired.
 * They seed apply's async analysis, so callers in other files — also through methods of a
 * project class (`users.findById(id)` on a UserRepository) — get their `await`. SQL of a seed block
 * apply removes (retireSeedBlocks) does not count: its function keeps its signature.
 */
import type { FunctionRef, ProjectIndex } from '../scan/types';
import type { SqlCallSite } from '../scan/sqlite';
import { findSqlCallSites } from '../scan/sqlite';
import { jscodeshiftFor } from '../apply/parseForRewrite';
import { findSeedBlocks } from './retireSeedBlocks';

const DATA_STATEMENTS = new Set(['select', 'insert', 'update', 'delete']);

export function findSyncSqlFunctions(root: string, project: ProjectIndex): FunctionRef[] {
  const scanContext = { root, project, diagnostics: { report: () => undefined } as never };
  const found: FunctionRef[] = [];
  const sites = findSqlCallSites(scanContext);
  const seeded = findSeededSites(sites);
  for (const site of sites) {
    if (seeded.has(site)) continue;
    if (site.driver !== 'better-sqlite3' || !['get', 'all', 'run'].includes(site.method)) continue;
    if (!site.variants.some((variant) => variant.statements.some((statement) => statement && DATA_STATEMENTS.has(statement.kind)))) continue;
    const fn = site.path.getFunctionParent();
    if (fn && !fn.node.async && !found.some((ref) => ref.path.node === fn.node)) found.push({ file: site.file, path: fn });
  }
  return found;
}

/** The sites of seed blocks, found on a jscodeshift tree of each file that has a COUNT read. */
function findSeededSites(sites: SqlCallSite[]): Set<SqlCallSite> {
  const seeded = new Set<SqlCallSite>();
  const byFile = new Map<SqlCallSite['file'], SqlCallSite[]>();
  for (const site of sites) byFile.set(site.file, [...(byFile.get(site.file) ?? []), site]);
  for (const [file, fileSites] of byFile) {
    if (!fileSites.some((site) => site.method === 'get' && site.variants.some((variant) => variant.statements.some((statement) => statement?.selectColumns?.some((column) => column.aggregate))))) continue;
    try {
      const j = jscodeshiftFor(file.rel);
      for (const block of findSeedBlocks({ j, root: j(file.text), source: file.text }, fileSites)) for (const site of [block.count, ...block.inserts]) seeded.add(site);
    } catch {
      // a file recast cannot parse keeps all its sites (apply reports it)
    }
  }
  return seeded;
}
