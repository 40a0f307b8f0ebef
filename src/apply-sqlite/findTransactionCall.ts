import type { ASTPath } from 'jscodeshift';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const FUNCTION_TYPES = new Set(['FunctionExpression', 'ArrowFunctionExpression']);

/**
 * The better-sqlite3 `<db>.transaction(fn)` call whose function (written inline) holds `path`,
 * the nearest one; undefined outside any (`db.serialize(fn)` of sqlite3 is not a transaction).
 */
export function findTransactionCall(path: ASTPath<any>): ASTPath<any> | undefined {
  for (let current: ASTPath<any> | null = path.parent; current; current = current.parent) {
    if (!FUNCTION_TYPES.has(current.node.type)) continue;
    const call = current.parent as ASTPath<any> | null;
    if (call && isTransactionCall(call.node) && call.node.arguments[0] === current.node) return call;
  }
  return undefined;
}

/** `<anything>.transaction(<one function>)`; with `named`, also `<anything>.transaction(insertMany)`. */
export function isTransactionCall(node: AnyNode, named = false): boolean {
  const argument = node?.arguments?.[0];
  if (node?.type !== 'CallExpression' || node.arguments.length !== 1 || !(FUNCTION_TYPES.has(argument.type) || (named && argument.type === 'Identifier'))) return false;
  const callee = node.callee;
  return callee?.type === 'MemberExpression' && !callee.computed && callee.property?.type === 'Identifier' && callee.property.name === 'transaction';
}
