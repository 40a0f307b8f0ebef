/**
 * A loop over a whole store that changes the records it visits (`notes.forEach((n) => { n.done = true })`,
 * `for (const n of notes) n.title = …`). Once the loop reads a Scan's copy, those changes would be
 * lost without a word, so such a loop is reported instead of read.
 */
import type { ASTPath } from 'jscodeshift';
import { methodCallOn } from '../treeUtils';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const ITERATING_METHODS = new Set(['forEach', 'map', 'filter', 'find', 'some', 'every', 'reduce', 'flatMap']);

/** The name of the loop variable changed in place, when `use` is the collection of such a loop. */
export function findLoopItemChange(use: ASTPath<any>): string | undefined {
  const found = methodCallOn(use);
  if (found && ITERATING_METHODS.has(found.method)) {
    const callback = found.call.node.arguments[0] as AnyNode;
    if (!callback || !/Function/.test(callback.type)) return undefined;
    const param = callback.params[found.method === 'reduce' ? 1 : 0] as AnyNode;
    return param?.type === 'Identifier' && changesVariable(callback.body, param.name) ? param.name : undefined;
  }
  const parent = use.parent?.node as AnyNode;
  if (parent?.type === 'ForOfStatement' && parent.right === use.node && parent.left.type === 'VariableDeclaration') {
    const id = parent.left.declarations[0]?.id as AnyNode;
    return id?.type === 'Identifier' && changesVariable(parent.body, id.name) ? id.name : undefined;
  }
  return undefined;
}

/** `name.x = …`, `name.x++`, `delete name.x`, `Object.assign(name, …)` anywhere in `root`. */
function changesVariable(root: AnyNode, name: string): boolean {
  const isMemberOfName = (node: AnyNode) => (node?.type === 'MemberExpression' || node?.type === 'OptionalMemberExpression') && node.object.type === 'Identifier' && node.object.name === name;
  let found = false;
  const visit = (node: AnyNode) => {
    if (found || !node || typeof node.type !== 'string') return;
    if (node.type === 'AssignmentExpression' && isMemberOfName(node.left)) found = true;
    else if (node.type === 'UpdateExpression' && isMemberOfName(node.argument)) found = true;
    else if (node.type === 'UnaryExpression' && node.operator === 'delete' && isMemberOfName(node.argument)) found = true;
    else if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && node.callee.object.name === 'Object' && node.callee.property.name === 'assign' && node.arguments[0]?.type === 'Identifier' && node.arguments[0].name === name) found = true;
    for (const key of Object.keys(node)) {
      if (key === 'loc' || key === 'comments' || key === 'original' || key === 'tokens') continue;
      const value = node[key];
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(root);
  return found;
}
