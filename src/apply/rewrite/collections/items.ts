/**
 * Item variables: a variable holding one item read by key. The app may change it in place
 * (`note.title = …`, `Object.assign(user, …)`, `link.clicks += 1`); an array or a JSON file kept
 * that change, DynamoDB does not, so the change is written back with one UpdateCommand.
 */
import type { ASTPath } from 'jscodeshift';
import type { ASTNode } from 'ast-types';
import { expression, statement } from '../../../emit/emitContext';
import { buildUpdateItem } from '../../../emit/commands/buildUpdateItem';
import type { StoreTarget } from '../../analysis/findStoreTargets';
import { addTodo } from '../addTodo';
import { findVariableReferences, lookupScope } from '../bindings';
import type { FileRewrite, ItemVariable } from '../FileRewrite';
import { contains, isAttached } from '../treeUtils';
import { itemKeyExpression, stableKeyText } from './itemKey';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** `note`, or `existingNote` / `noteItem` when the function already uses that name. */
export function pickItemName(rewrite: FileRewrite, target: StoreTarget, fn: ASTPath<any> | undefined, ignore?: ASTNode): string {
  const base = target.entityName.charAt(0).toLowerCase() + target.entityName.slice(1);
  const used = new Set(
    rewrite
      .j(fn ?? rewrite.root.paths()[0])
      .find(rewrite.j.Identifier)
      .filter((path) => !ignore || !contains(ignore, path.node))
      .nodes()
      .map((node) => node.name),
  );
  for (const candidate of [base, `existing${target.entityName}`, `${base}Item`]) if (!used.has(candidate)) return candidate;
  return rewrite.freshName([`${base}Item`]);
}

export function registerItem(rewrite: FileRewrite, name: string, declarator: ASTPath<any>, target: StoreTarget, key?: AnyNode): void {
  const readKey = key ? stableKeyText(rewrite, key, declarator) : undefined;
  rewrite.items.push({ name, scope: lookupScope(declarator, name), target, fn: rewrite.enclosingFunction(declarator)?.node, ...(readKey ? { readKey } : {}) });
}

/**
 * Finds in-place changes of item variables (and their aliases `const current = note`). Changes
 * followed by a writer call of the same store are written back there (see rewriteWriterCalls);
 * the others get an UpdateCommand right after the last statement that changes the item.
 */
export function findItemMutations(rewrite: FileRewrite): Map<ItemVariable, ASTPath<any>[]> {
  const { j } = rewrite;
  addAliases(rewrite);
  const found = new Map<ItemVariable, ASTPath<any>[]>();
  for (const item of rewrite.items) {
    const fn = rewrite.root.find(j.Node).filter((path) => path.node === item.fn).paths()[0];
    for (const reference of findVariableReferences(j, fn ?? rewrite.root.paths()[0], item.name, item.scope)) {
      const mutation = mutationAt(reference);
      if (mutation) found.set(item, [...(found.get(item) ?? []), mutation]);
    }
  }
  return found;
}

/**
 * Writes back items changed in place (no writer call took care of them): one UpdateCommand after
 * the last change, in the innermost block that holds every change, so a write guarded by
 * `if (note) { note.title = … }` stays guarded.
 */
export function persistMutations(rewrite: FileRewrite, mutations: Map<ItemVariable, ASTPath<any>[]>): void {
  for (const [item, paths] of mutations) {
    const chains: ASTPath<any>[][] = [];
    const changes: ASTPath<any>[] = [];
    for (const path of paths) {
      const chain = enclosingBlocks(item, path);
      if (!chain) {
        addTodo(rewrite, path, `${item.name} is changed inside a callback or another function; write the change back with UpdateCommand (see the shared client's updateParams), then re-run`);
        continue;
      }
      chains.push(chain);
      changes.push(path);
    }
    if (!chains.length) continue;
    const block = innermostCommonBlock(chains);
    const anchors = changes.map((path) => statementIn(block, path)).filter((anchor): anchor is ASTPath<any> => Boolean(anchor));
    if (!anchors.length) continue;
    const last = anchors.reduce((latest, candidate) => (position(candidate) > position(latest) ? candidate : latest));
    if (!isAttached(last)) continue;
    const key = itemKeyExpression(rewrite, item);
    last.insertAfter(statement(rewrite.emit, [buildUpdateItem(rewrite.emit, rewrite.tableOf(item.target), key, rewrite.j.identifier(item.name)), ';']));
    rewrite.markAwait(last);
    rewrite.operationDone();
  }
}

/** The update statement for an item, to put where the app saved its data. */
export function buildItemWriteBack(rewrite: FileRewrite, item: ItemVariable) {
  const key = itemKeyExpression(rewrite, item);
  return statement(rewrite.emit, [buildUpdateItem(rewrite.emit, rewrite.tableOf(item.target), key, rewrite.j.identifier(item.name)), ';']);
}

function addAliases(rewrite: FileRewrite): void {
  const { j } = rewrite;
  for (const item of [...rewrite.items]) {
    const fn = rewrite.root.find(j.Node).filter((path) => path.node === item.fn).paths()[0];
    for (const reference of findVariableReferences(j, fn ?? rewrite.root.paths()[0], item.name, item.scope)) {
      const parent = reference.parent?.node as AnyNode;
      if (parent?.type === 'VariableDeclarator' && parent.init === reference.node && parent.id.type === 'Identifier') {
        const name: string = parent.id.name;
        if (!rewrite.items.some((known) => known.name === name && known.fn === item.fn)) {
          rewrite.items.push({ name, scope: lookupScope(reference.parent, name), target: item.target, fn: item.fn, ...(item.readKey ? { readKey: item.readKey } : {}) });
        }
      }
    }
  }
}

/** The mutating expression when `reference` is changed in place there. */
export function mutationAt(reference: ASTPath<any>): ASTPath<any> | undefined {
  const parent = reference.parent as ASTPath<any>;
  const node = parent.node;
  if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && node.object === reference.node) {
    // `speaker.talk.rate = 3` changes the item too: climb to the outermost member of the chain
    let member: ASTPath<any> = parent;
    while ((member.parent?.node.type === 'MemberExpression' || member.parent?.node.type === 'OptionalMemberExpression') && member.parent.node.object === member.node) member = member.parent as ASTPath<any>;
    const outer = member.parent as ASTPath<any>;
    if (member !== parent) {
      if (outer.node.type === 'AssignmentExpression' && outer.node.left === member.node) return outer;
      if (outer.node.type === 'UpdateExpression' && outer.node.argument === member.node) return outer;
      if (outer.node.type === 'UnaryExpression' && outer.node.operator === 'delete' && outer.node.argument === member.node) return outer;
      // `speaker.tags.push(tag)`: a list inside the item changed in place
      const method = member.node.property?.name;
      if (outer.node.type === 'CallExpression' && outer.node.callee === member.node && ['push', 'pop', 'shift', 'unshift', 'splice'].includes(method)) return outer;
      return undefined;
    }
    if (outer.node.type === 'AssignmentExpression' && outer.node.left === node) return outer;
    if (outer.node.type === 'UpdateExpression' && outer.node.argument === node) return outer;
    if (outer.node.type === 'UnaryExpression' && outer.node.operator === 'delete' && outer.node.argument === node) return outer;
    return undefined;
  }
  if (node.type === 'CallExpression' && node.arguments[0] === reference.node) {
    const callee = node.callee as AnyNode;
    if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'Object' && callee.property.name === 'assign') return parent;
  }
  return undefined;
}

/**
 * The blocks around a change, outermost (the item's function body, or the program) first;
 * undefined when the change is inside another function (a callback: no place to await in order).
 */
function enclosingBlocks(item: ItemVariable, path: ASTPath<any>): ASTPath<any>[] | undefined {
  const blocks: ASTPath<any>[] = [];
  for (let current: ASTPath<any> | null = path; current?.parent; current = current.parent) {
    const parentNode = current.parent.node as AnyNode;
    if (/Function|Method/.test(parentNode.type) && parentNode !== item.fn) return undefined;
    if (parentNode.type === 'BlockStatement' || parentNode.type === 'Program') blocks.unshift(current.parent as ASTPath<any>);
    if (parentNode.type === 'BlockStatement' && current.parent.parent?.node === item.fn) return blocks;
    if (parentNode.type === 'Program' && !item.fn) return blocks;
  }
  return undefined;
}

function innermostCommonBlock(chains: ASTPath<any>[][]): ASTPath<any> {
  let depth = 0;
  while (chains.every((chain) => depth < chain.length && chain[depth].node === chains[0][depth].node)) depth += 1;
  return chains[0][Math.max(0, depth - 1)];
}

/** The statement of `block` that contains `path`. */
function statementIn(block: ASTPath<any>, path: ASTPath<any>): ASTPath<any> | undefined {
  for (let current: ASTPath<any> | null = path; current?.parent; current = current.parent) {
    if (current.parent.node === block.node) return current;
  }
  return undefined;
}

function position(path: ASTPath<any>): number {
  const node = path.node as AnyNode;
  return node.start ?? 0;
}
