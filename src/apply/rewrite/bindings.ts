/**
 * Scope look-ups on the jscodeshift tree (the tree being rewritten, where the scanner's babel
 * scopes no longer apply to new nodes).
 */
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import type { ASTNode } from 'ast-types';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Identifier paths that read the variable `name` declared in `scope`. */
export function findVariableReferences(j: JSCodeshift, within: Collection | ASTPath<any>, name: string, scope: any): ASTPath<any>[] {
  const collection = 'node' in within ? j(within as ASTPath<any>) : (within as Collection);
  // Most look-ups find nothing: a plain walk of the nodes says so without re-scanning every scope.
  const roots = 'node' in within ? [(within as ASTPath<any>).node] : collection.nodes();
  if (!roots.some((node: AnyNode) => mayReferenceName(j, node, name))) return [];
  refreshScopes(j, collection);
  return collection
    .find(j.Identifier, { name })
    .filter((path) => isReadReference(path) && sameScope(lookupScope(path, name), scope))
    .paths() as ASTPath<any>[];
}

/** Scopes compare by the node that makes them: jscodeshift may build two path objects (and scopes) for one node. */
export function sameScope(a: any, b: any): boolean {
  return Boolean(a && b && a.node === b.node);
}

export function lookupScope(path: ASTPath<any>, name: string): any {
  for (let scope = (path as any).scope; scope; scope = scope.parent) scope.scan(true);
  return (path as any).scope?.lookup(name);
}

/**
 * ast-types caches each scope's bindings on first use; after the tree changed (new declarations)
 * the cache is stale, so scopes are scanned again before a look-up.
 */
function refreshScopes(j: JSCodeshift, collection: Collection): Set<unknown> {
  const seen = new Set<unknown>();
  collection.paths().forEach((path: any) => {
    for (let scope = path.scope; scope && !seen.has(scope); scope = scope.parent) {
      seen.add(scope);
      scope.scan(true);
    }
  });
  collection.find(j.Function).forEach((path: any) => {
    const scope = path.get('body').scope;
    if (scope && !seen.has(scope)) {
      seen.add(scope);
      scope.scan(true);
    }
  });
  return seen;
}

/**
 * The read references of every variable under `root`, found in one pass: the same answers as
 * findVariableReferences(j, root, name, scope) and lookupScope(path, name) for as long as the
 * tree does not change, except for removals (prune): references inside removed code are left out.
 * Build a new index after any other edit.
 */
export interface ReferenceIndex {
  references(name: string, scope: any): ASTPath<any>[];
  lookupScope(path: ASTPath<any>, name: string): any;
  /** Local names listed in `export { … }`. */
  exported: Set<string>;
}

export function indexVariableReferences(j: JSCodeshift, root: Collection): ReferenceIndex {
  const fresh = refreshScopes(j, root);
  const byName = new Map<string, ASTPath<any>[]>();
  root.find(j.Identifier).forEach((path: ASTPath<any>) => {
    if (!isReadReference(path)) return;
    const list = byName.get(path.node.name);
    if (list) list.push(path);
    else byName.set(path.node.name, [path]);
  });
  const exported = new Set<string>();
  root.find(j.ExportSpecifier).forEach((path: ASTPath<any>) => {
    const local = (path.node.local as AnyNode)?.name;
    if (typeof local === 'string') exported.add(local);
  });
  // Scopes scanned since the tree last changed need no second scan (scan(true) gives the same bindings).
  const lookup = (path: ASTPath<any>, name: string): any => {
    for (let scope = (path as any).scope; scope; scope = scope.parent) {
      if (fresh.has(scope)) continue;
      fresh.add(scope);
      scope.scan(true);
    }
    return (path as any).scope?.lookup(name);
  };
  return {
    references: (name, scope) => (byName.get(name) ?? []).filter((path) => isInTree(path) && sameScope(lookup(path, name), scope)),
    lookupScope: lookup,
    exported,
  };
}

/**
 * Whether a path is still in the tree: each step up, the parent still holds it (a pruned subtree
 * is not). Array elements are looked for by value: a removal shifts their siblings' indices.
 */
export function isInTree(path: ASTPath<any>): boolean {
  for (let current: AnyNode = path; current.parentPath; current = current.parentPath) {
    const holder = current.parentPath.value;
    if (Array.isArray(holder) ? !holder.includes(current.value) : holder?.[current.name] !== current.value) return false;
  }
  return true;
}

/** Keys of a recast/babel node that hold no child nodes (positions, tokens, comments, the pre-edit copy). */
const NON_CHILD_KEYS = new Set(['loc', 'tokens', 'original', 'comments', 'leadingComments', 'trailingComments', 'innerComments', 'extra', 'range', 'start', 'end', 'type']);

/**
 * Whether any identifier named `name` below `root` can be a read reference (same test as
 * isReadReference, on nodes, without paths or scopes). False means findVariableReferences finds none.
 */
function mayReferenceName(j: JSCodeshift, root: AnyNode, name: string): boolean {
  const visit = (node: AnyNode, parent: AnyNode | undefined, grandparent: AnyNode | undefined): boolean => {
    if (node.name === name && j.Identifier.check(node) && isReadIdentifier(node, parent, grandparent)) return true;
    for (const key in node) {
      if (NON_CHILD_KEYS.has(key)) continue;
      const value = node[key];
      if (!value || typeof value !== 'object') continue;
      if (Array.isArray(value)) {
        for (const item of value) if (item && typeof item.type === 'string' && visit(item, node, parent)) return true;
      } else if (typeof value.type === 'string' && visit(value, node, parent)) return true;
    }
    return false;
  };
  return visit(root, undefined, undefined);
}

/** An identifier that reads or writes a variable (not a declaration id, key, property or label). */
export function isReadReference(path: ASTPath<any>): boolean {
  return isReadIdentifier(path.node, path.parent?.node, path.parent?.parent?.node);
}

function isReadIdentifier(node: AnyNode, parent: AnyNode | undefined, grandparent: AnyNode | undefined): boolean {
  if (!parent) return true;
  if (parent.type === 'VariableDeclarator' && parent.id === node) return false;
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === node && !parent.computed) return false;
  if ((parent.type === 'ObjectProperty' || parent.type === 'Property' || parent.type === 'ObjectMethod' || parent.type === 'ClassProperty' || parent.type === 'ClassMethod') && parent.key === node && !parent.computed) {
    return (parent.type === 'ObjectProperty' || parent.type === 'Property') && parent.shorthand && grandparent?.type === 'ObjectExpression';
  }
  if (/^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression|ClassDeclaration|ClassExpression)$/.test(parent.type) && (parent.id === node || parent.params?.includes(node))) return false;
  // `export default notes` and the local name of `export { notes }` read the variable
  if (parent.type === 'ExportDefaultDeclaration' && parent.declaration === node) return true;
  if (parent.type === 'ExportSpecifier' && parent.local === node) return true;
  if (/^Import|^Export|LabeledStatement|BreakStatement|ContinueStatement|CatchClause/.test(parent.type)) return false;
  if (/^TS/.test(parent.type)) return false;
  if (parent.type === 'ObjectProperty' && grandparent?.type === 'ObjectPattern') return false;
  if (parent.type === 'ArrayPattern' || parent.type === 'RestElement') return false;
  return true;
}

/** The statement path containing `path` whose parent is a block or program body. */
export function statementOf(path: ASTPath<any>): ASTPath<any> | undefined {
  for (let current: ASTPath<any> | null = path; current; current = current.parent) {
    const parent = current.parent?.node as AnyNode | undefined;
    if (parent && (parent.type === 'BlockStatement' || parent.type === 'Program' || parent.type === 'SwitchCase') && Array.isArray(parent.body ?? parent.consequent)) {
      if ((parent.body ?? parent.consequent).includes(current.node)) return current;
    }
  }
  return undefined;
}

/** The declarator path when `path` is the whole init of `const x = <path>` (through `await`). */
export function declaratorOfInit(path: ASTPath<any>): ASTPath<any> | undefined {
  let current: ASTPath<any> = path;
  if (current.parent?.node.type === 'AwaitExpression') current = current.parent;
  const parent = current.parent;
  if (parent?.node.type === 'VariableDeclarator' && (parent.node as AnyNode).init === current.node) return parent as ASTPath<any>;
  return undefined;
}
