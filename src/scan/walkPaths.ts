/**
 * `walkPaths(root, visitor, state)` does what `root.traverse(visitor, state)` does, without a Babel
 * traversal: the first walk of a file records every NodePath of its Program in visiting order (one
 * plain depth-first walk per file over Babel's own cached paths), and each later walk, of the whole file or of any subtree, calls the
 * visitor's `enter` functions over that list. The recognisers walk each file some twenty times; a
 * Babel traversal builds contexts and queues on every walk, which was most of the scan's time.
 *
 * Same order, same paths, same `skip()`/`stop()` behaviour as a traversal. Visitors with `exit`
 * functions or traversal options (noScope, denylist, shouldSkip) get a real traversal. The tree
 * must not be changed after it was indexed: the scan never changes it.
 */
import traverse, { NodePath, type TraverseOptions } from '@babel/traverse';
import { VISITOR_KEYS } from '@babel/types';
import type * as t from '@babel/types';

export interface PathIndex {
  /** Every path under the Program, in the order a traversal enters them. */
  paths: NodePath[];
  /** ends[i]: the position after the last descendant of paths[i]. */
  ends: number[];
  /** Position of each node in `paths`. */
  at: Map<t.Node, number>;
}

type EnterFn = (this: unknown, path: NodePath, state: unknown) => void;
interface ExplodedVisitor {
  enter?: EnterFn[];
  exit?: unknown[];
  [type: string]: unknown;
}

const indexes = new WeakMap<t.Node, PathIndex>();
const OPTION_KEYS = ['noScope', 'denylist', 'blacklist', 'shouldSkip', 'skipKeys'];

export function walkPaths<S>(root: NodePath, visitor: TraverseOptions<S>, state: S): void;
export function walkPaths(root: NodePath, visitor: TraverseOptions): void;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the overloads above carry the types
export function walkPaths(root: NodePath, visitor: TraverseOptions<any>, state?: unknown): void {
  const exploded = traverse.visitors.explode(visitor as TraverseOptions) as unknown as ExplodedVisitor;
  const program = programOf(root);
  if (!program || !enterOnly(exploded)) {
    root.traverse(visitor as TraverseOptions<unknown>, state);
    return;
  }
  const index = indexOf(program);
  let from: number;
  let to: number;
  if (root === program) {
    from = 0;
    to = index.paths.length;
  } else {
    const position = index.at.get(root.node);
    if (position === undefined || index.paths[position] !== root) {
      root.traverse(visitor as TraverseOptions<unknown>, state);
      return;
    }
    from = position + 1;
    to = index.ends[position];
  }
  const common = exploded.enter;
  for (let i = from; i < to; i++) {
    const path = index.paths[i];
    const byType = (exploded[path.node.type] as { enter?: EnterFn[] } | undefined)?.enter;
    if (!common && !byType) continue;
    path.shouldSkip = false;
    path.shouldStop = false;
    const flagged = (common && call(common, path, state)) || (byType && call(byType, path, state));
    if (!flagged) continue;
    const stop = path.shouldStop;
    path.shouldSkip = false;
    path.shouldStop = false;
    if (stop) return;
    i = index.ends[i] - 1; // skip(): not into this path's children
  }
}

/** Calls each function as Babel does (`this` is the state); true once one of them skipped or stopped. */
function call(fns: EnterFn[], path: NodePath, state: unknown): boolean {
  for (const fn of fns) {
    fn.call(state, path, state);
    if (path.shouldSkip || path.shouldStop) return true;
  }
  return false;
}

function enterOnly(visitor: ExplodedVisitor): boolean {
  if (visitor.exit) return false;
  for (const key of Object.keys(visitor)) {
    if (OPTION_KEYS.includes(key)) return false;
    const entry = visitor[key];
    if (entry && typeof entry === 'object' && 'exit' in entry && (entry as { exit?: unknown[] }).exit?.length) return false;
  }
  return true;
}

function programOf(path: NodePath): NodePath<t.Program> | undefined {
  let current: NodePath | null = path;
  while (current && current.node?.type !== 'Program') current = current.parentPath;
  return current ? (current as NodePath<t.Program>) : undefined;
}

/** Keeps an index recorded elsewhere (the scope crawl's walk, indexWhileCrawling.ts) for the walks of this Program. */
export function storePathIndex(program: t.Program, index: PathIndex): void {
  indexes.set(program, index);
}

function indexOf(program: NodePath<t.Program>): PathIndex {
  const known = indexes.get(program.node);
  if (known) return known;
  const index: PathIndex = { paths: [], ends: [], at: new Map() };
  addChildren(program, index);
  indexes.set(program.node, index);
  return index;
}

/**
 * Records the paths under `parent` in the order a traversal enters them (children by VISITOR_KEYS,
 * depth first). Each path is Babel's own cached one (NodePath.get) with its scope set, as a
 * traversal would leave it, without a traversal's contexts and queues.
 */
function addChildren(parent: NodePath, index: PathIndex): void {
  const node = parent.node as unknown as Record<string, unknown>;
  for (const key of VISITOR_KEYS[parent.node.type] ?? []) {
    const value = node[key];
    if (!value) continue;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (value[i]) addPath(NodePath.get({ parentPath: parent, parent: parent.node, container: value, listKey: key, key: i } as never) as unknown as NodePath, index);
      }
    } else {
      addPath(NodePath.get({ parentPath: parent, parent: parent.node, container: parent.node, key } as never) as unknown as NodePath, index);
    }
  }
}

function addPath(path: NodePath, index: PathIndex): void {
  path.setScope();
  // A traversal (the scope crawl) leaves an empty `contexts` array with room for 16 behind on each
  // path it visited: ~150 bytes a path, kept for the whole scan. An empty array holds no room.
  if (path.contexts.length === 0) path.contexts = [];
  const position = index.paths.length;
  index.at.set(path.node, position);
  index.paths.push(path);
  index.ends.push(0);
  addChildren(path, index);
  index.ends[position] = index.paths.length;
}
