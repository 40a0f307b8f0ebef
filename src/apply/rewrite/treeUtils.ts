/** Small helpers over the jscodeshift tree used by several steps. */
import type { ASTPath } from 'jscodeshift';
import type { ASTNode } from 'ast-types';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Whether `path` is still part of the tree (an earlier replacement may have dropped it). */
export function isAttached(path: ASTPath<any>): boolean {
  let current: ASTPath<any> = path;
  while (current.parent) {
    const parent = current.parent.node as AnyNode;
    if (!Object.keys(parent).some((key) => key !== 'original' && (parent[key] === current.node || (Array.isArray(parent[key]) && parent[key].includes(current.node))))) return false;
    current = current.parent;
  }
  return current.node.type === 'File' || current.node.type === 'Program';
}

/** Whether `inner` is `outer` or inside it. */
export function contains(outer: ASTNode, inner: ASTNode): boolean {
  if (outer === inner) return true;
  const record = outer as AnyNode;
  for (const key of Object.keys(record)) {
    if (key === 'loc' || key === 'comments' || key === 'original' || key === 'tokens') continue;
    const value = record[key];
    if (Array.isArray(value)) {
      if (value.some((item) => item && typeof item === 'object' && typeof item.type === 'string' && contains(item, inner))) return true;
    } else if (value && typeof value === 'object' && typeof value.type === 'string' && contains(value, inner)) return true;
  }
  return false;
}

/** `x.name` (non-computed) → 'name'. */
export function memberName(node: AnyNode | undefined): string | undefined {
  if (!node || (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression')) return undefined;
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.computed && (node.property.type === 'StringLiteral' || node.property.type === 'Literal') && typeof node.property.value === 'string') return node.property.value;
  return undefined;
}

/** The call when `path` is the object of `path.method(...)`, with the method name. */
export function methodCallOn(path: ASTPath<any>): { call: ASTPath<any>; method: string } | undefined {
  const member = path.parent;
  if (!member || (member.node.type !== 'MemberExpression' && member.node.type !== 'OptionalMemberExpression') || (member.node as AnyNode).object !== path.node) return undefined;
  const method = memberName(member.node as AnyNode);
  const call = member.parent;
  if (!method || !call || (call.node.type !== 'CallExpression' && call.node.type !== 'OptionalCallExpression') || (call.node as AnyNode).callee !== member.node) return undefined;
  return { call: call as ASTPath<any>, method };
}

/** `-1` as written (a unary minus on 1, or a literal). */
export function isMinusOne(node: AnyNode | undefined): boolean {
  if (!node) return false;
  if (node.type === 'UnaryExpression' && node.operator === '-' && (node.argument.type === 'NumericLiteral' || node.argument.type === 'Literal') && node.argument.value === 1) return true;
  return (node.type === 'NumericLiteral' || node.type === 'Literal') && node.value === -1;
}

export function isZero(node: AnyNode | undefined): boolean {
  return Boolean(node) && (node!.type === 'NumericLiteral' || node!.type === 'Literal') && node!.value === 0;
}

/** Replaces a statement with several statements in its block. */
export function replaceStatement(path: ASTPath<any>, statements: ASTNode[]): void {
  const parent = path.parent?.node as AnyNode | undefined;
  const list = parent ? (parent.body ?? parent.consequent) : undefined;
  if (Array.isArray(list) && list.includes(path.node)) {
    const comments = (path.node as AnyNode).comments;
    if (comments && statements[0]) (statements[0] as AnyNode).comments = [...(comments ?? []), ...((statements[0] as AnyNode).comments ?? [])];
    path.replace(...(statements as any[]));
    return;
  }
  // a lone statement (`if (x) stmt;`): keep one statement by wrapping in a block when there are several
  if (statements.length === 1) path.replace(statements[0] as any);
  else path.replace({ type: 'BlockStatement', body: statements, directives: [] } as any);
}
