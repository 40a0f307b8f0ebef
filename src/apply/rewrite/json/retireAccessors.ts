/**
 * The app's JSON read/write helpers, once no call of them is left anywhere: removed with their
 * export entry (a helper used only in its own file is removed by removeUnusedBindings). The data
 * file itself stays where it is: migrate-data reads it.
 */
import type { ASTPath } from 'jscodeshift';
import type { FileRewrite } from '../FileRewrite';
import { expression } from '../../../emit/emitContext';
import { usedElsewhere } from '../retireStores';
import { printAsWritten, textWithoutElements } from '../textWithoutElements';

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
      removed = true;
      // `module.exports = {\n  a,\n  b,\n}` keeps its layout and trailing comma: the object's own text without the entry
      const list: AnyNode[] | undefined = container.properties;
      const kept = list ? textWithoutElements(container, list, list.filter((item) => item !== entry)) : undefined;
      const assignment = kept ? j(program).find(j.AssignmentExpression).filter((path: ASTPath<AnyNode>) => path.node.right === container).paths()[0] : undefined;
      if (kept && assignment) {
        assignment.node.right = printAsWritten(expression(rewrite.emit, [kept]));
        continue;
      }
      const specifiers: AnyNode[] | undefined = container.type === 'ExportNamedDeclaration' ? container.specifiers : undefined;
      const keptExports = specifiers ? textWithoutElements(container, specifiers, specifiers.filter((item) => item !== entry)) : undefined;
      const parsed = keptExports ? (j(keptExports).find(j.ExportNamedDeclaration).nodes()[0] as AnyNode | undefined) : undefined;
      if (parsed) {
        // on the parsed node's original too: recast reuses a node's text only while it equals its original
        parsed.comments = container.comments;
        if (parsed.original) parsed.original.comments = container.comments;
        j(program).find(j.ExportNamedDeclaration).filter((path: ASTPath<AnyNode>) => path.node === container).forEach((path: ASTPath<AnyNode>) => path.replace(parsed));
        continue;
      }
      // edit the list itself: pruning path objects one by one confuses ast-types' index cache
      if (container.properties) container.properties = container.properties.filter((item: AnyNode) => item !== entry);
      if (container.specifiers) container.specifiers = container.specifiers.filter((item: AnyNode) => item !== entry);
      // `export { readMembers }` with nothing left goes (it printed as `export {};`)
      if (container.type === 'ExportNamedDeclaration' && !container.declaration && !container.specifiers.length && !container.source) {
        j(program).find(j.ExportNamedDeclaration).filter((path: ASTPath<AnyNode>) => path.node === container).forEach((path: ASTPath<AnyNode>) => path.prune());
      }
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
