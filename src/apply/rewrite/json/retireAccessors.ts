/**
 * The app's JSON read/write helpers, once no call of them is left anywhere: removed with their
 * export entry (a helper used only in its own file is removed by removeUnusedBindings). The data
 * file itself stays where it is: migrate-data reads it.
 */
import type { ASTPath } from 'jscodeshift';
import type { FileRewrite } from '../FileRewrite';
import { usedElsewhere } from '../retireStores';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export function retireAccessors(rewrite: FileRewrite): void {
  const { j } = rewrite;
  for (const accessor of rewrite.analysis.accessors.values()) {
    if (accessor.file.rel !== rewrite.rel || !accessor.name || usedElsewhere(rewrite, accessor.target)) continue;
    const name = accessor.name;
    const program = rewrite.root.find(j.Program).paths()[0];
    const others = j(program).find(j.Identifier, { name }).filter((path: ASTPath<AnyNode>) => !isDeclarationOrExport(path)).size();
    if (others > 0) continue;
    let removed = false;
    const entries = new Map<AnyNode, AnyNode>();
    j(program)
      .find(j.Identifier, { name })
      .filter((path: ASTPath<AnyNode>) => isExportEntry(path))
      .forEach((path: ASTPath<AnyNode>) => entries.set(path.parent.node, path.parent.parent.node));
    for (const [entry, container] of entries) {
      // edit the list itself: pruning path objects one by one confuses ast-types' index cache
      if (container.properties) container.properties = container.properties.filter((item: AnyNode) => item !== entry);
      if (container.specifiers) container.specifiers = container.specifiers.filter((item: AnyNode) => item !== entry);
      removed = true;
    }
    j(program)
      .find(j.FunctionDeclaration)
      .filter((path: ASTPath<AnyNode>) => path.node.id?.name === name && path.parent.node.type === 'Program')
      .forEach((path: ASTPath<AnyNode>) => {
        path.prune();
        removed = true;
      });
    j(program)
      .find(j.VariableDeclarator)
      .filter((path: ASTPath<AnyNode>) => path.node.id.type === 'Identifier' && path.node.id.name === name && path.parent.parent.node.type === 'Program')
      .forEach((path: ASTPath<AnyNode>) => {
        if (path.parent.node.declarations.length === 1) path.parent.prune();
        else path.prune();
        removed = true;
      });
    if (removed) rewrite.modified = true;
  }
}

function isExportEntry(path: ASTPath<AnyNode>): boolean {
  const parent = path.parent?.node;
  if (parent?.type === 'ExportSpecifier') return true;
  if ((parent?.type === 'ObjectProperty' || parent?.type === 'Property') && (parent.value === path.node || parent.key === path.node)) {
    const assignment = path.parent.parent?.parent?.node;
    return assignment?.type === 'AssignmentExpression' && assignment.left.type === 'MemberExpression' && assignment.left.object.name === 'module' && assignment.left.property.name === 'exports';
  }
  return false;
}

function isDeclarationOrExport(path: ASTPath<AnyNode>): boolean {
  const parent = path.parent?.node;
  if (parent?.type === 'FunctionDeclaration' && parent.id === path.node) return true;
  if (parent?.type === 'VariableDeclarator' && parent.id === path.node) return true;
  return isExportEntry(path);
}
