/**
 * The bootcamp idiom "loop over every record, act on the one with this id":
 *
 *   movies.forEach((movie) => { if (movie.id === id) { movie.title = t; updated = movie; } });
 *   movies.forEach((movie, i) => { if (movie.id === id) { movies.splice(i, 1); deleted = true; } });
 *
 * A key matches at most one record, so these are a find and a findIndex in disguise. They are
 * restated as such before the collection step, which already turns `find` by key into GetItem
 * (with the in-place changes written back) and `findIndex` + `splice` into DeleteItem:
 *
 *   const movie = movies.find((movie) => movie.id === id);
 *   if (movie) { movie.title = t; updated = movie; }
 *
 *   const i = movies.findIndex((movie) => movie.id === id);
 *   if (i !== -1) { movies.splice(i, 1); deleted = true; }
 *
 * Only when that is the same program: the callback is one `if` on the key, its body does not
 * `return` (a return inside forEach only ends that iteration), uses no `this`/`arguments` of a
 * `function` callback, and the names it would declare are free in the enclosing function.
 * Anything else is left to the collection step (which marks item changes inside loops TODO).
 */
import type { ASTPath } from 'jscodeshift';
import type { FileRewrite } from '../FileRewrite';
import { memberName } from '../treeUtils';
import type { StoreTarget } from '../../analysis/findStoreTargets';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Restates forEach-by-key loops over array stores referenced directly (before the collection uses are found). */
export function normalizeForEachByKey(rewrite: FileRewrite): void {
  const { j } = rewrite;
  const loops: { call: ASTPath<any>; target: StoreTarget }[] = [];
  rewrite.root.find(j.CallExpression).forEach((call: ASTPath<any>) => {
    const callee = call.node.callee as AnyNode;
    if (memberName(callee) !== 'forEach' || callee.computed) return;
    const reference = rewrite.referenceOf(callee.object);
    if (reference && reference.kind !== 'accessor-call' && reference.target.shape === 'array') loops.push({ call, target: reference.target });
  });
  for (const { call, target } of loops) {
    const loop = readKeyLoop(rewrite, target, call);
    if (loop) replaceLoop(rewrite, call, loop);
  }
}

interface KeyLoop {
  statement: ASTPath<any>;
  item: string;
  index?: string;
  test: AnyNode;
  consequent: AnyNode;
}

function readKeyLoop(rewrite: FileRewrite, target: StoreTarget, call: ASTPath<any>): KeyLoop | undefined {
  const statement = call.parent as ASTPath<any>;
  if (statement?.node.type !== 'ExpressionStatement') return undefined;
  const [callback, thisArg] = call.node.arguments as AnyNode[];
  if (thisArg || !callback || !/^(ArrowFunctionExpression|FunctionExpression)$/.test(callback.type) || callback.async || callback.generator) return undefined;
  const [itemParam, indexParam, ...rest] = callback.params as AnyNode[];
  if (rest.length || itemParam?.type !== 'Identifier' || (indexParam && indexParam.type !== 'Identifier')) return undefined;
  const body = callback.body as AnyNode;
  const only = body.type === 'BlockStatement' && body.body.length === 1 ? body.body[0] : undefined;
  if (only?.type !== 'IfStatement' || only.alternate) return undefined;
  const item: string = itemParam.name;
  const index: string | undefined = indexParam?.name;
  if (!isKeyEquality(only.test, item, index, target.key.name)) return undefined;
  const consequent = only.consequent as AnyNode;
  if (hasOwn(consequent, (node) => node.type === 'ReturnStatement')) return undefined;
  if (callback.type === 'FunctionExpression' && hasOwn(consequent, (node) => node.type === 'ThisExpression' || (node.type === 'Identifier' && node.name === 'arguments'))) return undefined;
  if (index && !indexOnlySplices(consequent, index, call.node.callee.object)) return undefined;
  // the findIndex form has no item variable: the body may only use the index
  if (index && mentions(consequent, item)) return undefined;
  const scope = rewrite.enclosingFunction(statement) ?? (rewrite.root.paths()[0] as ASTPath<any>);
  if (mentionsOutside(rewrite, scope, index ?? item, callback)) return undefined;
  return { statement, item, index, test: only.test, consequent };
}

/** `item.<key> === v` / `v == item.<key>` with `v` not depending on the loop variables. */
function isKeyEquality(test: AnyNode, item: string, index: string | undefined, key: string): boolean {
  if (test?.type !== 'BinaryExpression' || (test.operator !== '===' && test.operator !== '==')) return false;
  const isKey = (node: AnyNode) => memberName(node) === key && node.object.type === 'Identifier' && node.object.name === item;
  const other = isKey(test.left) ? test.right : isKey(test.right) ? test.left : undefined;
  return Boolean(other) && !mentions(other, item) && (!index || !mentions(other, index));
}

/** Every use of the index is `<store>.splice(index, 1)` as a statement. */
function indexOnlySplices(consequent: AnyNode, index: string, store: AnyNode): boolean {
  let ok = true;
  let splices = 0;
  visit(consequent, (node, parent, grandparent) => {
    if (node.type !== 'Identifier' || node.name !== index) return;
    const isSplice =
      parent?.type === 'CallExpression' &&
      parent.arguments.length === 2 &&
      parent.arguments[0] === node &&
      (parent.arguments[1].type === 'NumericLiteral' || parent.arguments[1].type === 'Literal') &&
      parent.arguments[1].value === 1 &&
      memberName(parent.callee) === 'splice' &&
      sameText(parent.callee.object, store) &&
      grandparent?.type === 'ExpressionStatement';
    if (isSplice) splices += 1;
    else ok = false;
  });
  return ok && splices > 0;
}

function replaceLoop(rewrite: FileRewrite, call: ASTPath<any>, loop: KeyLoop): void {
  const { j } = rewrite;
  const store = call.node.callee.object as AnyNode;
  const predicate = j.arrowFunctionExpression([j.identifier(loop.item)], loop.test);
  const block = loop.consequent.type === 'BlockStatement' ? loop.consequent : j.blockStatement([loop.consequent]);
  const comments = (loop.statement.node as AnyNode).comments;
  let declaration: AnyNode;
  let guard: AnyNode;
  if (loop.index) {
    declaration = j.variableDeclaration('const', [j.variableDeclarator(j.identifier(loop.index), j.callExpression(j.memberExpression(store, j.identifier('findIndex')), [predicate]))]);
    guard = j.ifStatement(j.binaryExpression('!==', j.identifier(loop.index), j.unaryExpression('-', j.numericLiteral(1))), block);
  } else {
    declaration = j.variableDeclaration('const', [j.variableDeclarator(j.identifier(loop.item), j.callExpression(j.memberExpression(store, j.identifier('find')), [predicate]))]);
    guard = j.ifStatement(j.identifier(loop.item), block);
  }
  if (comments) declaration.comments = comments;
  loop.statement.replace(declaration, guard);
}

/** Whether `root` contains a node matching `test`, not looking into nested functions. */
function hasOwn(root: AnyNode, test: (node: AnyNode) => boolean): boolean {
  let found = false;
  visit(root, (node) => {
    if (test(node)) found = true;
  }, true);
  return found;
}

function mentions(root: AnyNode, name: string): boolean {
  let found = false;
  visit(root, (node, parent) => {
    if (node.type === 'Identifier' && node.name === name && !(memberName(parent) !== undefined && parent.property === node && !parent.computed)) found = true;
  });
  return found;
}

/** Whether `name` appears in `scope` outside `except` (a declaration or use the new binding would clash with). */
function mentionsOutside(rewrite: FileRewrite, scope: ASTPath<any>, name: string, except: AnyNode): boolean {
  const { j } = rewrite;
  return j(scope)
    .find(j.Identifier, { name })
    .some((path: ASTPath<any>) => !isPropertyName(path) && !isWithin(path, except));
}

function isPropertyName(path: ASTPath<any>): boolean {
  const parent = path.parent?.node as AnyNode;
  return Boolean(parent) && (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === path.node && !parent.computed;
}

function isWithin(path: ASTPath<any>, node: AnyNode): boolean {
  for (let current: ASTPath<any> | null = path; current; current = current.parent) if (current.node === node) return true;
  return false;
}

function sameText(a: AnyNode, b: AnyNode): boolean {
  const strip = (node: AnyNode) => JSON.stringify(node, (key, value) => (/^(loc|start|end|range|tokens|comments|original|extra)$/.test(key) ? undefined : value));
  return strip(a) === strip(b);
}

function visit(node: AnyNode, callback: (node: AnyNode, parent: AnyNode | undefined, grandparent: AnyNode | undefined) => void, skipFunctions = false, parent?: AnyNode, grandparent?: AnyNode): void {
  if (!node || typeof node.type !== 'string') return;
  callback(node, parent, grandparent);
  if (skipFunctions && parent && /Function/.test(node.type)) return;
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'comments' || key === 'original' || key === 'tokens') continue;
    const value = node[key];
    if (Array.isArray(value)) for (const child of value) visit(child, callback, skipFunctions, node, parent);
    else if (value && typeof value === 'object' && typeof value.type === 'string') visit(value, callback, skipFunctions, node, parent);
  }
}
