/**
 * A loop over a whole store that changes the records it visits (`notes.forEach((n) => { n.done = true })`,
 * `for (const n of notes) n.title = …`). Once the loop reads a Scan's copy, those changes would be
 * lost without a word, so such a loop is reported instead of read.
 */
import type { ASTPath, JSCodeshift } from 'jscodeshift';
import { mutationAt } from './items';
import { methodCallOn } from '../treeUtils';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const ITERATING_METHODS = new Set(['forEach', 'map', 'filter', 'find', 'some', 'every', 'reduce', 'flatMap']);

/** The name of the loop variable changed in place, when `use` is the collection of such a loop. */
export function findLoopItemChange(j: JSCodeshift, use: ASTPath<any>): string | undefined {
  const found = methodCallOn(use);
  if (found && ITERATING_METHODS.has(found.method)) {
    const callback = found.call.node.arguments[0] as AnyNode;
    if (!callback || !/Function/.test(callback.type)) return undefined;
    const param = callback.params[found.method === 'reduce' ? 1 : 0] as AnyNode;
    return param?.type === 'Identifier' && changesVariable(j, found.call.get('arguments', 0), param.name) ? param.name : undefined;
  }
  const parent = use.parent?.node as AnyNode;
  if (parent?.type === 'ForOfStatement' && parent.right === use.node && parent.left.type === 'VariableDeclaration') {
    const id = parent.left.declarations[0]?.id as AnyNode;
    return id?.type === 'Identifier' && changesVariable(j, use.parent.get('body'), id.name) ? id.name : undefined;
  }
  return undefined;
}

/** The same changes in place an item variable's write-back looks for (items.ts), anywhere under `root`. */
function changesVariable(j: JSCodeshift, root: ASTPath<any>, name: string): boolean {
  return j(root)
    .find(j.Identifier, { name })
    .some((reference: ASTPath<any>) => mutationAt(reference) !== undefined);
}
