import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { buildDeleteItem, statement } from '../emit';
import type { DeleteCondition } from '../emit/commands/buildDeleteItem';
import { findStatement } from '../apply/rewrite/addTodo';
import { buildCascade, findCascadeSteps } from './cascadeDeletes';
import { deletesManyRows, rewriteDeleteRows } from './deleteRows';
import { keyValue } from './rowShape';
import { isInlineChangesUse, isStatementResultIgnored, replaceChangesUse, resultDeclarator, usePaths } from './resultUses';
import { tableTargetOf, valueNode, type SiteContext, type SiteOutcome } from './siteContext';

/**
 * `DELETE FROM t WHERE <key> = ? [AND <col> = ? …]` → DeleteItem with ALL_OLD, the other
 * conditions as its ConditionExpression (not met: nothing deleted, like no row matching);
 * `info.changes` reads `Attributes`. The plan's ON DELETE CASCADE children follow (cascadeDeletes).
 */
export function rewriteDelete(ctx: SiteContext): SiteOutcome {
  const todo = (text: string): SiteOutcome => ({ done: false, todo: text });
  const { where } = ctx.summary;
  const byKey = where.find((condition) => condition.column.column === ctx.target.keyName && condition.operator === '=');
  const plain = where.every((condition) => condition.operator === '=' && !condition.inOr && condition.column.column !== undefined);
  const keyNode = byKey && plain && ctx.summary.whereColumns.length === where.length ? valueNode(ctx, byKey.value) : undefined;
  const key = keyNode && keyValue(ctx, keyNode, ctx.target.table.partitionKey.type);
  // no key named: the rows' keys are read, then deleted in batches (deleteRows)
  if (!key && deletesManyRows(ctx.summary, ctx.target.keyName)) return rewriteDeleteRows(ctx);
  if (!key) return todo('a DELETE is rewritten by key, or by `column = value` conditions joined by AND (keys read, then deleted in batches): read the keys of these rows, delete them with batchDeleteAll, then re-run');
  if (ctx.site.method !== 'run') return todo(`rewrite ${ctx.site.method}() of a DELETE by hand, then re-run`);
  const conditions: DeleteCondition[] = [];
  for (const condition of where.filter((candidate) => candidate !== byKey)) {
    const value = valueNode(ctx, condition.value);
    if (!value) return todo(`WHERE ${condition.column.column}: compare with a parameter or a literal, then re-run`);
    const column = ctx.target.schema?.columns.find((candidate) => candidate.name === condition.column.column);
    conditions.push({ attribute: condition.column.column, value: keyValue(ctx, value, column?.type === 'number' ? 'number' : undefined) as ExpressionKind });
  }
  const cascade = findCascadeSteps(ctx);
  if ('todo' in cascade) return todo(cascade.todo);
  const changes = ctx.site.result.changesUses;
  const declarator = resultDeclarator(ctx);
  let resultName = ctx.resultName ?? declarator?.node.id.name;
  const uses = usePaths(ctx, changes);
  // `stmt.run(…).changes` read in place: the command's own result is tested there
  const inline = !resultName && !cascade.length && isInlineChangesUse(ctx, uses);
  if (changes.length && (!resultName || !uses) && !inline) return todo('keep the DeleteCommand result (ReturnValues ALL_OLD) and test its Attributes instead of changes, then re-run');
  const ignored = isStatementResultIgnored(ctx);
  if (!changes.length && !resultName && !ignored) return todo('use the DeleteCommand result (Attributes) instead of the run() info, then re-run');
  const at = cascade.length ? findStatement(ctx.call) : undefined;
  if (cascade.length && (ctx.holder || !at || !Array.isArray(at.parent?.node.body ?? at.parent?.node.consequent))) return todo('ON DELETE CASCADE: delete the child items after this DeleteCommand (Query + BatchWrite), then re-run');
  const del = buildDeleteItem(ctx.rewrite.emit, tableTargetOf(ctx), key, changes.length > 0 || Boolean(resultName) || cascade.length > 0, conditions);
  if (inline) replaceChangesUse(ctx, uses![0], del);
  else if (cascade.length && !resultName) {
    // the children are found from the deleted item, so the statement keeps it
    resultName = ctx.rewrite.freshName(['deleted']);
    at!.replace(statement(ctx.rewrite.emit, [`const ${resultName} = `, del, ctx.rewrite.style.semicolons ? ';' : '']));
  } else ctx.call.replace(del);
  if (cascade.length) (findStatement(ctx.call) ?? at!).insertAfter(buildCascade(ctx, cascade, resultName!));
  if (!inline) for (const use of uses ?? []) replaceChangesUse(ctx, use, resultName!);
  return { done: true };
}
