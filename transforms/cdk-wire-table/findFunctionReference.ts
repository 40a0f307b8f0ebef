/**
 * How code after a `new lambda.Function(...)` can refer to the function: the const it is assigned
 * to, or the `this.x` / `x` it is assigned to, plus the statement after which grants go. A function
 * created inline as an argument (`new LambdaIntegration(new lambda.Function(...))`) can be hoisted
 * into a const before its statement.
 */
import type { ASTPath } from 'jscodeshift';
import { findStatementPath } from './findEnclosingLoop';

type Node = { type: string; [key: string]: any };

export type FunctionReference =
  | { ok: true; text: string; statementPath: ASTPath }
  | { ok: false; reason: string; hoistInto?: ASTPath };

const WRAPPERS = new Set(['TSAsExpression', 'TSNonNullExpression', 'ParenthesizedExpression', 'TSSatisfiesExpression']);

/**
 * Whether the expression can move before its statement without changing what runs: only through
 * call/new arguments, object property values and array elements (never a condition, a callback,
 * or a loop head), up to an expression, variable or return statement.
 */
function findHoistTarget(path: ASTPath): ASTPath | undefined {
  let child: ASTPath = path;
  for (let current = path.parent as ASTPath | null; current; child = current, current = current.parent) {
    const node = current.node as Node;
    if (node.type === 'ExpressionStatement' || node.type === 'ReturnStatement' || node.type === 'VariableDeclaration') {
      return findStatementPath(current) === current ? current : undefined;
    }
    if (node.type === 'VariableDeclarator' && node.init === child.node) continue;
    if ((node.type === 'CallExpression' || node.type === 'NewExpression') && node.arguments.includes(child.node)) continue;
    if (node.type === 'ObjectProperty' && node.value === child.node) continue;
    if (node.type === 'ObjectExpression' || node.type === 'ArrayExpression' || WRAPPERS.has(node.type)) continue;
    if (node.type === 'AwaitExpression') continue;
    return undefined;
  }
  return undefined;
}

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
  const hoistInto = findHoistTarget(path);
  return {
    ok: false,
    reason: 'the function is not assigned to a variable or property; assign it to a const, then re-run',
    hoistInto,
  };
}
