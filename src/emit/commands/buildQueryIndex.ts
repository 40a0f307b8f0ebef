import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { expression, quoted, type EmitContext, type TableTarget } from '../emitContext';

export interface IndexQuery {
  /** The GSI; undefined queries the table itself (`attribute` is its partition key). */
  index?: string;
  attribute: string;
  value: ExpressionKind;
  /** Newest/highest first when the index sort key orders the results that way. */
  descending?: boolean;
}

/**
 * `await queryAll({ TableName, IndexName, KeyConditionExpression: '#attr = :value', … })`: the items
 * whose `attribute` equals the value, from the GSI the design planned for that lookup (GSI reads
 * are eventually consistent), every page.
 */
export function buildQueryIndex(ctx: EmitContext, table: TableTarget, query: IndexQuery, itemType?: string): ExpressionKind {
  const i = ctx.style.indent;
  return expression(ctx, [
    `await ${ctx.name('queryAll')}${itemType ? `<${itemType}>` : ''}({\n${i}TableName: ${ctx.name(table.constName)},\n${query.index ? `${i}IndexName: ${quoted(ctx, query.index)},\n` : ''}`,
    `${i}KeyConditionExpression: ${quoted(ctx, '#attr = :value')},\n`,
    `${i}ExpressionAttributeNames: { ${quoted(ctx, '#attr')}: ${quoted(ctx, query.attribute)} },\n${i}ExpressionAttributeValues: { ${quoted(ctx, ':value')}: `,
    query.value,
    ` },\n${query.descending ? `${i}ScanIndexForward: false,\n` : ''}})`,
  ]);
}
