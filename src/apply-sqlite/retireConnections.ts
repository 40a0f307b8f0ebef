import type { ASTPath } from 'jscodeshift';
import type { FileRewrite } from '../apply/rewrite/FileRewrite';
import type { SqlCallSite } from '../scan/sqlite';
import { findRewritePath } from './findRewritePath';

const DRIVER_MODULES = new Set(['better-sqlite3', 'sqlite3', 'sqlite']);

/**
 * `const db = new Database(file)` / `const db = await open({ … })` in this file, no longer
 * referenced once its SQL was rewritten: removed (it would still create the database file), and
 * then the driver imports and requires nothing uses any more. A connection still passed around
 * (returned, exported, handed to a constructor) stays.
 */
export function retireConnections(rewrite: FileRewrite, sites: SqlCallSite[]): void {
  const { j } = rewrite;
  const seen = new Set<unknown>();
  for (const site of sites) {
    const declaration = site.connection.declaration;
    if (!declaration || seen.has(declaration.node) || site.connection.file.rel !== rewrite.rel || declaration.node.type !== 'VariableDeclarator') continue;
    seen.add(declaration.node);
    const declarator = findRewritePath(rewrite, declaration.node) as ASTPath<any> | undefined;
    const name = declarator?.node.id?.name as string | undefined;
    const statement = declarator?.parent as ASTPath<any> | undefined;
    if (!declarator || !name || statement?.node.type !== 'VariableDeclaration' || statement.parent?.node.type?.startsWith('Export')) continue;
    if (isReferenced(rewrite, name, declarator.node.id)) continue;
    if (statement.node.declarations.length === 1) statement.prune();
    else declarator.prune();
    rewrite.modified = true;
  }
  if (seen.size) retireDriverImports(rewrite);
}

/** Driver imports and requires (`import Database from 'better-sqlite3'`) nothing in the file uses any more. */
export function retireDriverImports(rewrite: FileRewrite): void {
  const { j } = rewrite;
  rewrite.root.find(j.ImportDeclaration).forEach((path: ASTPath<any>) => {
    if (!DRIVER_MODULES.has(String(path.node.source.value)) || !path.node.specifiers?.length) return;
    if (path.node.specifiers.some((specifier: any) => isReferenced(rewrite, specifier.local.name, specifier.local))) return; // eslint-disable-line @typescript-eslint/no-explicit-any
    path.prune();
    rewrite.modified = true;
  });
  rewrite.root.find(j.VariableDeclarator).forEach((path: ASTPath<any>) => {
    // `require('sqlite3')` or `require('sqlite3').verbose()`
    const call = path.node.init;
    const init = call?.type === 'CallExpression' && call.callee.type === 'MemberExpression' && call.callee.property.name === 'verbose' ? call.callee.object : call;
    const required = init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' && init.arguments[0] && DRIVER_MODULES.has(String(init.arguments[0].value));
    if (!required || path.node.id.type !== 'Identifier' || isReferenced(rewrite, path.node.id.name, path.node.id)) return;
    const statement = path.parent as ASTPath<any>;
    if (statement.node.declarations.length === 1) statement.prune();
    else path.prune();
    rewrite.modified = true;
  });
}

/** Any use of `name` other than its own declaration and `x.name` property positions. */
function isReferenced(rewrite: FileRewrite, name: string, own: unknown): boolean {
  const { j } = rewrite;
  return (
    rewrite.root
      .find(j.Identifier, { name })
      .filter((p: ASTPath<any>) => {
        if (p.node === own) return false;
        const parent = p.parent?.node;
        if (parent?.type?.startsWith('Import')) return false; // `import { open }` names it, does not use it
        if ((parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && parent.property === p.node && !parent.computed) return false;
        if ((parent?.type === 'ObjectProperty' || parent?.type === 'Property') && parent.key === p.node && !parent.computed && !parent.shorthand) return false;
        return true;
      })
      .size() > 0
  );
}
