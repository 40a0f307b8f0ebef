import type { ASTPath } from 'jscodeshift';
import { currentPath } from './currentPath';
import { findRewritePath } from './findRewritePath';
import type { SiteContext } from './siteContext';

/** `const info = <call>` directly: the declarator, when the call is its whole initialiser. */
export function resultDeclarator(ctx: SiteContext): ASTPath<any> | undefined {
  const parent = ctx.call.parent as ASTPath<any> | null;
  if (parent?.node.type === 'VariableDeclarator' && parent.node.init === ctx.call.node && parent.node.id.type === 'Identifier') return parent;
  return undefined;
}

export function isStatementResultIgnored(ctx: SiteContext): boolean {
  return ctx.call.parent?.node.type === 'ExpressionStatement';
}

/** The rewrite paths of `info.changes` / `info.lastInsertRowid` uses; undefined when one cannot be found. */
export function usePaths(ctx: SiteContext, uses: { node: { type: string; start?: number | null; end?: number | null } }[]): ASTPath<any>[] | undefined {
  const paths = uses.map((use) => {
    const found = findRewritePath(ctx.rewrite, use.node);
    return found && currentPath(ctx.rewrite, found.node);
  });
  return paths.every(Boolean) ? (paths as ASTPath<any>[]) : undefined;
}

/**
 * `info.changes === 0` → `!info.Attributes`, `info.changes > 0` / `!== 0` → `!!info.Attributes`,
 * other uses → `(info.Attributes ? 1 : 0)`: one row changed exactly when DynamoDB returned it.
 */
export function replaceChangesUse(ctx: SiteContext, use: ASTPath<any>, name: string): void {
  const { j } = ctx.rewrite;
  const attributes = j.memberExpression(j.identifier(name), j.identifier('Attributes'));
  const parent = use.parent as ASTPath<any> | null;
  const other = parent?.node.type === 'BinaryExpression' ? (parent.node.left === use.node ? parent.node.right : parent.node.left) : undefined;
  const zero = other?.type === 'NumericLiteral' || other?.type === 'Literal' ? other.value === 0 : false;
  if (parent && zero && ['===', '=='].includes(parent.node.operator)) parent.replace(j.unaryExpression('!', attributes));
  else if (parent && zero && ['!==', '!=', '>'].includes(parent.node.operator)) parent.replace(j.unaryExpression('!', j.unaryExpression('!', attributes)));
  else use.replace(j.conditionalExpression(attributes, j.literal(1), j.literal(0)));
}
