/**
 * Babel's scope crawl of a Program is one full `path.traverse` (a traversal context, a queue and
 * a visited set per node list, push/pop of contexts on every path), and walkPaths then walks the
 * same tree again to record its path index. `crawlWithIndex` lets the crawl's own traversal be a
 * plain depth-first walk that records the index as it goes: one walk instead of two, and none of
 * a traversal's bookkeeping.
 *
 * The crawl itself stays Babel's (`Scope#crawl`: its collector visitor, then its references,
 * assignments and constant violations): only the `path.traverse(scopeVisitor, state)` it makes on
 * the Program is answered here, calling the same visitor functions on the same paths in the same
 * order as TraversalContext would (enter functions until one skips or stops, children unless
 * skipped, exit functions), and setting each visited path's scope in the same order. Paths the
 * crawl would not visit (under a skipped node, or leaves no visitor asks for) get their scope
 * after the crawl, as the separate index walk gave it them. The bindings, references and scopes
 * are the same; `test/scan/core/indexWhileCrawling.spec.ts` compares them with Babel's own crawl.
 */
import traverse, { NodePath, type Visitor } from '@babel/traverse';
import { VISITOR_KEYS } from '@babel/types';
import type * as t from '@babel/types';
import { storePathIndex, type PathIndex } from './walkPaths';

/** NodePath's internal fields a traversal context resets (skipped, stopped and removed flags; skipped keys). */
interface Flagged {
  _traverseFlags: number;
  skipKeys: Record<string, boolean> | null;
}
type VisitFn = (this: unknown, path: NodePath, state: unknown) => void;
type Exploded = Record<string, { enter?: VisitFn[]; exit?: VisitFn[] } | undefined> & { enter?: VisitFn[]; exit?: VisitFn[] };

const originalTraverse = NodePath.prototype.traverse as (this: NodePath, visitor: Visitor, state?: unknown) => void;
type CrawlIndex = PathIndex & { unscoped: NodePath[] };
const pathCache = traverse.cache as unknown as { getOrCreateCachedPaths(node: t.Node, parentPath: NodePath): Map<t.Node, NodePath> };
/** The Program node whose crawl is answered here (set only while `crawlWithIndex` runs). */
let crawling: t.Program | undefined;
let lastIndex: CrawlIndex | undefined;
// DYNAMODB_CODEMOD_CRAWL_INDEX=0 turns it off (before/after measurements; workers inherit it)
let enabled = process.env.DYNAMODB_CODEMOD_CRAWL_INDEX !== '0';

/** Off: the crawl is Babel's own traversal and walkPaths indexes each file itself (the spec compares both). */
export function setCrawlIndexing(on: boolean): void {
  enabled = on;
}

NodePath.prototype.traverse = function traverseOrIndex(this: NodePath, visitor: Visitor, state?: unknown): void {
  if (this.node !== crawling || !crawling) {
    originalTraverse.call(this, visitor, state);
    return;
  }
  crawling = undefined;
  const exploded = traverse.visitors.explode(visitor) as unknown as Exploded;
  if (exploded.enter || exploded.exit || OPTION_KEYS.some((key) => key in exploded)) {
    originalTraverse.call(this, visitor, state);
    return;
  }
  lastIndex = walkForCrawl(this, exploded, state);
};

const OPTION_KEYS = ['noScope', 'denylist', 'blacklist', 'shouldSkip'];

/**
 * Runs `start` (which makes the Program path, whose scope then crawls) and returns what it returns;
 * the crawl's walk records the Program's path index for walkPaths. Without a crawl during `start`
 * (the scope was crawled already) nothing is recorded and walkPaths indexes the file itself.
 */
export function crawlWithIndex<P extends NodePath<t.Program>>(program: t.Program, start: () => P): P {
  if (!enabled) return start();
  crawling = program;
  lastIndex = undefined;
  let path: P;
  try {
    path = start();
  } finally {
    crawling = undefined;
  }
  const index = takeLastIndex();
  if (index && path.node === program) {
    for (const deferred of index.unscoped) deferred.setScope();
    storePathIndex(program, { paths: index.paths, ends: index.ends, at: index.at });
  }
  return path;
}

function takeLastIndex(): CrawlIndex | undefined {
  const index = lastIndex;
  lastIndex = undefined;
  return index;
}

interface WalkState {
  exploded: Exploded;
  state: unknown;
  index: CrawlIndex;
}

function walkForCrawl(program: NodePath, exploded: Exploded, state: unknown): CrawlIndex {
  const walk: WalkState = { exploded, state, index: { paths: [], ends: [], at: new Map(), unscoped: [] } };
  visitChildren(program, walk, true);
  return walk.index;
}

/** Children of `parent` in VISITOR_KEYS order; `visiting`: the crawl visits them (false under a skipped node). Returns true when a visitor stopped. */
function visitChildren(parent: NodePath, walk: WalkState, visiting: boolean): boolean {
  const node = parent.node as unknown as Record<string, unknown>;
  const keys = VISITOR_KEYS[parent.node.type];
  if (!keys) return false;
  // NodePath.get's cache of parent's child paths, looked up once for all its children (and only
  // for a node with children: an empty Map for every leaf would be ~10% more memory)
  let cached: Map<t.Node, NodePath> | undefined;
  let stopped = false;
  for (const key of keys) {
    const value = node[key];
    if (!value) continue;
    cached ??= pathCache.getOrCreateCachedPaths(parent.node, parent);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (!value[i]) continue;
        if (visitPath(childPath(parent, cached, value, key, i), walk, visiting && !stopped)) stopped = true;
      }
    } else if (visitPath(childPath(parent, cached, node, undefined, key), walk, visiting && !stopped)) stopped = true;
  }
  return stopped;
}

/** What `NodePath.get({ parentPath, parent, container, listKey, key })` returns, with parent's path cache at hand. */
function childPath(parent: NodePath, cached: Map<t.Node, NodePath>, container: unknown, listKey: string | undefined, key: string | number): NodePath {
  const node = (container as Record<string | number, t.Node>)[key];
  let path = cached.get(node);
  if (!path) {
    path = new NodePath(parent.hub, parent.node);
    cached.set(node, path);
  }
  (path as unknown as { setup(parentPath: NodePath, container: unknown, listKey: string | undefined, key: string | number): void }).setup(parent, container, listKey, key);
  return path;
}

function visitPath(path: NodePath, walk: WalkState, visiting: boolean): boolean {
  const { index } = walk;
  const position = index.paths.length;
  index.at.set(path.node, position);
  index.paths.push(path);
  index.ends.push(0);
  let stopped = false;
  if (visiting && shouldVisit(walk.exploded, path.node)) {
    // what pushContext (setContext) does before a visit: flags cleared, scope set
    const flagged = path as unknown as Flagged;
    if (flagged.skipKeys != null) flagged.skipKeys = {};
    flagged._traverseFlags = 0;
    path.setScope();
    const visitor = walk.exploded[path.node.type];
    if (callAll(visitor?.enter, path, walk.state)) {
      stopped = path.shouldStop;
      visitChildren(path, walk, false);
    } else {
      stopped = visitChildren(path, walk, true);
      path.shouldStop = stopped;
      callAll(visitor?.exit, path, walk.state);
      stopped = path.shouldStop;
    }
    // what popContext leaves: flags cleared (a skipped TSTypeAnnotation is not left marked skipped)
    if (flagged.skipKeys != null) flagged.skipKeys = {};
    flagged._traverseFlags = 0;
  } else {
    index.unscoped.push(path);
    visitChildren(path, walk, false);
  }
  index.ends[position] = index.paths.length;
  return stopped;
}

/** `_call`: each function with the state as `this`; true once one skipped or stopped. */
function callAll(fns: VisitFn[] | undefined, path: NodePath, state: unknown): boolean {
  if (!fns) return false;
  for (const fn of fns) {
    if (!fn) continue;
    fn.call(state, path, state);
    if ((path as unknown as Flagged)._traverseFlags > 0) return true;
  }
  return false;
}

/** TraversalContext#shouldVisit: a node with a visitor for its type, or with a child. */
function shouldVisit(exploded: Exploded, node: t.Node): boolean {
  if (exploded[node.type]) return true;
  const keys = VISITOR_KEYS[node.type];
  if (!keys?.length) return false;
  const record = node as unknown as Record<string, unknown>;
  for (const key of keys) if (record[key]) return true;
  return false;
}
