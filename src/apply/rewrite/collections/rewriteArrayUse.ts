/**
 * One use of an array store: find/some/filter by key or attribute, push, and everything else
 * as a whole-collection read. Mutations that have no DynamoDB equivalent here get a TODO.
 */
import type { ASTPath } from 'jscodeshift';
import type { ASTNode } from 'ast-types';
import { expression } from '../../../emit/emitContext';
import { addTodo } from '../addTodo';
import { readPredicate, type Comparison } from '../readPredicate';
import { memberName, methodCallOn } from '../treeUtils';
import type { CollectionPass } from './context';
import type { CollectionUse } from './findCollectionUses';
import { findLoopItemChange } from './findLoopItemChange';
import { registerItem } from './items';
import { coerceValue } from './keyValue';
import { attributeType, getItemExpression, lookupExpression, replaceWithGet } from './reads';
import { rewriteCreate } from './rewriteCreate';
import { rewriteGenericRead } from './rewriteGenericRead';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const MUTATORS = new Set(['splice', 'pop', 'shift', 'unshift', 'fill', 'copyWithin', 'reverse', 'sort']);

export function rewriteArrayUse(pass: CollectionPass, use: CollectionUse): void {
  const { rewrite } = pass;
  const found = methodCallOn(use.path);
  if (found) {
    const { call, method } = found;
    if (method === 'push') {
      if (call.node.arguments.length === 1 && call.parent?.node.type === 'ExpressionStatement') rewriteCreate(pass, use, call, call.node.arguments[0]);
      else todo(pass, use, `${method}() of ${use.target.entityName} items: write each new item with PutCommand, then re-run`);
      return;
    }
    if (MUTATORS.has(method) && use.snapshot) return changeSnapshot(pass, use);
    if (MUTATORS.has(method)) {
      todo(pass, use, `${method}() changes the ${use.target.entityName} collection in a way apply cannot translate; replace it with PutCommand/DeleteCommand calls, then re-run`);
      return;
    }
    if (rewriteSearch(pass, use, use.path)) return;
  }
  const changed = findLoopItemChange(rewrite.j, use.path);
  if (changed) {
    todo(pass, use, `${changed} is changed inside a loop over every ${use.target.entityName}; find the item by its ${use.target.key.name} and change it there (or write each change with UpdateCommand), then re-run`);
    return;
  }
  if ((isAssignmentTarget(use.path) || changesNestedMember(use.path)) && use.snapshot) return changeSnapshot(pass, use);
  if (isAssignmentTarget(use.path)) {
    todo(pass, use, `the ${use.target.entityName} collection is replaced as a whole here; write the items that changed with PutCommand/DeleteCommand, then re-run`);
    return;
  }
  rewriteGenericRead(pass, use);
}

/**
 * `whole.find/some/filter(predicate)` where `whole` is worth every item (`notes`, `Object.values(users)`,
 * `[...todos.values()]`): by key → GetItem; by another attribute → Query on its index (or a
 * filtered Scan). Returns false when the predicate is not an equality on an attribute.
 */
export function rewriteSearch(pass: CollectionPass, use: CollectionUse, whole: ASTPath<any>): boolean {
  const { rewrite } = pass;
  const found = methodCallOn(whole);
  if (!found || (found.method !== 'find' && found.method !== 'some' && found.method !== 'filter')) return false;
  const { call, method } = found;
  const predicate = readPredicate(call.node.arguments[0]);
  const equalities = (predicate?.comparisons ?? []).filter((comparison) => comparison.operator === '===' || comparison.operator === '==');
  const byKey = equalities.find((comparison) => comparison.attribute === use.target.key.name);
  const onlyKey = byKey && predicate!.comparisons.length === 1 && !predicate!.rest.length;
  if (onlyKey && method !== 'filter') {
    pass.consume(use.path.node);
    const key = coerceValue(rewrite, byKey.value, use.target.key.type, byKey.operator === '==');
    if (method === 'find') {
      const declarator = call.parent as ASTPath<any>;
      const name = replaceWithGet(rewrite, call, use.target, key);
      if (name) registerItem(rewrite, name, declarator, use.target, key);
    } else {
      call.replace(expression(rewrite.emit, [getItemExpression(rewrite, call, use.target, key), ' !== undefined']));
    }
    rewrite.operationDone();
    return true;
  }
  const byAttribute = !byKey ? equalities[0] : undefined;
  if (!byAttribute) return false;
  rewriteLookup(pass, use, call, method, byAttribute, predicate!.comparisons.length === 1 && !predicate!.rest.length);
  return true;
}

/** `users.find((u) => u.email === email)` → the items with that email (Query on the index, or a filtered Scan). */
function rewriteLookup(pass: CollectionPass, use: CollectionUse, call: ASTPath<any>, method: string, comparison: Comparison, exact: boolean): void {
  const { rewrite } = pass;
  pass.consume(use.path.node);
  const value = coerceValue(rewrite, comparison.value, attributeType(use.target, comparison.attribute), comparison.operator === '==');
  const items = lookupExpression(rewrite, call, use.target, comparison.attribute, value);
  const predicate = call.node.arguments[0];
  if (method === 'filter') call.replace(exact ? items : expression(rewrite.emit, [items, '.filter(', predicate, ')']));
  else if (method === 'find') {
    const declarator = call.parent as ASTPath<any>;
    call.replace(exact ? expression(rewrite.emit, [items, '[0]']) : expression(rewrite.emit, [items, '.find(', predicate, ')']));
    // the item found may be changed in place and saved later: it is written back by key
    if (declarator.node.type === 'VariableDeclarator' && declarator.node.id.type === 'Identifier') registerItem(rewrite, declarator.node.id.name, declarator, use.target);
  }
  else call.replace(exact ? expression(rewrite.emit, [items, '.length > 0']) : expression(rewrite.emit, [items, '.some(', predicate, ')']));
  rewrite.operationDone();
}

/** `data.items.push(x)`, `data.items.splice(i, 1)`: a collection inside the value is changed in place. */
function changesNestedMember(path: ASTPath<any>): boolean {
  let current: ASTPath<any> = path;
  let depth = 0;
  while (current.parent && current.parent.node.type === 'MemberExpression' && (current.parent.node as AnyNode).object === current.node) {
    current = current.parent;
    depth += 1;
  }
  const call = current.parent?.node as AnyNode | undefined;
  const method = memberName(current.node as AnyNode);
  return depth >= 2 && call?.type === 'CallExpression' && call.callee === current.node && (method === 'push' || MUTATORS.has(method ?? ''));
}

function isAssignmentTarget(path: ASTPath<any>): boolean {
  let current: ASTPath<any> = path;
  while (current.parent && (current.parent.node.type === 'MemberExpression' && (current.parent.node as AnyNode).object === current.node)) current = current.parent;
  const parent = current.parent?.node as AnyNode | undefined;
  if (!parent) return false;
  if (parent.type === 'AssignmentExpression' && parent.left === current.node) return true;
  if (parent.type === 'UpdateExpression') return true;
  if (parent.type === 'UnaryExpression' && parent.operator === 'delete') return true;
  return current !== path && memberName(current.node as AnyNode) === 'length' && parent.type === 'AssignmentExpression';
}

/**
 * A snapshot variable reassigned or reordered (`bookmarks = bookmarks.filter(…)`) is the app
 * working on its copy: fine, unless that copy is saved afterwards (then the save gets a TODO).
 */
function changeSnapshot(pass: CollectionPass, use: CollectionUse): void {
  pass.consume(use.path.node);
  use.snapshot!.needsAll = true;
  pass.rewrite.untranslated.add(use.snapshot!);
}

function todo(pass: CollectionPass, use: CollectionUse, message: string): void {
  pass.consume(use.path.node);
  if (use.snapshot) pass.rewrite.untranslated.add(use.snapshot);
  pass.rewrite.analysis.keptTargets.add(use.target);
  addTodo(pass.rewrite, use.path, message);
}
