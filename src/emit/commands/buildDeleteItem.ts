import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { expression, keyObjectParts, quoted, type EmitContext, type Part, type TableTarget } from '../emitContext';

/** `attribute = value`, tested by the DeleteItem itself (`DELETE … WHERE id = ? AND post_id = ?`). */
export interface DeleteCondition {
  attribute: string;
  value: ExpressionKind;
}

/**
 * `await db.send(new DeleteCommand({ TableName, Key: { id: <key> }, ReturnValues: 'ALL_OLD' }))`.
 * With `returnOld`, `.Attributes` is the deleted item (undefined when there was none), which is
 * how the migrated code still tells "deleted" from "not found" in one request. With `conditions`,
 * the item is deleted only when they hold (ConditionExpression, names and values as placeholders);
 * when they do not, the result is `{}` as for a missing item (nothing deleted, no Attributes).
 */
export function buildDeleteItem(ctx: EmitContext, table: TableTarget, key: ExpressionKind, returnOld: boolean, conditions: DeleteCondition[] = []): ExpressionKind {
  // guarded entities: deleteUnique releases the deleted item's guard items too
  const close = table.guarded ? '})' : '}))';
  const tail = returnOld ? `, ReturnValues: ${quoted(ctx, 'ALL_OLD')} ${close}` : ` ${close}`;
  const send = table.guarded ? `await ${ctx.name('deleteUnique')}({` : `await ${ctx.name('db')}.send(new ${ctx.name('DeleteCommand')}({`;
  if (!conditions.length) return expression(ctx, [`${send} TableName: ${ctx.name(table.constName)}, Key: `, ...keyObjectParts(ctx, table.keyName, key), tail]);
  const i = ctx.style.indent;
  const names = conditions.map((condition, index) => `${quoted(ctx, `#c${index}`)}: ${quoted(ctx, condition.attribute)}`).join(', ');
  const values: Part[] = [];
  conditions.forEach((condition, index) => values.push(`${index ? ', ' : ''}${quoted(ctx, `:c${index}`)}: `, condition.value));
  const test = conditions.map((_condition, index) => `#c${index} = :c${index}`).join(' AND ');
  return expression(ctx, [
    `${send}\n${i}TableName: ${ctx.name(table.constName)},\n${i}Key: `,
    ...keyObjectParts(ctx, table.keyName, key),
    `,\n${i}ConditionExpression: ${quoted(ctx, test)},\n${i}ExpressionAttributeNames: { ${names} },\n${i}ExpressionAttributeValues: { `,
    ...values,
    ` },\n${returnOld ? `${i}ReturnValues: ${quoted(ctx, 'ALL_OLD')},\n` : ''}${close}\n${i}.catch((error) => {\n${i}${i}if (${ctx.name('isConditionFailed')}(error)) return {};\n${i}${i}throw error;\n${i}})`,
  ]);
}
