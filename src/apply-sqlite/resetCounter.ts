/**
 * SQLite's AUTOINCREMENT reset, `DELETE FROM sqlite_sequence WHERE name = 'items'` (or `UPDATE
 * sqlite_sequence SET seq = 0 WHERE name = ?`): the design's ids for that table come from a counter
 * item, so the counter item is deleted — nextId's `ADD value 1` then starts again at 1, as SQLite
 * does once the table is empty. The plan grants it (need `delete` with `counter`). Ids that are not
 * counter-based (uuid) have nothing to reset: the statement goes, with a one-line comment.
 * sqlite_sequence never becomes a table of its own.
 */
import type { ASTPath } from 'jscodeshift';
import type { FileRewrite } from '../apply/rewrite/FileRewrite';
import { expression, propertyKey, quoted } from '../emit';
import { findSequenceReset, isSequenceTable } from '../scan/sqlite/classifySequenceReset';
import type { SqlCallSite, SqlVariant, StatementSummary } from '../scan/sqlite';
import type { SqliteTarget } from './findSqliteTarget';
import type { SiteContext, SiteOutcome } from './siteContext';

export { isSequenceTable };

/**
 * For a statement on sqlite_sequence: the target of the table it resets (`{ target }`), or what
 * becomes of the statement instead (a TODO, or retired when there is no counter). Undefined for
 * any other table.
 */
export function findCounterReset(rewrite: FileRewrite, site: SqlCallSite, variant: SqlVariant, summary: StatementSummary, call: ASTPath<any>, findTarget: (table: string) => SqliteTarget | undefined): { target: SiteCounterTarget } | (SiteOutcome & { at?: ASTPath<any> }) | undefined {
  if (!summary.table || !isSequenceTable(summary.table)) return undefined;
  const table = findSequenceReset(summary, (value) => {
    if (value.kind === 'literal') return typeof value.value === 'string' ? value.value : undefined;
    const argument = value.kind === 'param' ? variant.bindings.find((binding) => binding.canonical === value.canonical)?.argument : undefined;
    return argument?.isStringLiteral() ? argument.node.value : undefined;
  });
  if (!table) return { done: false, todo: 'sqlite_sequence: only `DELETE … WHERE name = <table>` / `SET seq = 0` with the table named by a literal is rewritten (the counter of that entity is reset), then re-run' };
  const target = findTarget(table);
  if (!target) return { done: false, todo: `sqlite_sequence: table ${table} has no simple-key table in the plan; run \`dynamodb-codemod plan\`, then re-run` };
  if (target.counter) return { target: target as SiteCounterTarget };
  return retireReset(rewrite, site, call, target);
}

type SiteCounterTarget = SqliteTarget & { counter: NonNullable<SqliteTarget['counter']> };

/** The counter item deleted: `await db.send(new DeleteCommand({ TableName: COUNTERS_TABLE_NAME, Key: { counter: 'Item' } }))`. */
export function rewriteCounterReset(ctx: SiteContext): SiteOutcome {
  const counter = ctx.target.counter;
  if (!counter) return { done: false, todo: `${ctx.target.entityName} ids come from no counter: remove this reset, then re-run` };
  if (ctx.site.result.changesUses.length || ctx.site.result.insertedIdUses.length) return { done: false, todo: 'the run() info of an id reset has no DynamoDB counterpart: stop reading it, then re-run' };
  const e = ctx.rewrite.emit;
  const key = Object.entries(counter.key).map(([name, value]) => `${propertyKey(e, name)}: ${quoted(e, value)}`).join(', ');
  ctx.call.replace(expression(e, [`await ${e.name('db')}.send(new ${e.name('DeleteCommand')}({ TableName: ${e.name(counter.constName)}, Key: { ${key} } }))`]));
  return { done: true };
}

/**
 * Ids that are not counted (uuid): the reset statement goes, and a comment says why where it was
 * (on the next statement, else the previous one). Only a statement of its own whose callback, if
 * any, does no more than test its error; anything else stays a TODO.
 */
function retireReset(rewrite: FileRewrite, site: SqlCallSite, call: ASTPath<any>, target: SqliteTarget): SiteOutcome & { at?: ASTPath<any> } {
  const todo = { done: false as const, todo: `${target.entityName} ids are ${target.entity.idStrategy}s, not counted: there is nothing to reset; remove this statement, then re-run` };
  let node: ASTPath<any> = call;
  if (node.parent?.node.type === 'AwaitExpression') node = node.parent;
  const statement = node.parent as ASTPath<any> | null;
  const block = statement?.parent as ASTPath<any> | null;
  if (statement?.node.type !== 'ExpressionStatement' || !Array.isArray(block?.node.body)) return todo;
  const callback = site.result.style === 'callback' ? (call.node.arguments[call.node.arguments.length - 1] as any) : undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (callback && !onlyTestsError(callback)) return todo;
  const siblings = block!.node.body as any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  const index = siblings.indexOf(statement.node);
  const next = siblings[index + 1];
  const previous = siblings[index - 1];
  const holder = next ?? previous;
  if (!holder) return todo;
  const comment = { type: 'CommentLine', value: ` dynamodb-codemod: ${target.entityName} ids are ${target.entity.idStrategy}s, not counted: SQLite's id reset (sqlite_sequence) has nothing to reset`, leading: Boolean(next), trailing: !next };
  // the statement's own comments stay with the code that replaces it
  holder.comments = next ? [...(statement.node.comments ?? []), comment, ...(holder.comments ?? [])] : [...(holder.comments ?? []), comment];
  statement.prune();
  rewrite.modified = true;
  // nothing awaits here: the marked place is outside every function, so none is made async
  return { done: true, at: rewrite.root.find(rewrite.j.Program).paths()[0] };
}

/** `function (err) { if (err) { … } }` (no return/throw in it), `(err) => {}`, or no statement at all. */
function onlyTestsError(callback: any): boolean { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (!['FunctionExpression', 'ArrowFunctionExpression'].includes(callback.type)) return false;
  if (callback.body.type !== 'BlockStatement') return false;
  const [first, ...more] = callback.body.body;
  if (!first) return true;
  const err = callback.params[0];
  return !more.length && first.type === 'IfStatement' && !first.alternate && err?.type === 'Identifier' && first.test.type === 'Identifier' && first.test.name === err.name;
}
