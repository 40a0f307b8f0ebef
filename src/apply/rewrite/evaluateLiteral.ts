/** The value of a JSON-like literal (seed data): objects, arrays, strings, numbers, booleans, null. */
import type { ASTNode } from 'ast-types';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export type Evaluated = { ok: true; value: unknown } | { ok: false; node: AnyNode };

export function evaluateLiteral(node: AnyNode | null | undefined, lookup: (name: string) => AnyNode | undefined = () => undefined, depth = 0): Evaluated {
  if (!node || depth > 30) return { ok: false, node: node as AnyNode };
  switch (node.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
      return { ok: true, value: node.value };
    case 'Literal':
      return node.regex ? { ok: false, node } : { ok: true, value: node.value };
    case 'NullLiteral':
      return { ok: true, value: null };
    case 'TemplateLiteral':
      return node.expressions.length ? { ok: false, node } : { ok: true, value: node.quasis.map((quasi: AnyNode) => quasi.value.cooked).join('') };
    case 'UnaryExpression': {
      const inner = evaluateLiteral(node.argument, lookup, depth + 1);
      if (!inner.ok || typeof inner.value !== 'number') return { ok: false, node };
      return node.operator === '-' ? { ok: true, value: -inner.value } : node.operator === '+' ? inner : { ok: false, node };
    }
    case 'ArrayExpression': {
      const values: unknown[] = [];
      for (const element of node.elements as (AnyNode | null)[]) {
        if (!element) return { ok: false, node };
        if (element.type === 'SpreadElement') {
          const spread = evaluateLiteral(element.argument, lookup, depth + 1);
          if (!spread.ok || !Array.isArray(spread.value)) return { ok: false, node: element };
          values.push(...spread.value);
          continue;
        }
        const item = evaluateLiteral(element, lookup, depth + 1);
        if (!item.ok) return item;
        values.push(item.value);
      }
      return { ok: true, value: values };
    }
    case 'ObjectExpression': {
      const value: Record<string, unknown> = {};
      for (const property of node.properties as AnyNode[]) {
        if ((property.type !== 'ObjectProperty' && property.type !== 'Property') || property.computed) return { ok: false, node: property };
        const key = property.key.type === 'Identifier' ? property.key.name : property.key.value;
        const item = evaluateLiteral(property.value, lookup, depth + 1);
        if (!item.ok) return item;
        value[String(key)] = item.value;
      }
      return { ok: true, value };
    }
    case 'Identifier': {
      if (node.name === 'undefined') return { ok: true, value: undefined };
      const target = lookup(node.name);
      return target ? evaluateLiteral(target, lookup, depth + 1) : { ok: false, node };
    }
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
      return evaluateLiteral(node.expression, lookup, depth + 1);
    default:
      return { ok: false, node };
  }
}
