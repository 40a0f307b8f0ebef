import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { expression, quoted, type EmitContext, type Part, type TableTarget } from '../emitContext';

export interface PutOptions {
  /**
   * 'new': the item must not exist yet (`attribute_not_exists` on the key) — creates whose key the
   * client or a natural value supplies, so a create never overwrites. 'existing': the item must exist.
   */
  condition?: 'new' | 'existing';
  /** The design derives attributes for this table (TTL seconds, key copies): write them with the item. */
  derived?: boolean;
}

/**
 * `await db.send(new PutCommand({ TableName, Item: <item> }))`, conditional when asked. The item can
 * be template parts (`['{ ...', video, ', id: ', videoId, ' }']`): an object built as its own node
 * would be printed over several lines.
 */
export function buildPutItem(ctx: EmitContext, table: TableTarget, item: ExpressionKind | Part[], options: PutOptions = {}): ExpressionKind {
  const itemParts: Part[] = Array.isArray(item) ? item : [item];
  const send = table.guarded ? `await ${ctx.name('putUnique')}({` : `await ${ctx.name('db')}.send(new ${ctx.name('PutCommand')}({`;
  const close = table.guarded ? '})' : '}))';
  const stored: Part[] = options.derived ? [`${ctx.name('withDerived')}(${ctx.name(table.constName)}, `, ...itemParts, ')'] : itemParts;
  if (!options.condition) return expression(ctx, [`${send} TableName: ${ctx.name(table.constName)}, Item: `, ...stored, ` ${close}`]);
  const i = ctx.style.indent;
  const condition = options.condition === 'new' ? 'attribute_not_exists(#key)' : 'attribute_exists(#key)';
  return expression(ctx, [
    `${send}\n${i}TableName: ${ctx.name(table.constName)},\n${i}Item: `,
    ...stored,
    `,\n${i}ConditionExpression: ${quoted(ctx, condition)},\n${i}ExpressionAttributeNames: { ${quoted(ctx, '#key')}: ${quoted(ctx, table.keyName)} },\n${close}`,
  ]);
}
