import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { expression, keyObjectParts, quoted, type EmitContext, type TableTarget } from '../emitContext';

/**
 * `await db.send(new DeleteCommand({ TableName, Key: { id: <key> }, ReturnValues: 'ALL_OLD' }))`.
 * With `returnOld`, `.Attributes` is the deleted item (undefined when there was none), which is
 * how the migrated code still tells "deleted" from "not found" in one request.
 */
export function buildDeleteItem(ctx: EmitContext, table: TableTarget, key: ExpressionKind, returnOld: boolean): ExpressionKind {
  const tail = returnOld ? `, ReturnValues: ${quoted(ctx, 'ALL_OLD')} }))` : ' }))';
  return expression(ctx, [
    `await ${ctx.name('db')}.send(new ${ctx.name('DeleteCommand')}({ TableName: ${ctx.name(table.constName)}, Key: `,
    ...keyObjectParts(ctx, table.keyName, key),
    tail,
  ]);
}
