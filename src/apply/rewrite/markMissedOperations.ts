/**
 * The last step of the memory and JSON transforms: a write the scan found (create, update,
 * delete) that no step rewrote or marked. Left alone it would keep writing to an array or a file
 * nobody reads any more, which is data loss that nothing reports. Such a spot gets a TODO.
 *
 * "Not rewritten" means: the statement is still the original text (a call of a migrated helper is
 * awaited now, so it changed), and the function around it has no DynamoDB call and no marker (an
 * item changed in place and written back later by UpdateCommand is rewritten, though its own
 * statement is unchanged).
 */
import type { ASTPath } from 'jscodeshift';
import type { OpKind } from '../../model/access-model';
import { addTodo, TODO_PREFIX } from './addTodo';
import type { FileRewrite } from './FileRewrite';

const WRITES = new Set<OpKind>(['create', 'update', 'delete']);
const MIGRATED = /Command\(|\bscanAll\(|\bqueryAll\(|\bnextId\(/;

export function markMissedOperations(rewrite: FileRewrite): void {
  const { j } = rewrite;
  const targets = new Map(rewrite.analysis.targets.filter((target) => rewrite.origins.includes(target.origin)).map((target) => [target.record.id, target]));
  const writes = rewrite.analysis.model.operations.filter((op) => op.file === rewrite.rel && WRITES.has(op.op) && targets.has(op.store));
  for (const op of writes) {
    const statements = rewrite.root
      .find(j.Statement)
      .filter((path: ASTPath<any>) => rewrite.lineOf(path) === op.line && rewrite.scannerPathOf(path.node) !== undefined)
      .paths() as ASTPath<any>[];
    const innermost = statements[statements.length - 1];
    if (!innermost || !isUnchanged(rewrite, innermost)) continue; // replaced or changed (e.g. awaited): rewritten
    const fn = rewrite.enclosingFunction(innermost);
    const text = j(fn ?? innermost).toSource();
    if (MIGRATED.test(text) || text.includes(TODO_PREFIX)) continue;
    const entity = targets.get(op.store)!.entityName;
    addTodo(rewrite, innermost, `this ${op.op} of ${entity} is written in a form apply does not rewrite yet; write it with ${commandFor(op.op)} through the shared client, then re-run`);
  }
}

function commandFor(op: OpKind): string {
  if (op === 'create') return 'PutCommand';
  if (op === 'update') return 'UpdateCommand';
  return 'DeleteCommand';
}

/** The statement prints exactly as it was written (recast reuses the original text of untouched nodes). */
function isUnchanged(rewrite: FileRewrite, path: ASTPath<any>): boolean {
  const loc = (path.node as { loc?: { lines?: { slice(start: unknown, end: unknown): { toString(): string } }; start: unknown; end: unknown } }).loc;
  if (!loc?.lines) return false;
  return rewrite.j(path).toSource() === loc.lines.slice(loc.start, loc.end).toString();
}
