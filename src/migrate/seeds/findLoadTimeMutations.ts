/**
 * Whether a module-level statement fills the store while the module loads: the store is the
 * target of a push/set/assignment there, outside any function, or inside a callback that runs
 * at once (`forEach`, `map`, an immediately called function). A route handler that pushes into
 * the store (`app.post(..., (req, res) => notes.push(...))`) runs later, on a request: not seed.
 */
import type * as t from '@babel/types';

const MUTATING_METHODS = new Set(['push', 'unshift', 'set', 'add', 'splice']);
const IMMEDIATE_CALLBACKS = new Set(['forEach', 'map', 'filter', 'flatMap', 'reduce', 'some', 'every', 'find']);
const SKIPPED_KEYS = new Set(['loc', 'start', 'end', 'extra', 'leadingComments', 'trailingComments', 'innerComments', 'typeAnnotation', 'returnType', 'typeParameters']);

/** Calls `visit` on every node below `node` (parents first), with its ancestors. */
export function walk(node: t.Node, visit: (node: t.Node, ancestors: t.Node[]) => void, ancestors: t.Node[] = []): void {
  visit(node, ancestors);
  const below = [...ancestors, node];
  for (const key of Object.keys(node)) {
    if (SKIPPED_KEYS.has(key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) walk(child, visit, below);
    } else if (isNode(value)) walk(value, visit, below);
  }
}

function isNode(value: unknown): value is t.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

export function findLoadTimeMutations(statement: t.Statement, isStore: (node: t.Node) => boolean): boolean {
  if (statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration' || statement.type === 'ImportDeclaration') return false;
  if (statement.type.startsWith('Export') || statement.type.startsWith('TS')) return false;
  let found = false;
  walk(statement, (node, ancestors) => {
    if (found || !isStore(node)) return;
    if (!isMutationTarget(node, ancestors[ancestors.length - 1], ancestors[ancestors.length - 2])) return;
    found = ancestors.every((ancestor, index) => !isFunction(ancestor) || runsImmediately(ancestor, ancestors[index - 1]));
  });
  return found;
}

function isMutationTarget(node: t.Node, parent: t.Node | undefined, grandparent: t.Node | undefined): boolean {
  if (!parent) return false;
  if (parent.type === 'MemberExpression' && parent.object === node) {
    // store.push(...), store.set(...)
    if (grandparent?.type === 'CallExpression' && grandparent.callee === parent && !parent.computed && parent.property.type === 'Identifier') return MUTATING_METHODS.has(parent.property.name);
    // store[id] = {...}, store.key = {...}
    return grandparent?.type === 'AssignmentExpression' && grandparent.left === parent;
  }
  // store = [...] again, Object.assign(store, {...})
  if (parent.type === 'AssignmentExpression' && parent.left === node) return true;
  if (parent.type === 'CallExpression' && parent.arguments[0] === node && parent.callee.type === 'MemberExpression') {
    const callee = parent.callee;
    return callee.object.type === 'Identifier' && callee.object.name === 'Object' && callee.property.type === 'Identifier' && callee.property.name === 'assign';
  }
  return false;
}

function isFunction(node: t.Node): boolean {
  return node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration' || node.type === 'ObjectMethod' || node.type === 'ClassMethod';
}

/** `list.forEach(fn)`, `(() => {...})()`: the function runs while the module loads. */
function runsImmediately(fn: t.Node, parent: t.Node | undefined): boolean {
  if (parent?.type !== 'CallExpression') return false;
  if (parent.callee === fn) return true;
  const callee = parent.callee;
  return parent.arguments.includes(fn as t.Expression) && callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && IMMEDIATE_CALLBACKS.has(callee.property.name);
}
