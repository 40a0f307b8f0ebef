/**
 * One use of a Map store (`todos.get/has/set/delete`, `.values()`, `.size`, iteration) or an
 * object-map store (`users[id]`, `users[id] = …`, `delete users[id]`, `id in users`,
 * `Object.values(users)`), rewritten to GetItem, PutItem/UpdateItem, DeleteItem or a Scan.
 */
import type { ASTPath } from 'jscodeshift';
import type { ASTNode } from 'ast-types';
import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { expression } from '../../../emit/emitContext';
import { buildDeleteItem } from '../../../emit/commands/buildDeleteItem';
import { addTodo } from '../addTodo';
import { memberName, methodCallOn } from '../treeUtils';
import type { CollectionPass } from './context';
import type { CollectionUse } from './findCollectionUses';
import { rewriteKeyedWrite } from './createOrUpdate';
import { rewriteSearch } from './rewriteArrayUse';
import { registerItem } from './items';
import { coerceValue } from './keyValue';
import { getItemExpression, replaceWithGet, scanExpression } from './reads';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export function rewriteMapUse(pass: CollectionPass, use: CollectionUse): void {
  const found = methodCallOn(use.path);
  const { rewrite } = pass;
  if (found) {
    const { call, method } = found;
    const args = call.node.arguments as AnyNode[];
    switch (method) {
      case 'get':
        return read(pass, use, call, args[0]);
      case 'has':
        return exists(pass, use, call, args[0]);
      case 'set':
        if (call.parent?.node.type === 'ExpressionStatement' && args.length === 2) return rewriteKeyedWrite(pass, use, call, args[0], args[1]);
        break;
      case 'delete':
        return remove(pass, use, call, args[0]);
      case 'values':
        return wholeValues(pass, use, call);
      case 'keys':
        return replaceAll(pass, use, call, (items) => expression(rewrite.emit, [items, `.map((item) => item.${use.target.key.name})`]));
      case 'entries':
        return replaceAll(pass, use, call, (items) => expression(rewrite.emit, [items, `.map((item) => [item.${use.target.key.name}, item])`]));
      case 'forEach':
        if ((call.node.arguments[0] as AnyNode)?.params?.length <= 1) return replaceAll(pass, use, use.path, (items) => items);
        break;
    }
    return todo(pass, use, `${method}() on the ${use.target.entityName} Map has no direct DynamoDB equivalent here; rewrite it with GetCommand/PutCommand/DeleteCommand or scanAll, then re-run`);
  }
  const member = use.path.parent?.node as AnyNode;
  if (memberName(member) === 'size' && member.object === use.path.node) {
    return replaceAll(pass, use, use.path.parent, (items) => expression(rewrite.emit, [items, '.length']));
  }
  // [...todos] and for (const [id, todo] of todos): entries
  const parent = use.path.parent?.node as AnyNode;
  if (parent?.type === 'SpreadElement' || (parent?.type === 'ForOfStatement' && parent.right === use.path.node)) {
    return replaceAll(pass, use, use.path, (items) => expression(rewrite.emit, [items, `.map((item) => [item.${use.target.key.name}, item])`]));
  }
  todo(pass, use, `this use of the ${use.target.entityName} Map was not recognised; read with GetCommand or scanAll from the shared client, then re-run`);
}

export function rewriteObjectMapUse(pass: CollectionPass, use: CollectionUse): void {
  const { rewrite } = pass;
  const parent = use.path.parent as ASTPath<any>;
  const node = parent?.node;
  if (node?.type === 'MemberExpression' && node.object === use.path.node && node.computed) {
    const outer = parent.parent as ASTPath<any>;
    if (outer.node.type === 'AssignmentExpression' && outer.node.left === node) {
      if (outer.node.operator === '=' && outer.parent?.node.type === 'ExpressionStatement') return rewriteKeyedWrite(pass, use, outer, node.property, outer.node.right);
      return todo(pass, use, `this assignment into the ${use.target.entityName} map was not recognised; write the item with PutCommand, then re-run`);
    }
    if (outer.node.type === 'UnaryExpression' && outer.node.operator === 'delete') return remove(pass, use, outer, node.property);
    if (outer.node.type === 'UpdateExpression') return todo(pass, use, `this change of the ${use.target.entityName} map was not recognised; write the item with PutCommand, then re-run`);
    return read(pass, use, parent, node.property);
  }
  if (node?.type === 'BinaryExpression' && node.operator === 'in' && node.right === use.path.node) return exists(pass, use, parent, node.left);
  if (node?.type === 'CallExpression' && node.arguments[0] === use.path.node && node.arguments.length === 1) {
    const callee = node.callee as AnyNode;
    const isObject = callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'Object';
    const method = isObject ? memberName(callee) : undefined;
    if (method === 'values') {
      if (!use.snapshot && rewriteSearch(pass, use, parent)) return;
      return replaceAll(pass, use, parent, (items) => items);
    }
    if (method === 'keys') return replaceAll(pass, use, parent, (items) => expression(rewrite.emit, [items, `.map((item) => String(item.${use.target.key.name}))`]));
    if (method === 'entries') return replaceAll(pass, use, parent, (items) => expression(rewrite.emit, [items, `.map((item) => [String(item.${use.target.key.name}), item])`]));
  }
  const found = methodCallOn(use.path);
  if (found?.method === 'hasOwnProperty') return exists(pass, use, found.call, found.call.node.arguments[0]);
  if (isExportUse(use.path)) return;
  todo(pass, use, `this use of the ${use.target.entityName} map was not recognised; read with GetCommand or scanAll from the shared client, then re-run`);
}

function keyOf(pass: CollectionPass, use: CollectionUse, key: AnyNode): ExpressionKind {
  // object keys are strings: `users["7"]` and `users[7]` are the same entry
  return coerceValue(pass.rewrite, key as ExpressionKind, use.target.key.type, use.target.shape === 'object-map');
}

function read(pass: CollectionPass, use: CollectionUse, at: ASTPath<any>, key: AnyNode): void {
  const { rewrite } = pass;
  pass.consume(use.path.node);
  const declarator = at.parent as ASTPath<any>;
  const itemKey = keyOf(pass, use, key);
  const name = replaceWithGet(rewrite, at, use.target, itemKey);
  if (name) registerItem(rewrite, name, declarator, use.target, itemKey);
  rewrite.operationDone();
}

function exists(pass: CollectionPass, use: CollectionUse, at: ASTPath<any>, key: AnyNode): void {
  const { rewrite } = pass;
  pass.consume(use.path.node);
  const item = getItemExpression(rewrite, at, use.target, keyOf(pass, use, key));
  const negation = at.parent?.node.type === 'UnaryExpression' && (at.parent.node as AnyNode).operator === '!' ? at.parent : undefined;
  if (negation) negation.replace(expression(rewrite.emit, ['!', item]));
  else at.replace(expression(rewrite.emit, [item, ' !== undefined']));
  rewrite.operationDone();
}

function remove(pass: CollectionPass, use: CollectionUse, at: ASTPath<any>, key: AnyNode): void {
  const { rewrite } = pass;
  pass.consume(use.path.node);
  const asStatement = at.parent?.node.type === 'ExpressionStatement';
  const command = buildDeleteItem(rewrite.emit, rewrite.tableOf(use.target), keyOf(pass, use, key), !asStatement);
  rewrite.markAwait(at);
  at.replace(asStatement ? command : expression(rewrite.emit, [command, '.Attributes !== undefined']));
  rewrite.operationDone();
}

/** `[...todos.values()]`, `Array.from(todos.values())` and `todos.values()` all become the Scan. */
function wholeValues(pass: CollectionPass, use: CollectionUse, call: ASTPath<any>): void {
  let at: ASTPath<any> = call;
  const parent = call.parent as ASTPath<any>;
  if (parent.node.type === 'SpreadElement' && parent.parent?.node.type === 'ArrayExpression' && parent.parent.node.elements.length === 1) at = parent.parent as ASTPath<any>;
  const callee = parent.node.type === 'CallExpression' ? (parent.node.callee as AnyNode) : undefined;
  if (callee?.type === 'MemberExpression' && callee.object.name === 'Array' && memberName(callee) === 'from' && parent.node.arguments.length === 1) at = parent;
  if (!use.snapshot && rewriteSearch(pass, use, at)) return;
  replaceAll(pass, use, at, (items) => items);
}

function replaceAll(pass: CollectionPass, use: CollectionUse, at: ASTPath<any>, shape: (items: ExpressionKind) => ExpressionKind): void {
  pass.consume(use.path.node);
  if (use.snapshot) {
    use.snapshot.needsAll = true;
    return;
  }
  at.replace(shape(scanExpression(pass.rewrite, at, use.target)));
  pass.rewrite.operationDone();
}

/** `module.exports = { users }` / `export { users }`: not a data access. */
export function isExportUse(path: ASTPath<any>): boolean {
  const parent = path.parent?.node as AnyNode | undefined;
  if (!parent) return false;
  if (parent.type === 'ExportSpecifier') return true;
  if ((parent.type === 'ObjectProperty' || parent.type === 'Property') && (parent.value === path.node || (parent.shorthand && parent.key === path.node))) {
    const object = path.parent.parent;
    const assignment = object?.parent?.node as AnyNode | undefined;
    return Boolean(assignment?.type === 'AssignmentExpression' && isModuleExports(assignment.left));
  }
  if (parent.type === 'AssignmentExpression' && parent.right === path.node && isModuleExports(parent.left)) return true;
  return false;
}

function isModuleExports(node: AnyNode): boolean {
  if (node.type === 'MemberExpression') {
    if (node.object.type === 'Identifier' && node.object.name === 'module' && memberName(node) === 'exports') return true;
    if (node.object.type === 'Identifier' && node.object.name === 'exports') return true;
    return isModuleExports(node.object);
  }
  return false;
}

function todo(pass: CollectionPass, use: CollectionUse, message: string): void {
  pass.consume(use.path.node);
  if (use.snapshot) pass.rewrite.untranslated.add(use.snapshot);
  pass.rewrite.analysis.keptTargets.add(use.target);
  addTodo(pass.rewrite, use.path, message);
}
