import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { expression, keyObjectParts, type EmitContext, type TableTarget } from '../emitContext';

/**
 * `await db.send(new UpdateCommand(updateParams(NOTES_TABLE_NAME, { id: <key> }, <changes>)))`.
 * updateParams (shared client) builds the UpdateExpression from the object's keys at run time,
 * with ExpressionAttributeNames/Values, never writing key attributes, `attribute_exists` on the key
 * (a missing item stays missing) and ReturnValues ALL_NEW (`.Attributes` is the stored item).
 */
export function buildUpdateItem(ctx: EmitContext, table: TableTarget, key: ExpressionKind, changes: ExpressionKind): ExpressionKind {
  const send = table.guarded ? `await ${ctx.name('updateUnique')}(` : `await ${ctx.name('db')}.send(new ${ctx.name('UpdateCommand')}(`;
  return expression(ctx, [
    `${send}${ctx.name('updateParams')}(${ctx.name(table.constName)}, `,
    ...keyObjectParts(ctx, table.keyName, key),
    ', ',
    changes,
    table.guarded ? '))' : ')))',
  ]);
}
