/** What the collection steps share while rewriting one file: the uses, indexed by node. */
import type { ASTNode } from 'ast-types';
import type { FileRewrite } from '../FileRewrite';
import type { CollectionUse } from './findCollectionUses';

export class CollectionPass {
  readonly byNode = new Map<ASTNode, CollectionUse>();

  constructor(
    readonly rewrite: FileRewrite,
    readonly uses: CollectionUse[],
  ) {
    for (const use of uses) this.byNode.set(use.path.node, use);
  }

  /** The use when `node` is a collection expression of the same store as `like`. */
  sameStore(node: ASTNode | undefined, like: CollectionUse): CollectionUse | undefined {
    const use = node ? this.byNode.get(node) : undefined;
    return use && use.target === like.target ? use : undefined;
  }

  consume(...nodes: ASTNode[]): void {
    for (const node of nodes) this.rewrite.consumed.add(node);
  }

  isConsumed(use: CollectionUse): boolean {
    return this.rewrite.consumed.has(use.path.node);
  }
}
