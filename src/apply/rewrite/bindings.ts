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
function refreshScopes(j: JSCodeshift, collection: Collection): void {
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
}

/** An identifier that reads or writes a variable (not a declaration id, key, property or label). */
export function isReadReference(path: ASTPath<any>): boolean {
  const parent = path.parent?.node as AnyNode | undefined;
  const node = path.node;
  if (!parent) return true;
  if (parent.type === 'VariableDeclarator' && parent.id === node) return false;
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === node && !parent.computed) return false;
  if ((parent.type === 'ObjectProperty' || parent.type === 'Property' || parent.type === 'ObjectMethod' || parent.type === 'ClassProperty' || parent.type === 'ClassMethod') && parent.key === node && !parent.computed) {
    return (parent.type === 'ObjectProperty' || parent.type === 'Property') && parent.shorthand && path.parent.parent?.node.type === 'ObjectExpression';
  }
  if (/^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression|ClassDeclaration|ClassExpression)$/.test(parent.type) && (parent.id === node || parent.params?.includes(node))) return false;
  if (/^Import|^Export|LabeledStatement|BreakStatement|ContinueStatement|CatchClause/.test(parent.type)) return false;
  if (/^TS/.test(parent.type)) return false;
  if (parent.type === 'ObjectProperty' && path.parent.parent?.node.type === 'ObjectPattern') return false;
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
