/**
 * `const newId = nextSpeakerId(speakers); … { id: newId, … }`: the app's id computation, held in a
 * variable whose only use is the id the design now makes (counter, uuid). Once that id is
 * replaced, the variable is dead, but its initialiser still reads the store: migrated, a full
 * Scan on every create, a read the create is not granted. It goes with the id it fed — only when
 * it only reads: a computation over the store (`Math.max(...list.map(…)) + 1`, `list.length + 1`,
 * the last item's id + 1) or a call of a local helper whose body does nothing but compute.
 * Read elsewhere too (logged, returned), such a variable takes the design's id instead, so every
 * use reports the id the item is stored with; one that does more stays, with a TODO (rewriteCreate).
 */
import type { ASTPath } from 'jscodeshift';
import { findVariableReferences, lookupScope } from '../bindings';
import type { FileRewrite } from '../FileRewrite';
import { contains } from '../treeUtils';
import type { CollectionPass } from './context';
import type { CollectionUse } from './findCollectionUses';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Methods that compute a value from a list, a number or a string and change nothing outside it. */
const READ_METHODS = new Set([
  'map', 'filter', 'reduce', 'reduceRight', 'find', 'findIndex', 'findLast', 'findLastIndex', 'some', 'every', 'slice', 'concat', 'at', 'includes', 'indexOf',
  'toSorted', 'toReversed', 'flat', 'flatMap', 'keys', 'values', 'entries', 'join', 'toString', 'toFixed', 'padStart', 'padEnd', 'split', 'trim', 'forEach',
]);
/** In place: only on the store's list, a helper's own variable, or a fresh list (`.slice().sort()`). */
const SORTS_IN_PLACE = new Set(['sort', 'reverse']);
const READ_GLOBALS: Record<string, Set<string> | true> = {
  Math: new Set(['max', 'min', 'floor', 'ceil', 'round', 'abs', 'trunc']),
  Number: true,
  String: true,
  parseInt: true,
  parseFloat: true,
  Array: new Set(['from', 'isArray']),
  Object: new Set(['keys', 'values', 'entries']),
};

/** A variable holding the id the app computed from the store, read as the new item's key. */
export interface IdComputation {
  declarator: ASTPath<any>;
  name: string;
  /** Also read elsewhere (`console.log(id)`, `return id`, `res.json({ id })`), not only as the key. */
  shared: boolean;
  /**
   * Why the variable cannot simply be the design's id; absent when its initialiser only computes
   * (nothing is lost without it) and it is never assigned again: then it means "the new item's id"
   * wherever it is read.
   */
  kept?: string;
}

/**
 * The variable `reference` (the id being replaced) reads, when it is declared in the create's
 * function with an initialiser that reads this store; otherwise undefined.
 */
export function findIdComputation(pass: CollectionPass, use: CollectionUse, reference: AnyNode, declarator: ASTPath<any> | undefined): IdComputation | undefined {
  const { rewrite } = pass;
  const init = declarator?.node.init as AnyNode;
  const id = declarator?.node.id as AnyNode;
  if (!declarator || !init || id?.type !== 'Identifier' || declarator.parent?.node.type !== 'VariableDeclaration') return undefined;
  const scope = lookupScope(declarator, id.name);
  const fn = rewrite.enclosingFunction(declarator);
  if (!scope || !fn) return undefined;
  const references = findVariableReferences(rewrite.j, fn, id.name, scope);
  if (!references.some((path) => path.node === reference)) return undefined;
  const reads = pass.uses.filter((candidate) => candidate.target === use.target && contains(init, candidate.path.node)).map((candidate) => candidate.path.node);
  if (!reads.length) return undefined;
  const shared = references.length > 1;
  if ((declarator.parent.node as AnyNode).kind !== 'const' && references.some(isAssigned)) return { declarator, name: id.name, shared, kept: 'it is assigned again' };
  if (!onlyComputes(rewrite, declarator, init, new Set(reads), new Set(), new Set())) return { declarator, name: id.name, shared, kept: 'its initialiser does more than compute, or calls a function of another file' };
  return { declarator, name: id.name, shared };
}

/** `id = …`, `id += 1`, `id++`, `for (id of …)`: the variable gets another value. */
function isAssigned(path: ASTPath<any>): boolean {
  const parent = path.parent?.node as AnyNode;
  if (!parent) return false;
  if (parent.type === 'AssignmentExpression') return parent.left === path.node;
  if (parent.type === 'UpdateExpression') return true;
  return (parent.type === 'ForOfStatement' || parent.type === 'ForInStatement') && parent.left === path.node;
}

/**
 * Nothing in `node` writes, awaits or calls anything but a read method, a Math-like global or a
 * local helper that itself only computes. `locals` are names declared inside the helper being
 * checked (assigning those changes nothing outside); `seen` stops recursion through helpers.
 */
function onlyComputes(rewrite: FileRewrite, at: ASTPath<any>, node: AnyNode, reads: Set<AnyNode>, locals: Set<string>, seen: Set<AnyNode>): boolean {
  if (!node || typeof node !== 'object') return true;
  if (reads.has(node)) return true;
  switch (node.type) {
    case 'AssignmentExpression':
      if (node.left.type !== 'Identifier' || !locals.has(node.left.name)) return false;
      return onlyComputes(rewrite, at, node.right, reads, locals, seen);
    case 'UpdateExpression':
      return node.argument.type === 'Identifier' && locals.has(node.argument.name);
    case 'UnaryExpression':
      if (node.operator === 'delete') return false;
      break;
    case 'AwaitExpression':
      return reads.has(node.argument);
    case 'YieldExpression':
    case 'NewExpression':
    case 'TaggedTemplateExpression':
    case 'ImportExpression':
    case 'ClassExpression':
    case 'ClassDeclaration':
      return false;
    case 'CallExpression':
    case 'OptionalCallExpression':
      if (!isReadCall(rewrite, at, node, reads, locals, seen)) return false;
      break;
    default:
      break;
  }
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'comments' || key === 'original' || key === 'tokens' || key === 'extra') continue;
    const value = node[key];
    if (Array.isArray(value)) {
      if (!value.every((item) => !item || typeof item.type !== 'string' || onlyComputes(rewrite, at, item, reads, locals, seen))) return false;
    } else if (value && typeof value.type === 'string' && !onlyComputes(rewrite, at, value, reads, locals, seen)) return false;
  }
  return true;
}

function isReadCall(rewrite: FileRewrite, at: ASTPath<any>, call: AnyNode, reads: Set<AnyNode>, locals: Set<string>, seen: Set<AnyNode>): boolean {
  const callee = call.callee as AnyNode;
  if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') {
    if (callee.computed || callee.property.type !== 'Identifier') return false;
    const method: string = callee.property.name;
    if (callee.object.type === 'Identifier' && callee.object.name in READ_GLOBALS && !lookupScope(at, callee.object.name)) {
      const allowed = READ_GLOBALS[callee.object.name];
      return allowed === true || allowed.has(method);
    }
    if (SORTS_IN_PLACE.has(method)) return sortsOwnCopy(callee.object, reads, locals);
    return READ_METHODS.has(method);
  }
  if (callee.type !== 'Identifier') return false;
  if (READ_GLOBALS[callee.name] === true && !lookupScope(at, callee.name)) return true;
  const helper = findLocalFunction(rewrite, at, callee.name);
  if (!helper) return false;
  if (seen.has(helper)) return true;
  seen.add(helper);
  const own = new Set<string>();
  collectDeclaredNames(helper, own);
  return onlyComputes(rewrite, at, helper.body, reads, own, seen);
}

function sortsOwnCopy(object: AnyNode, reads: Set<AnyNode>, locals: Set<string>): boolean {
  if (reads.has(object)) return true;
  if (object.type === 'Identifier') return locals.has(object.name);
  const inner = object.type === 'CallExpression' ? object.callee : undefined;
  return Boolean(inner && inner.type === 'MemberExpression' && !inner.computed && ['slice', 'map', 'filter', 'concat', 'flat', 'flatMap'].includes(inner.property.name));
}

/** `function f(…) {…}` or `const f = (…) => …` declared in this file, visible from `at`. */
function findLocalFunction(rewrite: FileRewrite, at: ASTPath<any>, name: string): AnyNode | undefined {
  const scope = lookupScope(at, name);
  if (!scope) return undefined;
  const { j } = rewrite;
  const declaration = j(scope.path as ASTPath<any>).find(j.FunctionDeclaration, { id: { name } }).nodes()[0] as AnyNode | undefined;
  if (declaration && !declaration.async && !declaration.generator) return declaration;
  const declarator = j(scope.path as ASTPath<any>).find(j.VariableDeclarator, { id: { type: 'Identifier', name } }).nodes()[0] as AnyNode | undefined;
  const init = declarator?.init;
  if (init && (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression') && !init.async && !init.generator) return init;
  return undefined;
}

/** Parameters and variables declared inside a helper (its own and its inner callbacks'). */
function collectDeclaredNames(node: AnyNode, names: Set<string>): void {
  if (!node || typeof node !== 'object') return;
  if (node.type === 'VariableDeclarator') collectPatternNames(node.id, names);
  if (/Function/.test(node.type)) for (const param of node.params ?? []) collectPatternNames(param, names);
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'comments' || key === 'original' || key === 'tokens') continue;
    const value = node[key];
    if (Array.isArray(value)) value.forEach((item) => item && typeof item.type === 'string' && collectDeclaredNames(item, names));
    else if (value && typeof value.type === 'string') collectDeclaredNames(value, names);
  }
}

function collectPatternNames(pattern: AnyNode, names: Set<string>): void {
  if (!pattern) return;
  if (pattern.type === 'Identifier') names.add(pattern.name);
  else if (pattern.type === 'ObjectPattern') pattern.properties.forEach((p: AnyNode) => collectPatternNames(p.type === 'RestElement' ? p.argument : p.value, names));
  else if (pattern.type === 'ArrayPattern') pattern.elements.forEach((e: AnyNode) => collectPatternNames(e, names));
  else if (pattern.type === 'AssignmentPattern') collectPatternNames(pattern.left, names);
  else if (pattern.type === 'RestElement') collectPatternNames(pattern.argument, names);
}
