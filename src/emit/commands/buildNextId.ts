import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { expression, propertyKey, quoted, type EmitContext } from '../emitContext';

export interface CounterTarget {
  constName: string;
  key: Record<string, string>;
  attribute: string;
}

/** `await nextId(COUNTERS_TABLE_NAME, { counter: 'Note' })`: the next id from an atomic counter item. */
export function buildNextId(ctx: EmitContext, counter: CounterTarget): ExpressionKind {
  const key = Object.entries(counter.key)
    .map(([name, value]) => `${propertyKey(ctx, name)}: ${quoted(ctx, value)}`)
    .join(', ');
  const attribute = counter.attribute === 'value' ? '' : `, ${quoted(ctx, counter.attribute)}`;
  return expression(ctx, [`await ${ctx.name('nextId')}(${ctx.name(counter.constName)}, { ${key} }${attribute})`]);
}
