import type { ASTPath } from 'jscodeshift';
import type { FileRewrite } from '../apply/rewrite/FileRewrite';

/**
 * The path of a node where it is now. Rewrites move nodes (a callback's body is inlined into its
 * caller, an argument is placed in a command), so a path found before may hang under a parent that
 * left the tree; the node objects themselves stay the same.
 */
export function currentPath(rewrite: FileRewrite, node: unknown): ASTPath<any> | undefined {
  let found: ASTPath<any> | undefined;
  rewrite.root.find(rewrite.j.Node).forEach((path: ASTPath<any>) => {
    if (!found && path.node === node) found = path;
  });
  return found;
}
