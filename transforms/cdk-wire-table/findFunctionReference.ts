/**
 * How code after a `new lambda.Function(...)` can refer to the function: the const it is assigned
 * to, or the `this.x` / `x` it is assigned to, plus the statement after which grants go.
 */
import type { ASTPath } from 'jscodeshift';
import { findStatementPath } from './findEnclosingLoop';

type Node = { type: string; [key: string]: any };

export type FunctionReference =
  | { ok: true; text: string; statementPath: ASTPath }
  | { ok: false; reason: string };

const WRAPPERS = new Set(['TSAsExpression', 'TSNonNullExpression', 'ParenthesizedExpression', 'TSSatisfiesExpression']);

export function findFunctionReference(path: ASTPath, source: string): FunctionReference {
  let current = path;
  while (current.parent && WRAPPERS.has(current.parent.node.type)) current = current.parent;
  const parent = current.parent?.node as Node | undefined;
  if (parent?.type === 'VariableDeclarator' && parent.init === current.node && parent.id.type === 'Identifier') {
    const statementPath = findStatementPath(current.parent);
    if (statementPath) return { ok: true, text: parent.id.name, statementPath };
  }
  if (parent?.type === 'AssignmentExpression' && parent.right === current.node && current.parent.parent?.node.type === 'ExpressionStatement') {
    const statementPath = findStatementPath(current.parent);
    if (statementPath) return { ok: true, text: source.slice(parent.left.start, parent.left.end), statementPath };
  }
  if (parent?.type === 'ArrowFunctionExpression') {
    return { ok: false, reason: 'the function is returned by an arrow function; give it a block body that assigns the function to a const, then re-run' };
  }
  return { ok: false, reason: 'the function is not assigned to a variable or property; assign it to a const, then re-run' };
}
