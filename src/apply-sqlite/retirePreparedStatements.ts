import type { ASTPath } from 'jscodeshift';
import type { FileRewrite } from '../apply/rewrite/FileRewrite';
import type { SqlCallSite } from '../scan/sqlite';
import { findRewritePath } from './findRewritePath';

/** `const getNote = db.prepare(…)` in this file, no longer referenced once its runs were rewritten: removed. */
export function retirePreparedStatements(rewrite: FileRewrite, sites: SqlCallSite[]): void {
  const { j } = rewrite;
  const seen = new Set<unknown>();
  for (const site of sites) {
    const declaration = site.prepare?.declaration;
    if (!declaration || site.prepare?.file.rel !== rewrite.rel || declaration.node.type !== 'VariableDeclarator') continue;
    // one statement run from several places (a transaction's loop and a route) is retired once
    if (seen.has(declaration.node)) continue;
    seen.add(declaration.node);
    const declarator = findRewritePath(rewrite, declaration.node) as ASTPath<any> | undefined;
    const name = declarator?.node.id?.name as string | undefined;
    if (!declarator || !name || !declarator.parent) continue;
    // only references that resolve to this declaration: another function's own `statement` is not a use
    const declaringScope = declarator.scope?.lookup(name);
    const used = rewrite.root
      .find(j.Identifier, { name })
      .filter((p: ASTPath<any>) => p.node !== declarator.node.id && !(p.parent?.node.type === 'MemberExpression' && p.parent.node.property === p.node && !p.parent.node.computed))
      .filter((p: ASTPath<any>) => !declaringScope || !p.scope || p.scope.lookup(name) === declaringScope)
      .size();
    if (used) continue;
    const statement = declarator.parent as ASTPath<any>;
    if (statement.node.declarations.length === 1) statement.prune();
    else declarator.prune();
    rewrite.modified = true;
  }
}
