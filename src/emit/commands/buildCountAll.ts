import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { expression, quoted, type EmitContext, type Part, type TableTarget } from '../emitContext';

export interface CountRequest {
  /** A GSI (or constant-key index) whose partition key equals the value: Query; else Scan. */
  index?: { name: string; attribute: string; value: ExpressionKind };
  /** More `attribute = value` conditions, as a FilterExpression (Count is taken after it). */
  filters?: { attribute: string; value: ExpressionKind }[];
}

/**
 * `await countAll({ TableName, … })`: how many items match, with Select COUNT over every page (the
 * items themselves are never returned). SQL's `COUNT(*)`. Names and values go through placeholders.
 */
export function buildCountAll(ctx: EmitContext, table: TableTarget, request: CountRequest): ExpressionKind {
  const i = ctx.style.indent;
  const names: string[] = [];
  const values: Part[] = [];
  const lines: Part[] = [`await ${ctx.name('countAll')}({\n${i}TableName: ${ctx.name(table.constName)},\n`];
  if (request.index) {
    lines.push(`${i}IndexName: ${quoted(ctx, request.index.name)},\n${i}KeyConditionExpression: ${quoted(ctx, '#key = :key')},\n`);
    names.push(`${quoted(ctx, '#key')}: ${quoted(ctx, request.index.attribute)}`);
    values.push(`${quoted(ctx, ':key')}: `, request.index.value);
  }
  const filters = request.filters ?? [];
  if (filters.length) {
    lines.push(`${i}FilterExpression: ${quoted(ctx, filters.map((_, n) => `#f${n} = :f${n}`).join(' AND '))},\n`);
    filters.forEach((filter, n) => {
      names.push(`${quoted(ctx, `#f${n}`)}: ${quoted(ctx, filter.attribute)}`);
      values.push(values.length ? `, ${quoted(ctx, `:f${n}`)}: ` : `${quoted(ctx, `:f${n}`)}: `, filter.value);
    });
  }
  if (names.length) lines.push(`${i}ExpressionAttributeNames: { ${names.join(', ')} },\n${i}ExpressionAttributeValues: { `, ...values, ' },\n');
  lines.push('})');
  return expression(ctx, lines);
}
