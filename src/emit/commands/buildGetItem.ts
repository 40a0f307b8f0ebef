import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { expression, keyObjectParts, type EmitContext, type TableTarget } from '../emitContext';

/**
 * `await db.send(new GetCommand({ TableName: NOTES_TABLE_NAME, Key: { id: <key> }, ConsistentRead: true }))`:
 * a strongly consistent read by key, so a record the app just wrote is found, as the old store
 * found it (an eventually consistent GetItem may miss it for a moment; plan.md promises this).
 * Use `.Item` of the result, or destructure `{ Item: note }`.
 */
export function buildGetItem(ctx: EmitContext, table: TableTarget, key: ExpressionKind): ExpressionKind {
  if (isOptionalChain(key)) {
    // `event.pathParameters?.id` may be missing: no item, as `find` answered, instead of a key DynamoDB rejects
    const copy = expression(ctx, [ctx.j(key).toSource()]); // the key is written twice: one node per place
    return expression(ctx, ['(', key, ' === undefined ? { Item: undefined } : ', sendGet(ctx, table, copy), ')']);
  }
  return sendGet(ctx, table, key);
}

function sendGet(ctx: EmitContext, table: TableTarget, key: ExpressionKind): ExpressionKind {
  return expression(ctx, [
    `await ${ctx.name('db')}.send(new ${ctx.name('GetCommand')}({ TableName: ${ctx.name(table.constName)}, Key: `,
    ...keyObjectParts(ctx, table.keyName, key),
    ', ConsistentRead: true }))',
  ]);
}

/** `a?.b`, `a?.b.c`: an expression that is undefined when part of its chain is. */
function isOptionalChain(node: ExpressionKind): boolean {
  let current = node as { type: string; optional?: boolean; object?: unknown; expression?: unknown } | undefined;
  while (current) {
    if (current.type === 'ChainExpression') return true;
    if ((current.type === 'OptionalMemberExpression' || current.type === 'MemberExpression') && current.optional) return true;
    if (current.type !== 'MemberExpression' && current.type !== 'OptionalMemberExpression') return false;
    current = current.object as typeof current;
  }
  return false;
}
