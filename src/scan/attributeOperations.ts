import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { OperationRecord } from '../model/access-model';
import type { FunctionRef, HandlerFinding, OperationFinding, ProjectIndex } from './types';

/** How far up the call graph an operation is followed before giving up (deep service layers are rare). */
const MAX_CALL_DEPTH = 12;

/**
 * Ties each operation to the handlers that perform it: the handler whose function lexically
 * contains the operation, or calls (directly or through helpers, across files) the function
 * that does. An operation reached from two routes is reported once per route.
 */
export function attributeOperations(
  project: ProjectIndex,
  operations: OperationFinding[],
  handlers: { id: string; finding: HandlerFinding }[],
): OperationRecord[] {
  const handlersByFunction = new Map<t.Node, string[]>();
  for (const { id, finding } of handlers) {
    if (!finding.fn) continue;
    const list = handlersByFunction.get(finding.fn.path.node) ?? [];
    list.push(id);
    handlersByFunction.set(finding.fn.path.node, list);
  }
  const cache = new Map<t.Node, string[]>();
  const records: OperationRecord[] = [];
  for (const finding of operations) {
    const { sourceFile, path, ...rest } = finding;
    const line = project.lineOf(path);
    const enclosing = path.getFunctionParent();
    const ids = enclosing
      ? handlersReaching(project, { file: sourceFile, path: enclosing }, handlersByFunction, cache)
      : [];
    const base: OperationRecord = { ...stripUndefined(rest), file: sourceFile.rel, line } as OperationRecord;
    if (ids.length === 0) records.push(base);
    for (const handler of ids) records.push({ ...base, handler });
  }
  return records;
}

function handlersReaching(
  project: ProjectIndex,
  start: FunctionRef,
  handlersByFunction: Map<t.Node, string[]>,
  cache: Map<t.Node, string[]>,
): string[] {
  const cached = cache.get(start.path.node);
  if (cached) return cached;
  const found = new Set<string>();
  const seen = new Set<t.Node>();
  let frontier: FunctionRef[] = [start];
  for (let depth = 0; depth <= MAX_CALL_DEPTH && frontier.length > 0; depth++) {
    const next: FunctionRef[] = [];
    for (const fn of frontier) {
      if (seen.has(fn.path.node)) continue;
      seen.add(fn.path.node);
      for (const id of handlersByFunction.get(fn.path.node) ?? []) found.add(id);
      // A callback runs on behalf of the function around it (`db.all(sql, (err, rows) => …)`).
      const lexicalParent = (fn.path as NodePath).parentPath?.getFunctionParent();
      if (lexicalParent) next.push({ file: fn.file, path: lexicalParent });
      next.push(...project.getCallers(fn));
    }
    frontier = next;
  }
  const result = [...found].sort();
  cache.set(start.path.node, result);
  return result;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
