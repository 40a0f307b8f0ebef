import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';

/**
 * The code only asks whether a row came back, never reads it: `if (stmt.get(slug)) return 409`,
 * `const existing = …get(email); if (existing) …`, `if (!row) …`. Such a read by a UNIQUE column
 * before an INSERT is the uniqueness check itself; a row whose values are read (`tag.id`) is a
 * lookup the plan must serve.
 */
export function isExistenceTest(call: NodePath<t.CallExpression>, callback?: NodePath<t.Function>): boolean {
  // sqlite3: `db.get(sql, [email], (err, row) => { if (row) … })`
  if (callback) {
    const row = callback.get('params')[1];
    if (!row?.isIdentifier()) return false;
    const references = callback.scope.getBinding(row.node.name)?.referencePaths ?? [];
    return references.length > 0 && references.every((reference) => isTested(reference));
  }
  const outer = skipWrappers(call);
  const parent = outer.parentPath;
  if (!parent) return false;
  if (parent.isVariableDeclarator() && parent.node.init === outer.node) {
    const id = parent.get('id');
    if (!id.isIdentifier()) return false;
    const references = parent.scope.getBinding(id.node.name)?.referencePaths ?? [];
    return references.length > 0 && references.every((reference) => isTested(reference));
  }
  return isTested(outer);
}

/** Used as a condition: an `if`/ternary/loop test, an operand of `!`, or of `&&`/`||` that is itself tested. */
function isTested(path: NodePath): boolean {
  const outer = skipWrappers(path);
  const parent = outer.parentPath;
  if (!parent) return false;
  if ((parent.isIfStatement() || parent.isConditionalExpression() || parent.isWhileStatement()) && parent.node.test === outer.node) return true;
  if (parent.isUnaryExpression({ operator: '!' })) return true;
  if (parent.isLogicalExpression() && (parent.node.operator === '&&' || parent.node.operator === '||')) return isTested(parent);
  return false;
}

function skipWrappers(path: NodePath): NodePath {
  let current = path;
  while (current.parentPath && (current.parentPath.isAwaitExpression() || current.parentPath.isParenthesizedExpression() || current.parentPath.isTSAsExpression() || current.parentPath.isTSNonNullExpression())) {
    current = current.parentPath;
  }
  return current;
}
