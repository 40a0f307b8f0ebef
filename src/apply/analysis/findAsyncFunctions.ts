/**
 * Which functions become `async` once store access turns into DynamoDB calls: every function that
 * touches a store, every function that calls one of those (across files, through the scan's call
 * graph), and the function around a callback that does (`items.map(item => store.find(…))`).
 * Route handlers stop the climb: the function that registers them does not wait for them.
 * `seeds` are more functions that start to await (a synchronous SQLite call that becomes a command).
 * Computed once on the original code, so each file's rewrite knows which calls it must await.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { FunctionRef, ProjectIndex } from '../../scan/types';
import type { JsonAccessor } from './findJsonAccessors';
import type { StoreReference } from './findStoreReferences';

export function findAsyncFunctions(
  project: ProjectIndex,
  references: Map<t.Node, StoreReference>,
  accessors: Map<t.Node, JsonAccessor>,
  files = new Set<string>(),
  seeds: FunctionRef[] = [],
  handlers = new Set<t.Node>(),
): Set<t.Node> {
  const found = new Set<t.Node>();
  const queue: FunctionRef[] = [];
  const add = (ref: FunctionRef | undefined) => {
    if (!ref || found.has(ref.path.node) || accessors.has(ref.path.node)) return;
    found.add(ref.path.node);
    files.add(ref.file.rel);
    queue.push(ref);
  };
  for (const reference of references.values()) {
    const fn = reference.path.getFunctionParent();
    if (!fn || isInsideAccessor(fn, accessors)) continue;
    add({ file: reference.file, path: fn });
  }
  for (const seed of seeds) add(seed);
  while (queue.length) {
    const fn = queue.shift()!;
    // a route handler is called by the framework: registering it (`router.get('/', handler)`) does not wait for it
    if (handlers.has(fn.path.node)) continue;
    for (const caller of project.getCallers(fn)) add(caller);
    // a callback that awaits makes the function that passes it wait for it too
    const parent = (fn.path as NodePath).parentPath;
    if (parent?.isCallExpression() || parent?.isNewExpression()) {
      const outer = parent.getFunctionParent();
      if (outer) add({ file: fn.file, path: outer });
    }
  }
  return found;
}

function isInsideAccessor(fn: NodePath, accessors: Map<t.Node, JsonAccessor>): boolean {
  for (let current: NodePath | null = fn; current; current = current.parentPath) {
    if (accessors.has(current.node)) return true;
  }
  return false;
}
