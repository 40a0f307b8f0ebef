/**
 * A module of prepared statements (`const getUser = db.prepare(…)` … `module.exports = { getUser }`)
 * whose statements other files run: once every one of those files has been rewritten and none kept
 * a run of the statement on SQLite (keptStatements), the declaration and its export entry go. A
 * statement still named anywhere else in the module stays.
 */
import type { ASTPath } from 'jscodeshift';
import type { FileRewrite } from '../apply/rewrite/FileRewrite';
import type { SqlCallSite } from '../scan/sqlite';
import { findRewritePath } from './findRewritePath';
import { keptStatements, statementId } from './keptStatements';

export function retireExportedStatements(rewrite: FileRewrite, allSites: SqlCallSite[]): void {
  const kept = keptStatements(rewrite.analysis);
  const runners = new Map<string, { site: SqlCallSite; files: Set<string> }>();
  for (const site of allSites) {
    if (!site.prepare || site.prepare.file.rel !== rewrite.rel) continue;
    const id = statementId(site.prepare);
    const entry = runners.get(id) ?? { site, files: new Set<string>() };
    entry.files.add(site.file.rel);
    runners.set(id, entry);
  }
  for (const [id, { site, files }] of runners) {
    if (kept.has(id) || !files.size || [...files].every((rel) => rel === rewrite.rel)) continue;
    if ([...files].some((rel) => rel !== rewrite.rel && !rewrite.analysis.processed.has(rel))) continue;
    const declaration = site.prepare!.declaration;
    if (!declaration || declaration.node.type !== 'VariableDeclarator') continue;
    const declarator = findRewritePath(rewrite, declaration.node) as ASTPath<any> | undefined;
    const name = declarator?.node.id?.type === 'Identifier' ? (declarator.node.id.name as string) : undefined;
    if (!declarator || !name || declarator.parent?.node.type !== 'VariableDeclaration') continue;
    const exports = exportEntries(rewrite, name, declarator);
    if (!exports) continue;
    for (const entry of exports) entry.prune();
    if (declarator.parent.node.declarations.length === 1) declarator.parent.prune();
    else declarator.prune();
    rewrite.modified = true;
  }
}

/** The `module.exports = { name }` properties / `exports.name = name` statements naming it; undefined when something else uses it. */
function exportEntries(rewrite: FileRewrite, name: string, declarator: ASTPath<any>): ASTPath<any>[] | undefined {
  const { j } = rewrite;
  const entries: ASTPath<any>[] = [];
  let other = false;
  rewrite.root.find(j.Identifier, { name }).forEach((path: ASTPath<any>) => {
    if (path.node === declarator.node.id) return;
    const parent = path.parent as ASTPath<any>;
    // `x.name` (a property, not this binding)
    if (parent.node.type === 'MemberExpression' && parent.node.property === path.node && !parent.node.computed) return;
    if ((parent.node.type === 'ObjectProperty' || parent.node.type === 'Property') && parent.node.key === path.node && parent.node.value !== path.node && !parent.node.computed) return;
    if ((parent.node.type === 'ObjectProperty' || parent.node.type === 'Property') && parent.node.value === path.node && isModuleExports(parent.parent?.parent?.node, 'object')) {
      entries.push(parent);
      return;
    }
    if (parent.node.type === 'AssignmentExpression' && parent.node.right === path.node && isModuleExports(parent.node.left, 'member') && parent.parent?.node.type === 'ExpressionStatement') {
      entries.push(parent.parent);
      return;
    }
    other = true;
  });
  return other || !entries.length ? undefined : entries;
}

/** `module.exports = { … }` (the assignment around the object) or `module.exports.x` / `exports.x`. */
function isModuleExports(node: any, shape: 'object' | 'member'): boolean {
  const isModuleDotExports = (target: any) => target?.type === 'MemberExpression' && target.object?.type === 'Identifier' && target.object.name === 'module' && target.property?.name === 'exports';
  if (shape === 'object') return node?.type === 'AssignmentExpression' && isModuleDotExports(node.left);
  return node?.type === 'MemberExpression' && (isModuleDotExports(node.object) || (node.object?.type === 'Identifier' && node.object.name === 'exports'));
}
