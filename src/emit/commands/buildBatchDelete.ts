import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { expression, propertyKey, quoted, type EmitContext } from '../emitContext';

/**
 * `await batchDeleteAll(TABLE, <items>.map((item) => ({ <key attributes> })))`: deletes the items
 * by their key with BatchWriteItem (the shared client sends 25 per request and re-sends
 * UnprocessedItems), e.g. the rows ON DELETE CASCADE removed with their parent.
 */
export function buildBatchDelete(ctx: EmitContext, constName: string, keyNames: string[], items: ExpressionKind): ExpressionKind {
  const key = keyNames.map((name) => `${propertyKey(ctx, name)}: item${/^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${quoted(ctx, name)}]`}`).join(', ');
  return expression(ctx, [`await ${ctx.name('batchDeleteAll')}(${ctx.name(constName)}, `, items, `.map((item) => ({ ${key} })))`]);
}
