import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { expression, quoted, type EmitContext, type TableTarget } from '../emitContext';

/**
 * `await scanAll({ TableName })`: every item, page by page over LastEvaluatedKey. With `filter`,
 * a FilterExpression on one attribute (names and values through placeholders) — still a Scan:
 * used only where the design has no index for that attribute.
 */
export function buildScanAll(ctx: EmitContext, table: TableTarget, filter?: { attribute: string; value: ExpressionKind }, itemType?: string): ExpressionKind {
  const call = `await ${ctx.name('scanAll')}${itemType ? `<${itemType}>` : ''}({`;
  if (!filter) return expression(ctx, [`${call} TableName: ${ctx.name(table.constName)} })`]);
  const i = ctx.style.indent;
  return expression(ctx, [
    `${call}\n${i}TableName: ${ctx.name(table.constName)},\n${i}FilterExpression: ${quoted(ctx, '#attr = :value')},\n`,
    `${i}ExpressionAttributeNames: { ${quoted(ctx, '#attr')}: ${quoted(ctx, filter.attribute)} },\n${i}ExpressionAttributeValues: { ${quoted(ctx, ':value')}: `,
    filter.value,
    ' },\n})',
  ]);
}
