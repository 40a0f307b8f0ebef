/**
 * `DELETE FROM t` and `DELETE FROM t WHERE <column> = ? [AND …]` (no key): DynamoDB deletes one
 * item per key, so the keys are read first — a Query on the GSI the plan gives one of the
 * conditions (or the entity's constant-key index when there is no WHERE), else a paginated Scan,
 * the other conditions as a FilterExpression, only the key attributes projected — then deleted
 * by the shared client's batchDeleteAll (BatchWriteItem, 25 a request, UnprocessedItems sent
 * again), the helper the ON DELETE CASCADE rewrite uses. The plan grants that read and
 * BatchWriteItem (need `delete-related`). `changes` is the number of keys deleted.
 */
import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { expression, quoted, type Part } from '../emit';
import { addFileHelper } from './addFileHelper';
import { buildBatchDelete } from '../emit/commands/buildBatchDelete';
import type { FileRewrite } from '../apply/rewrite/FileRewrite';
import type { StatementSummary } from '../scan/sqlite';
import { findCascadeSteps } from './cascadeDeletes';
import { findIndexedCondition, wholeEntityIndex } from './rewriteSelect';
import { usePaths } from './resultUses';
import { storedValue } from './countRows';
import { keyValue } from './rowShape';
import { tableTargetOf, valueNode, type SiteContext, type SiteOutcome } from './siteContext';

/** A DELETE whose rows are not named by the key: none, or `=` conditions on other columns joined by AND. */
export function deletesManyRows(summary: StatementSummary, keyName: string): boolean {
  if (summary.kind !== 'delete' || summary.whereColumns.length !== summary.where.length) return false;
  return summary.where.every((condition) => condition.operator === '=' && !condition.inOr && condition.column.column !== undefined && condition.column.column !== keyName);
}

export function rewriteDeleteRows(ctx: SiteContext): SiteOutcome {
  const todo = (text: string): SiteOutcome => ({ done: false, todo: text });
  if (ctx.site.method !== 'run') return todo(`rewrite ${ctx.site.method}() of a DELETE by hand, then re-run`);
  if (tableTargetOf(ctx).guarded) return todo(`${ctx.target.entityName} keeps unique values in guard items: delete each item with deleteUnique (it releases them), then re-run`);
  const cascade = findCascadeSteps(ctx);
  if ('todo' in cascade) return todo(cascade.todo);
  if (cascade.length) return todo(`ON DELETE CASCADE from many ${ctx.target.entityName} items: delete their ${cascade.map((step) => step.entity).join(' and ')} items too, then re-run`);
  const keys = readKeys(ctx);
  if ('todo' in keys) return todo(keys.todo);
  const e = ctx.rewrite.emit;
  const table = ctx.target.table;
  const keyNames = [table.partitionKey.name];
  const changes = ctx.site.result.changesUses;
  if (!changes.length && !ctx.resultName && ctx.call.parent?.node.type === 'ExpressionStatement') {
    ctx.call.replace(buildBatchDelete(e, table.envVar, keyNames, keys.expression));
    return { done: true };
  }
  // the run() info is read: a file helper answers `{ changes }` as SQLite does
  const uses = usePaths(ctx, changes);
  if (!uses) return todo('read the number of items deleted from the keys this DELETE found, then re-run');
  const thisUses = uses.filter((use) => use.node.type === 'MemberExpression' && use.node.object.type === 'ThisExpression');
  if (thisUses.length && !ctx.resultName) return todo('`this.changes` has no result variable here: rewrite this callback by hand, then re-run');
  const helper = deleteRowsFunction(ctx.rewrite);
  const key = keyNames.map((name) => `${name}: item.${name}`).join(', ');
  ctx.call.replace(expression(e, [`await ${helper}(${e.name(table.envVar)}, `, keys.expression, `.map((item) => ({ ${key} })))`]));
  for (const use of thisUses) use.get('object').replace(ctx.rewrite.j.identifier(ctx.resultName!));
  return { done: true };
}

/** `await scanAll({ … ProjectionExpression: <key> })` or `await queryAll({ … })`: the items to delete, keys only. */
function readKeys(ctx: SiteContext): { expression: ExpressionKind } | { todo: string } {
  const e = ctx.rewrite.emit;
  const i = e.style.indent;
  const table = ctx.target.table;
  const names: string[] = [`${quoted(e, '#k0')}: ${quoted(e, table.partitionKey.name)}`];
  const values: Part[] = [];
  const addValue = (placeholder: string, value: ExpressionKind) => values.push(`${values.length ? ', ' : ''}${quoted(e, placeholder)}: `, value);
  const indexed = findIndexedCondition(ctx);
  const whole = ctx.summary.where.length ? undefined : wholeEntityIndex(ctx);
  const lines: Part[] = [];
  if (indexed || whole) {
    lines.push(`${i}IndexName: ${quoted(e, indexed?.index ?? whole!.index)},\n${i}KeyConditionExpression: ${quoted(e, '#key = :key')},\n`);
    names.push(`${quoted(e, '#key')}: ${quoted(e, indexed?.attribute ?? whole!.attribute)}`);
  }
  if (whole) addValue(':key', expression(e, [quoted(e, whole.value)]));
  const filters: string[] = [];
  for (const condition of ctx.summary.where) {
    const value = valueNode(ctx, condition.value);
    const column = condition.column.column;
    if (!value) return { todo: `WHERE ${column}: compare with a parameter or a literal, then re-run` };
    if (condition === indexed?.condition) {
      addValue(':key', indexed.derived ? expression(e, ['String(Boolean(', value, '))']) : keyValue(ctx, value, indexed.type));
      continue;
    }
    const n = filters.length;
    filters.push(`#f${n} = :f${n}`);
    names.push(`${quoted(e, `#f${n}`)}: ${quoted(e, column)}`);
    addValue(`:f${n}`, storedValue(ctx, column, value));
  }
  const read = indexed || whole ? 'queryAll' : 'scanAll';
  const parts: Part[] = [`await ${e.name(read)}({\n${i}TableName: ${e.name(table.envVar)},\n`, ...lines, `${i}ProjectionExpression: ${quoted(e, '#k0')},\n`];
  if (filters.length) parts.push(`${i}FilterExpression: ${quoted(e, filters.join(' AND '))},\n`);
  parts.push(`${i}ExpressionAttributeNames: { ${names.join(', ')} },\n`);
  // every row SQLite would delete, writes just made included: a Scan of the table can read strongly (a GSI cannot)
  if (read === 'scanAll') parts.push(`${i}ConsistentRead: true,\n`);
  if (values.length) parts.push(`${i}ExpressionAttributeValues: { `, ...values, ' },\n');
  parts.push('})');
  return { expression: expression(e, parts) };
}

/** The file's `deleteRows(TableName, keys)` (added on first use): batchDeleteAll, then SQLite's `{ changes }`. */
function deleteRowsFunction(rewrite: FileRewrite): string {
  return addFileHelper(rewrite, 'deleteRows', (name, { indent: i, end, typed }) => {
    const batchDeleteAll = rewrite.emit.name('batchDeleteAll');
    return (
      `async function ${name}(TableName${typed ? ': string' : ''}, keys${typed ? ': Record<string, unknown>[]' : ''})${typed ? ': Promise<{ changes: number }>' : ''} {\n` +
      `${i}// a DELETE of many rows: the keys it found, deleted 25 a request; run()'s info counts them\n` +
      `${i}await ${batchDeleteAll}(TableName, keys)${end}\n` +
      `${i}return { changes: keys.length }${end}\n}\n`
    );
  });
}
