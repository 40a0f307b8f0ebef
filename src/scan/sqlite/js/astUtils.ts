import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';

/** Strips parentheses, `await`, TS casts and non-null assertions around an expression. */
export function unwrapPath(path: NodePath): NodePath {
  let current = path;
  for (let i = 0; i < 20; i++) {
    if (
      current.isTSAsExpression() ||
      current.isTSNonNullExpression() ||
      current.isTSSatisfiesExpression() ||
      current.isTSTypeAssertion() ||
      current.isParenthesizedExpression() ||
      current.isTypeCastExpression() ||
      current.isAwaitExpression()
    ) {
      current = current.get(current.isAwaitExpression() ? 'argument' : 'expression') as NodePath;
    } else break;
  }
  return current;
}

/** `obj.name` / `obj['name']` → name. */
export function memberPropertyName(node: t.Node): string | undefined {
  if (!t.isMemberExpression(node) && !t.isOptionalMemberExpression(node)) return undefined;
  if (!node.computed && t.isIdentifier(node.property)) return node.property.name;
  if (t.isStringLiteral(node.property)) return node.property.value;
  return undefined;
}

/** The function a `this` at `path` refers to (arrow functions see through). */
export function thisFunctionOf(path: NodePath): NodePath<t.Function> | undefined {
  let current: NodePath | null = path.parentPath;
  while (current) {
    if (current.isFunction() && !current.isArrowFunctionExpression()) return current;
    current = current.parentPath;
  }
  return undefined;
}
