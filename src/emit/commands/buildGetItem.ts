import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { expression, keyObjectParts, type EmitContext, type TableTarget } from '../emitContext';

/**
 * `await db.send(new GetCommand({ TableName: NOTES_TABLE_NAME, Key: { id: <key> } }))`: a strongly
 * consistent read by key (the base table keeps the app's read-your-writes behaviour).
 * Use `.Item` of the result, or destructure `{ Item: note }`.
 */
export function buildGetItem(ctx: EmitContext, table: TableTarget, key: ExpressionKind): ExpressionKind {
  return expression(ctx, [
    `await ${ctx.name('db')}.send(new ${ctx.name('GetCommand')}({ TableName: ${ctx.name(table.constName)}, Key: `,
    ...keyObjectParts(ctx, table.keyName, key),
    ' }))',
  ]);
}
