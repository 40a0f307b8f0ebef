import type { ASTPath } from 'jscodeshift';
import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
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
 * `result` is the result variable's name, or the command itself for `stmt.run(…).changes`.
 */
export function replaceChangesUse(ctx: SiteContext, use: ASTPath<any>, result: string | ExpressionKind): void {
  const { j } = ctx.rewrite;
  const attributes = j.memberExpression(typeof result === 'string' ? j.identifier(result) : result, j.identifier('Attributes'));
  const parent = use.parent as ASTPath<any> | null;
  const other = parent?.node.type === 'BinaryExpression' ? (parent.node.left === use.node ? parent.node.right : parent.node.left) : undefined;
  const zero = other?.type === 'NumericLiteral' || other?.type === 'Literal' ? other.value === 0 : false;
  if (parent && zero && ['===', '=='].includes(parent.node.operator)) parent.replace(j.unaryExpression('!', attributes));
  else if (parent && zero && ['!==', '!=', '>'].includes(parent.node.operator)) parent.replace(j.unaryExpression('!', j.unaryExpression('!', attributes)));
  else use.replace(j.conditionalExpression(attributes, j.literal(1), j.literal(0)));
}

/** `stmt.run(…).changes` read in place (`if (stmt.run(id).changes === 0)`): the one use is a member of the call itself. */
export function isInlineChangesUse(ctx: SiteContext, uses: ASTPath<any>[] | undefined): boolean {
  return uses?.length === 1 && uses[0].node.type === 'MemberExpression' && uses[0].node.object === ctx.call.node;
}

/**
 * `const { changes } = <call>` / `const { lastID: id } = <call>`: the declarator and its one
 * local name, when the pattern takes exactly one of `names` (plain property, no default or rest).
 */
export function destructuredResult(ctx: SiteContext, names: string[]): { declarator: ASTPath<any>; local: string } | undefined {
  const parent = ctx.call.parent as ASTPath<any> | null;
  if (parent?.node.type !== 'VariableDeclarator' || parent.node.init !== ctx.call.node || parent.node.id.type !== 'ObjectPattern') return undefined;
  const properties = parent.node.id.properties as any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (properties.length !== 1) return undefined;
  const [property] = properties;
  if (!['ObjectProperty', 'Property'].includes(property.type) || property.computed || property.key.type !== 'Identifier' || property.value.type !== 'Identifier') return undefined;
  return names.includes(property.key.name) ? { declarator: parent, local: property.value.name } : undefined;
}

/**
 * `const { changes } = <delete/update>` → `const <result> = <call>` followed by
 * `const changes = <result>.Attributes ? 1 : 0`: the app's own tests of `changes` stay as they are.
 * Returns how to undo it, for a rewriter that then leaves the call as it was (with a TODO).
 */
export function splitDestructuredChanges(ctx: SiteContext): { undo(): void } | undefined {
  const found = destructuredResult(ctx, ['changes']);
  if (!found) return undefined;
  const { rewrite } = ctx;
  const { j } = rewrite;
  const declaration = found.declarator.parent as ASTPath<any>;
  if (declaration?.node.type !== 'VariableDeclaration' || declaration.node.declarations.length !== 1) return undefined;
  const pattern = found.declarator.node.id;
  const name = rewrite.freshName(['result', `${found.local}Result`]);
  found.declarator.node.id = j.identifier(name);
  const attributes = j.memberExpression(j.identifier(name), j.identifier('Attributes'));
  const changes = j.variableDeclaration(declaration.node.kind, [j.variableDeclarator(j.identifier(found.local), j.conditionalExpression(attributes, j.literal(1), j.literal(0)))]);
  declaration.insertAfter(changes);
  return {
    undo() {
      found.declarator.node.id = pattern;
      const body = declaration.parent?.node.body ?? declaration.parent?.node.consequent;
      if (Array.isArray(body) && body.includes(changes)) body.splice(body.indexOf(changes), 1);
    },
  };
}
