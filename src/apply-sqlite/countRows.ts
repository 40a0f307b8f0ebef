import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { buildCountAll, expression, propertyKey, quoted, type CountRequest } from '../emit';
import { findIndexedCondition, wholeEntityIndex } from './rewriteSelect';
import { keyValue, writtenValue } from './rowShape';
import { tableTargetOf, valueNode, type SiteContext } from './siteContext';

/** `SELECT COUNT(*) [AS n] FROM t [WHERE a = ? AND …]` and nothing else (no GROUP BY, no other column). */
export function isCountStar(ctx: SiteContext): boolean {
  const columns = ctx.summary.selectColumns;
  return columns.length === 1 && columns[0].aggregate === 'COUNT' && /\bCOUNT\s*\(\s*\*\s*\)/i.test(ctx.variant.text) && !/\bGROUP\s+BY\b/i.test(ctx.variant.text);
}

/**
 * COUNT(*) → `{ n: await countAll({ … }) }` (the row SQLite returns): Select COUNT on the index
 * that answers one `=` condition (or the entity's whole-entity index), the other conditions as a
 * FilterExpression, a Scan when no index serves. No item leaves DynamoDB; the read still costs
 * the items it goes over.
 */
export function countExpression(ctx: SiteContext): { expression: ExpressionKind } | { todo: string } {
  const { summary, rewrite } = ctx;
  const e = rewrite.emit;
  if (summary.joins.length || summary.tables.length > 1) return { todo: `count ${summary.tables.join(' and ')} with two requests (JOIN), then re-run` };
  if (summary.where.some((condition) => condition.inOr || condition.operator !== '=' || condition.column.column === undefined)) {
    return { todo: 'COUNT(*) is rewritten for `column = value` conditions joined by AND: count this in code, then re-run' };
  }
  const request: CountRequest = {};
  const indexed = findIndexedCondition(ctx);
  const filters: NonNullable<CountRequest['filters']> = [];
  for (const condition of summary.where) {
    const value = valueNode(ctx, condition.value);
    if (!value) return { todo: `WHERE ${condition.column.column}: compare with a parameter or a literal, then re-run` };
    const column = condition.column.column;
    if (condition === indexed?.condition) {
      const keyed = indexed.derived ? expression(e, ['String(Boolean(', value, '))']) : keyValue(ctx, value, indexed.type);
      request.index = { name: indexed.index, attribute: indexed.attribute, value: keyed };
      continue;
    }
    if (column === ctx.target.keyName) filters.push({ attribute: column, value: keyValue(ctx, value, ctx.target.table.partitionKey.type) });
    else filters.push({ attribute: column, value: storedValue(ctx, column, value) });
  }
  if (!request.index && !summary.where.length) {
    const whole = wholeEntityIndex(ctx);
    if (whole) request.index = { name: whole.index, attribute: whole.attribute, value: expression(e, [quoted(e, whole.value)]) };
  }
  if (filters.length) request.filters = filters;
  const alias = summary.selectColumns[0].alias ?? /\bCOUNT\s*\(\s*\*\s*\)/i.exec(ctx.variant.text)![0];
  const row = expression(e, [`{ ${propertyKey(e, alias)}: `, buildCountAll(e, tableTargetOf(ctx), request), ' }']);
  return { expression: ctx.site.method === 'all' ? expression(e, ['[', row, ']']) : row };
}

/** A compared value as the item stores it: numbers for numeric columns, booleans for 0/1 columns. */
export function storedValue(ctx: SiteContext, column: string, value: ExpressionKind): ExpressionKind {
  if (ctx.target.entity.attributes?.[column] === 'boolean') return writtenValue(ctx, column, value);
  return keyValue(ctx, value, ctx.target.entity.attributes?.[column] === 'number' ? 'number' : undefined);
}
