/**
 * Functions created per route: `for (const route of routes)`, `routes.forEach((route) => …)` and
 * `routes.map((route) => …)`. Returns the innermost such loop between a node and `stop`.
 */
import type { ASTPath } from 'jscodeshift';
import type { StaticValue } from './evaluateStatic';

type Node = { type: string; [key: string]: any };

export interface LoopInfo {
  kind: 'for-of' | 'forEach' | 'map';
  /** Statement that holds the loop (a per-route lookup table goes right before it). */
  statementPath: ASTPath;
  loopPath: ASTPath;
  pattern: Node;
  arrayNode: Node;
}

export function findStatementPath(path: ASTPath): ASTPath | undefined {
  let current: ASTPath | null | undefined = path;
  while (current) {
    const parentType = current.parent?.node.type;
    if ((parentType === 'BlockStatement' || parentType === 'Program') && /Statement|Declaration/.test(current.node.type)) return current;
    if (parentType === 'ArrowFunctionExpression' && current.parent.node.body === current.node) return undefined;
    current = current.parent;
  }
  return undefined;
}

export function findEnclosingLoop(path: ASTPath, stop: Node | undefined): LoopInfo | undefined {
  let child: ASTPath = path;
  let current: ASTPath | null | undefined = path.parent;
  while (current && current.node !== stop) {
    const node = current.node as Node;
    if (node.type === 'ForOfStatement' && node.body === child.node && node.left.type === 'VariableDeclaration') {
      return { kind: 'for-of', statementPath: current, loopPath: current, pattern: node.left.declarations[0].id, arrayNode: node.right };
    }
    const call = current.parent?.node as Node | undefined;
    if (
      (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') &&
      call?.type === 'CallExpression' &&
      call.arguments[0] === node &&
      call.callee.type === 'MemberExpression' &&
      call.callee.property.type === 'Identifier' &&
      (call.callee.property.name === 'forEach' || call.callee.property.name === 'map') &&
      node.params.length > 0
    ) {
      const statementPath = findStatementPath(current.parent as ASTPath);
      if (!statementPath) return undefined;
      return { kind: call.callee.property.name, statementPath, loopPath: current.parent as ASTPath, pattern: node.params[0], arrayNode: call.callee.object };
    }
    child = current;
    current = current.parent;
  }
  return undefined;
}

/** Binds a loop's pattern (`route`, `{ name, method }`, `[name, config]`) to one element. */
export function bindPattern(pattern: Node, value: StaticValue, bindings = new Map<string, StaticValue>()): Map<string, StaticValue> {
  if (pattern.type === 'Identifier') bindings.set(pattern.name, value);
  else if (pattern.type === 'AssignmentPattern') bindPattern(pattern.left, value === undefined ? Symbol.for('default') : value, bindings);
  else if (pattern.type === 'ObjectPattern') {
    for (const property of pattern.properties) {
      if (property.type !== 'ObjectProperty' || property.key.type !== 'Identifier') continue;
      const inner = value && typeof value === 'object' ? (value as Record<string, StaticValue>)[property.key.name] : undefined;
      bindPattern(property.value, inner, bindings);
    }
  } else if (pattern.type === 'ArrayPattern') {
    pattern.elements.forEach((element: Node | null, index: number) => {
      if (element) bindPattern(element, Array.isArray(value) ? value[index] : undefined, bindings);
    });
  }
  return bindings;
}
