import type { ASTPath } from 'jscodeshift';
import type { FileRewrite } from '../apply/rewrite/FileRewrite';
import type { SqlCallSite } from '../scan/sqlite';
import { findRewritePath } from './findRewritePath';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * `this.byIdStmt = db.prepare(…)` in a constructor, no longer read once its runs were rewritten:
 * the assignment and the class field declaring it (`private readonly byIdStmt: Statement;`) are
 * removed, so a second apply finds no statement left without its runs.
 */
export function retireStatementFields(rewrite: FileRewrite, sites: SqlCallSite[]): void {
  const { j } = rewrite;
  const seen = new Set<unknown>();
  for (const site of sites) {
    const declaration = site.prepare?.declaration;
    if (!declaration || seen.has(declaration.node) || site.prepare?.file.rel !== rewrite.rel || declaration.node.type !== 'AssignmentExpression') continue;
    seen.add(declaration.node);
    const assignment = findRewritePath(rewrite, declaration.node) as ASTPath<any> | undefined;
    const left = assignment?.node.left as AnyNode;
    if (!assignment || left?.type !== 'MemberExpression' || left.object.type !== 'ThisExpression' || left.computed || left.property.type !== 'Identifier') continue;
    const name: string = left.property.name;
    const statement = assignment.parent as ASTPath<any>;
    const classBody = findClassBody(assignment);
    if (statement?.node.type !== 'ExpressionStatement' || !classBody) continue;
    const reads = j(classBody)
      .find(j.MemberExpression, { object: { type: 'ThisExpression' }, property: { name } })
      .filter((p: ASTPath<any>) => p.node !== left)
      .size();
    if (reads) continue;
    statement.prune();
    j(classBody)
      .find(j.ClassProperty, { key: { name } })
      .filter((p: ASTPath<any>) => !p.node.value && p.parent?.node === classBody.node)
      .forEach((p: ASTPath<any>) => p.prune());
    rewrite.modified = true;
  }
}

function findClassBody(path: ASTPath<any>): ASTPath<any> | undefined {
  for (let current: ASTPath<any> | null = path.parent; current; current = current.parent) {
    if (current.node.type === 'ClassBody') return current;
  }
  return undefined;
}
