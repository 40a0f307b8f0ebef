/**
 * Async is correct: a function that now awaits becomes `async`; a call of a function that became
 * async (in this file or another, per the project-wide analysis) is awaited; an async callback
 * given to `map`/`forEach` is awaited with Promise.all. Anything else that would leave a promise
 * floating gets a TODO.
 */
import type { ASTPath } from 'jscodeshift';
import type { ASTNode } from 'ast-types';
import { expression } from '../../emit/emitContext';
import { addTodo } from './addTodo';
import type { FileRewrite } from './FileRewrite';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);
const SYNC_CALLBACK_METHODS = new Set(['filter', 'find', 'findIndex', 'some', 'every', 'sort', 'reduce', 'reduceRight', 'findLast', 'findLastIndex']);

export function propagateAsync(rewrite: FileRewrite): void {
  const { j } = rewrite;
  const asyncHere = new Set<ASTNode>();
  const reported = new Set<ASTNode>();
  for (let round = 0; round < 20; round += 1) {
    let changed = false;
    rewrite.root.find(j.Function).forEach((path: ASTPath<any>) => {
      if (path.node.async || path.node.generator || !containsOwnAwait(path.node)) return;
      path.node.async = true;
      wrapReturnTypeInPromise(rewrite, path.node);
      asyncHere.add(path.node);
      rewrite.modified = true;
      changed = true;
    });
    rewrite.root.find(j.CallExpression).forEach((call: ASTPath<any>) => {
      if (call.parent?.node.type === 'AwaitExpression' || !rewrite.enclosingFunction(call)) return;
      if (!callsAsyncFunction(rewrite, call, asyncHere)) return;
      if (isPromiseHandled(call)) return;
      // the function became async because it now reaches DynamoDB, so its caller does too (wrapExpressHandlers)
      rewrite.markAwait(call);
      // `find(id)!` → `(await find(id))!`: the non-null assertion is about the value, not the promise
      const nonNull = call.parent?.node.type === 'TSNonNullExpression' ? call.parent : undefined;
      if (nonNull) nonNull.replace(expression(rewrite.emit, ['(await ', call.node, ')!']));
      else call.replace(expression(rewrite.emit, ['await ', call.node]));
      rewrite.modified = true;
      changed = true;
    });
    // each function's path from one walk, walked again only after a rewrite moved them
    let functionPaths: Map<ASTNode, ASTPath<any>> | undefined;
    for (const fnNode of asyncHere) {
      functionPaths ??= firstPathOfEach(rewrite.root.find(j.Function).paths());
      const path = functionPaths.get(fnNode);
      if (!path || reported.has(fnNode)) continue;
      if (awaitCallbackCall(rewrite, path, reported)) {
        changed = true;
        functionPaths = undefined;
      }
    }
    if (!changed) return;
  }
}

/** The first path (in walk order) of each node. */
function firstPathOfEach(paths: ASTPath<any>[]): Map<ASTNode, ASTPath<any>> {
  const byNode = new Map<ASTNode, ASTPath<any>>();
  for (const path of paths) if (!byNode.has(path.node)) byNode.set(path.node, path);
  return byNode;
}

/** TypeScript: `(): Note[]` → `(): Promise<Note[]>` for a function made async. */
function wrapReturnTypeInPromise(rewrite: FileRewrite, fn: AnyNode): void {
  const annotation = fn.returnType;
  if (!annotation || annotation.type !== 'TSTypeAnnotation') return;
  const type = annotation.typeAnnotation;
  if (type.type === 'TSTypeReference' && type.typeName?.name === 'Promise') return;
  const { j } = rewrite;
  annotation.typeAnnotation = j.tsTypeReference(j.identifier('Promise'), j.tsTypeParameterInstantiation([type]));
}

/** An await in the function's own body (not in a nested function). */
export function containsOwnAwait(fn: AnyNode): boolean {
  let found = false;
  const visit = (node: AnyNode | null | undefined, top: boolean): void => {
    if (!node || typeof node !== 'object' || found) return;
    if (!top && FUNCTION_TYPES.has(node.type)) return;
    if (node.type === 'AwaitExpression' || (node.type === 'ForOfStatement' && node.await)) {
      found = true;
      return;
    }
    for (const key of Object.keys(node)) {
      if (key === 'loc' || key === 'comments' || key === 'original' || key === 'tokens' || key === 'params') continue;
      const value = node[key];
      if (Array.isArray(value)) value.forEach((item) => item && typeof item.type === 'string' && visit(item, false));
      else if (value && typeof value.type === 'string') visit(value, false);
    }
  };
  visit(fn, true);
  return found;
}

function callsAsyncFunction(rewrite: FileRewrite, call: ASTPath<any>, asyncHere: Set<ASTNode>): boolean {
  const scanner = rewrite.scannerPathOf(call.node.callee);
  if (scanner) {
    const file = rewrite.analysis.project.getSource(rewrite.rel);
    const fn = file ? rewrite.analysis.project.resolveFunction(file, scanner) : undefined;
    if (fn && rewrite.analysis.asyncFunctions.has(fn.path.node) && !rewrite.analysis.accessors.has(fn.path.node)) return true;
  }
  // a function of this file made async now, called by its name
  const callee = call.node.callee as AnyNode;
  if (callee.type !== 'Identifier') return false;
  for (const fnNode of asyncHere) {
    const fn = fnNode as AnyNode;
    if (fn.type === 'FunctionDeclaration' && fn.id?.name === callee.name) return true;
  }
  return false;
}

/** `Promise.all([call])`, `call.then(…)`, `return call` in an async arrow are left as they are. */
function isPromiseHandled(call: ASTPath<any>): boolean {
  const parent = call.parent?.node as AnyNode;
  if (parent?.type === 'MemberExpression' && parent.object === call.node && ['then', 'catch', 'finally'].includes(parent.property?.name)) return true;
  if (parent?.type === 'ArrayExpression') {
    const outer = call.parent.parent?.node as AnyNode;
    if (outer?.type === 'CallExpression' && outer.callee.type === 'MemberExpression' && outer.callee.object.name === 'Promise') return true;
  }
  return false;
}

/** `items.map(async (x) => …)` → `await Promise.all(items.map(async (x) => …))`; a TODO where that cannot work. */
function awaitCallbackCall(rewrite: FileRewrite, fn: ASTPath<any>, reported: Set<ASTNode>): boolean {
  const call = fn.parent as ASTPath<any>;
  if (call?.node.type !== 'CallExpression' || !call.node.arguments.includes(fn.node)) return false;
  const callee = call.node.callee as AnyNode;
  const method = callee.type === 'MemberExpression' && !callee.computed ? callee.property.name : undefined;
  if (method === 'map' || method === 'forEach' || method === 'flatMap') {
    if (call.parent?.node.type === 'CallExpression' && (call.parent.node as AnyNode).callee?.object?.name === 'Promise') return false;
    reported.add(fn.node);
    if (method === 'forEach') callee.property = rewrite.j.identifier('map');
    const all = expression(rewrite.emit, ['await Promise.all(', call.node, ')']);
    call.replace(method === 'flatMap' ? expression(rewrite.emit, [all, '.flat()']) : all);
    rewrite.markAwait(call);
    return true;
  }
  if (method && SYNC_CALLBACK_METHODS.has(method)) {
    reported.add(fn.node);
    if (awaitPredicateCall(rewrite, call, fn, method)) return true;
    addTodo(rewrite, call, `this ${method}() callback now reads DynamoDB (it is async), and ${method}() does not wait for promises; load the data before ${method}(), then re-run`);
  }
  return false;
}

/**
 * `ids.filter((id) => exists(id))` with an async predicate, one parameter and an expression body:
 *   filter → `(await Promise.all(ids.map(async (id) => ((await exists(id)) ? [id] : [])))).flat()`
 *   some / every → `(await Promise.all(ids.map(async (id) => …))).some(Boolean)` / `.every(Boolean)`
 * (every predicate runs, where the array method stopped early: same answer, more reads).
 */
function awaitPredicateCall(rewrite: FileRewrite, call: ASTPath<any>, fn: ASTPath<any>, method: string): boolean {
  const callback = fn.node as AnyNode;
  if (!['filter', 'some', 'every'].includes(method) || call.node.arguments.length !== 1) return false;
  if (callback.params.length !== 1 || callback.params[0].type !== 'Identifier' || callback.body.type === 'BlockStatement') return false;
  const param: string = callback.params[0].name;
  const items = (call.node.callee as AnyNode).object;
  const predicate =
    method === 'filter'
      ? expression(rewrite.emit, [`async (${param}) => ((`, callback.body, `) ? [${param}] : [])`])
      : expression(rewrite.emit, [`async (${param}) => `, callback.body]);
  const all = expression(rewrite.emit, ['(await Promise.all(', items, '.map(', predicate, ')))']);
  call.replace(method === 'filter' ? expression(rewrite.emit, [all, '.flat()']) : expression(rewrite.emit, [all, `.${method}(Boolean)`]));
  rewrite.markAwait(call);
  return true;
}
