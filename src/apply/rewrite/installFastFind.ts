/**
 * jscodeshift's `Collection.find(type, filter)` builds a new ast-types PathVisitor for every call
 * (its method table is computed over every known type) and then visits every field of every
 * node, strings included. The rewrite steps call `find` ~50 times per file, so that was most of
 * apply's time. `installFastFind` swaps in a walk with exactly the same result: the same NodePaths
 * (taken from ast-types' own child-path caches), in the same pre-order, the same type matching
 * (a type matches itself and its subtypes), the same `filter` test (jscodeshift's matchNode), the
 * same missing fields filled with their defaults on every object visited, and comments visited when
 * the type covers comments. It only skips the work that has no effect: visitor construction and
 * the paths of primitive fields, which cannot contain nodes.
 */
import type { Collection } from 'jscodeshift';

// the exact module instances jscodeshift itself uses (its Collection, its recast/ast-types)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const CollectionModule = require('jscodeshift/src/Collection') as { fromPaths(paths: unknown[], parent: unknown, type: unknown): Collection };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const matchNode = require('jscodeshift/src/matchNode') as (value: unknown, filter: unknown) => boolean;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const types = (require(require.resolve('recast', { paths: [require.resolve('jscodeshift')] })) as { types: AstTypes }).types;

interface AstTypes {
  getFieldNames(object: object): string[];
  getFieldValue(object: object, field: string): unknown;
  getSupertypeNames(typeName: string): string[];
}

interface PathLike {
  value: unknown;
  get(name: string | number): PathLike;
}

type FindImplementation = (this: Collection & { __paths: PathLike[] }, type: unknown, filter?: unknown) => Collection;

const hasOwn = Object.prototype.hasOwnProperty;
const toString = Object.prototype.toString;
let original: FindImplementation | undefined;

let disabled = false;
let memoized = false;

/** Replaces jscodeshift's `find` for node collections (once per process; the original stays as fallback). */
export function installFastFind(): void {
  if (original || disabled) return;
  const registrations = findTypedRegistrations();
  if (!registrations || typeof registrations.Node !== 'function') return;
  original = registrations.Node as FindImplementation;
  if (!memoized) memoizeSupertypeTables();
  memoized = true;
  registrations.Node = function find(this: Collection, type: unknown, filter?: unknown) {
    return fastFind(this, type, filter);
  };
}

/** Tests: false puts jscodeshift's own `find` back (and keeps it), true installs the fast one again. */
export function setFastFind(enabled: boolean): void {
  disabled = !enabled;
  if (enabled) return installFastFind();
  const registrations = findTypedRegistrations();
  if (original && registrations) registrations.Node = original;
  original = undefined;
}

/** jscodeshift's own `find` (for comparisons in tests), whether or not the fast one is installed. */
export function originalFind(collection: Collection, type: unknown, filter?: unknown): Collection {
  const implementation = original ?? (findTypedRegistrations()?.Node as FindImplementation);
  return implementation.call(collection as Collection & { __paths: PathLike[] }, type, filter);
}

/** `collection.find(type, filter)` without a visitor: same paths, same order, same side effects on the tree. */
export function fastFind(collection: Collection, type: unknown, filter?: unknown): Collection {
  const matcher = matcherFor(String(type));
  if (!matcher) return originalFind(collection, type, filter);
  const paths: PathLike[] = [];
  const visitComments = matcher('Block') || matcher('Line');
  for (const root of (collection as unknown as { __paths: PathLike[] }).__paths) walkChildren(root, matcher, visitComments, filter, paths);
  return CollectionModule.fromPaths(paths, collection, type);
}

/**
 * Every ast-types PathVisitor (jscodeshift's templates build one per call) computes the same
 * supertype table for its method names over every known type; the types are fixed once loaded,
 * so the table is kept per set of names (callers only read it).
 */
function memoizeSupertypeTables(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const astTypes = require(require.resolve('ast-types', { paths: [require.resolve('recast', { paths: [require.resolve('jscodeshift')] })] })) as { use(plugin: unknown): Record<string, unknown> };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const shared = astTypes.use((require(require.resolve('ast-types/lib/types', { paths: [require.resolve('recast', { paths: [require.resolve('jscodeshift')] })] })) as { default: unknown }).default);
  const compute = shared.computeSupertypeLookupTable as ((candidates: object) => object) | undefined;
  if (typeof compute !== 'function') return;
  const tables = new Map<string, object>();
  shared.computeSupertypeLookupTable = (candidates: object) => {
    const key = Object.keys(candidates).sort().join(',');
    let table = tables.get(key);
    if (!table) {
      table = compute(candidates);
      tables.set(key, table);
    }
    return table;
  };
}

function findTypedRegistrations(): Record<string, unknown> | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jscodeshift = require('jscodeshift') as (source: string) => { constructor: { prototype: { find?: { typedRegistrations?: Record<string, unknown> } } } };
  const sample = jscodeshift('');
  return sample.constructor.prototype.find?.typedRegistrations;
}

const matchers = new Map<string, ((nodeType: string) => boolean) | undefined>();

/** Whether a node type is `typeName` or one of its subtypes (ast-types' visitor method lookup), cached. */
function matcherFor(typeName: string): ((nodeType: string) => boolean) | undefined {
  if (matchers.has(typeName)) return matchers.get(typeName);
  let matcher: ((nodeType: string) => boolean) | undefined;
  try {
    types.getSupertypeNames(typeName);
    const known = new Map<string, boolean>();
    matcher = (nodeType) => {
      let matches = known.get(nodeType);
      if (matches === undefined) {
        try {
          matches = nodeType === typeName || types.getSupertypeNames(nodeType).includes(typeName);
        } catch {
          // a type ast-types does not define gets no visitor method
          matches = false;
        }
        known.set(nodeType, matches);
      }
      return matches;
    };
  } catch {
    matcher = undefined;
  }
  matchers.set(typeName, matcher);
  return matcher;
}

/** ast-types' visitChildren: fill missing fields, then visit each child that can hold nodes. */
function walkChildren(path: PathLike, matches: (nodeType: string) => boolean, visitComments: boolean, filter: unknown, out: PathLike[]): void {
  const value = path.value as Record<string, unknown> | unknown[] | null;
  if (Array.isArray(value)) {
    const length = value.length;
    const children: PathLike[] = [];
    for (let i = 0; i < length; i += 1) if (hasOwn.call(value, i) && canHoldNodes(value[i])) children.push(childPath(path, i, value[i]));
    for (const child of children) visit(child, matches, visitComments, filter, out);
    return;
  }
  if (!isObject(value)) return;
  let names = fieldNamesOf(value);
  if (visitComments && value.comments && names.indexOf('comments') < 0) names = [...names, 'comments'];
  const children: PathLike[] = [];
  for (const name of names) {
    if (!hasOwn.call(value, name)) value[name] = types.getFieldValue(value, name);
    const child = value[name];
    if (canHoldNodes(child)) children.push(childPath(path, name, child));
  }
  for (const child of children) visit(child, matches, visitComments, filter, out);
}

function visit(path: PathLike, matches: (nodeType: string) => boolean, visitComments: boolean, filter: unknown, out: PathLike[]): void {
  const value = path.value as { type?: unknown };
  if (typeof value.type === 'string' && matches(value.type) && (!filter || matchNode(value, filter))) out.push(path);
  walkChildren(path, matches, visitComments, filter, out);
}

const fieldNamesByType = new Map<string, string[]>();

/** types.getFieldNames (a node's fields are those of its type, fixed once ast-types is loaded), cached by type. */
function fieldNamesOf(value: Record<string, unknown>): readonly string[] {
  const type = value.type;
  if (typeof type !== 'string') return types.getFieldNames(value);
  let names = fieldNamesByType.get(type);
  if (!names) {
    names = types.getFieldNames(value);
    fieldNamesByType.set(type, names);
  }
  return names;
}

/** ast-types' path.get(name) for a child that is an object: the cached child path while it still holds that value. */
function childPath(path: PathLike, name: string | number, child: unknown): PathLike {
  const owner = path as PathLike & { __childCache: Record<string | number, PathLike> | null; constructor: new (value: unknown, parent: PathLike, name: string | number) => PathLike };
  const cache = owner.__childCache ?? (owner.__childCache = Object.create(null) as Record<string | number, PathLike>);
  let found = cache[name];
  if (!hasOwn.call(cache, name) || found.value !== child) found = cache[name] = new owner.constructor(child, path, name);
  return found;
}

/** Arrays and ast-types' `object`s (plain objects and class instances, not RegExps): the values the visitor descends into. */
function canHoldNodes(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (Array.isArray(value) || toString.call(value) === '[object Object]');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && toString.call(value) === '[object Object]';
}
