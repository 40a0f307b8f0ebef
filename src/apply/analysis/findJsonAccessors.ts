/**
 * The app's own JSON-file read and write functions (`readBookmarks()`, `await loadLinks()`,
 * `getRecipes(cb)`, `saveOrders(orders)`): a call of a reader is the whole collection, a call of
 * a writer is the point where the app persists its changes. Found by what the function does:
 * an fs read whose text goes through JSON.parse, or JSON.stringify text going to an fs write.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { ProjectIndex, SourceFile } from '../../scan/types';
import { walkPaths } from '../../scan/walkPaths';
import type { StoreTarget } from './findStoreTargets';

export type AccessorStyle = 'sync' | 'promise' | 'callback';

export interface JsonAccessor {
  role: 'reader' | 'writer';
  style: AccessorStyle;
  target: StoreTarget;
  file: SourceFile;
  path: NodePath<t.Function>;
  name?: string;
  /**
   * Read and write in the same function (`const quotes = JSON.parse(fs.readFileSync(F))` … `fs.writeFileSync(F,
   * JSON.stringify(quotes))` in one handler): no accessor function, the map key is the `JSON.parse(…)` call or
   * the fs write call itself, and `path` is the function around it.
   */
  inline?: boolean;
  /**
   * An inline read of a wrapped file (`{ "quotes": [...] }`) used as the whole wrapper
   * (`data.quotes.push(…)`, then `JSON.stringify(data)`): not rewritten, the read gets a marker.
   */
  wholeWrapper?: boolean;
}

const READS = new Set(['readFileSync', 'readFile']);
const WRITES = new Set(['writeFileSync', 'writeFile']);

export function findJsonAccessors(project: ProjectIndex, targets: StoreTarget[]): Map<t.Node, JsonAccessor> {
  const fsTargets = targets.filter((target) => target.origin === 'json-fs');
  const accessors = new Map<t.Node, JsonAccessor>();
  if (!fsTargets.length) return accessors;
  for (const file of project.sources) {
    // the scanner's recorded walk (same paths, same order as program.traverse, no Babel traversal)
    walkPaths(file.program, {
      CallExpression(call) {
        const origin = project.resolveExpression(file, call.get('callee') as NodePath);
        if (origin?.kind !== 'package' || origin.module !== 'fs') return;
        const method = origin.members[origin.members.length - 1];
        const role = READS.has(method) ? 'reader' : WRITES.has(method) ? 'writer' : undefined;
        const fn = call.getFunctionParent();
        if (!role || !fn || accessors.has(fn.node)) return;
        const target = pickTarget(file, call, fsTargets);
        if (!target) return;
        if (role === 'reader' && !containsJsonCall(fn, 'parse')) return;
        if (role === 'writer' && !containsJsonCall(fn, 'stringify')) return;
        // the fs callback itself is not the accessor: the function around it is
        const accessorPath = isFsCallback(fn, call) ? (fn.parentPath?.getFunctionParent() ?? fn) : fn;
        if (readsAndWrites(accessorPath, file, project, target, fsTargets)) {
          addInline(accessors, { role, target, file, fn: accessorPath as NodePath<t.Function>, call, method });
          return;
        }
        const callbackStyle = method === 'readFile' || method === 'writeFile' ? origin.members[0] !== 'promises' && !isAwaited(call) : false;
        accessors.set(accessorPath.node, {
          role,
          style: callbackStyle ? 'callback' : accessorPath.node.async ? 'promise' : 'sync',
          target,
          file,
          path: accessorPath as NodePath<t.Function>,
          name: functionName(accessorPath as NodePath<t.Function>),
        });
      },
    });
  }
  return accessors;
}

/** The function both reads and writes the target's data file: its fs calls are inline reads and writes. */
function readsAndWrites(fn: NodePath, file: SourceFile, project: ProjectIndex, target: StoreTarget, targets: StoreTarget[]): boolean {
  const roles = new Set<string>();
  fn.traverse({
    CallExpression(inner) {
      const origin = project.resolveExpression(file, inner.get('callee') as NodePath);
      if (origin?.kind !== 'package' || origin.module !== 'fs') return;
      const method = origin.members[origin.members.length - 1];
      if (pickTarget(file, inner, targets) !== target) return;
      if (READS.has(method)) roles.add('reader');
      if (WRITES.has(method)) roles.add('writer');
    },
  });
  return roles.size === 2;
}

/**
 * Inline accessors of synchronous code only: `JSON.parse(fs.readFileSync(…))` as the reader, and
 * `fs.writeFileSync(F, JSON.stringify(x, …))` as the writer. Other shapes register nothing (the scan's
 * operations there get a marker from the transform's missed-operation check).
 */
function addInline(
  accessors: Map<t.Node, JsonAccessor>,
  found: { role: 'reader' | 'writer'; target: StoreTarget; file: SourceFile; fn: NodePath<t.Function>; call: NodePath<t.CallExpression>; method: string },
): void {
  const { role, target, file, fn, call, method } = found;
  if (method !== 'readFileSync' && method !== 'writeFileSync') return;
  const accessor: JsonAccessor = { role, style: 'sync', target, file, path: fn, inline: true };
  if (role === 'reader') {
    const parse = call.parentPath;
    if (!parse?.isCallExpression() || !isJsonCall(parse.node, 'parse') || parse.node.arguments[0] !== call.node) return;
    // `{ "quotes": [...] }`: the collection is `JSON.parse(…).quotes`; the whole wrapper is left to the marker
    if (!target.wrapperKey) accessors.set(parse.node, accessor);
    else if (isWrapperMember(parse.parent, parse.node, target.wrapperKey)) accessors.set(parse.parent, accessor);
    else accessors.set(parse.node, { ...accessor, wholeWrapper: true });
    return;
  }
  const data = call.node.arguments[1];
  if (!data || !t.isCallExpression(data) || !isJsonCall(data, 'stringify') || !call.parentPath?.isExpressionStatement()) return;
  // written back wrapped: `JSON.stringify({ quotes }, null, 2)`
  if (!target.wrapperKey || isWrapperObject(data.arguments[0], target.wrapperKey)) accessors.set(call.node, accessor);
}

function isWrapperMember(node: t.Node, object: t.Node, key: string): boolean {
  return t.isMemberExpression(node) && node.object === object && (node.computed ? t.isStringLiteral(node.property, { value: key }) : t.isIdentifier(node.property, { name: key }));
}

/** `{ quotes }` / `{ quotes: list }`: an object literal holding only the collection under the file's key. */
export function isWrapperObject(node: t.Node | undefined, key: string): boolean {
  if (!t.isObjectExpression(node) || node.properties.length !== 1) return false;
  const property = node.properties[0];
  return t.isObjectProperty(property) && !property.computed && (t.isIdentifier(property.key, { name: key }) || t.isStringLiteral(property.key, { value: key })) && t.isIdentifier(property.value);
}

function isJsonCall(node: t.CallExpression, method: 'parse' | 'stringify'): boolean {
  const callee = node.callee;
  return t.isMemberExpression(callee) && t.isIdentifier(callee.object, { name: 'JSON' }) && t.isIdentifier(callee.property, { name: method });
}

function isAwaited(call: NodePath<t.CallExpression>): boolean {
  return Boolean(call.parentPath?.isAwaitExpression());
}

function isFsCallback(fn: NodePath<t.Function>, call: NodePath<t.CallExpression>): boolean {
  return fn.parentPath?.node === call.node;
}

function containsJsonCall(fn: NodePath, method: 'parse' | 'stringify'): boolean {
  let found = false;
  fn.traverse({
    CallExpression(inner) {
      const callee = inner.node.callee;
      if (t.isMemberExpression(callee) && t.isIdentifier(callee.object, { name: 'JSON' }) && t.isIdentifier(callee.property, { name: method })) {
        found = true;
        inner.stop();
      }
    },
  });
  return found;
}

/** The store whose data file the call's path argument names; the only JSON-file store when there is one. */
function pickTarget(file: SourceFile, call: NodePath<t.CallExpression>, targets: StoreTarget[]): StoreTarget | undefined {
  const argument = call.get('arguments')[0];
  const text = argument ? collectPathText(file, argument as NodePath, 0) : '';
  const named = targets.filter((target) => target.dataFile && text.includes(baseName(target.dataFile)));
  if (named.length === 1) return named[0];
  // a path that names another .json file is not the store's
  if (/[^/]+\.json\b/.test(text)) return undefined;
  return targets.length === 1 ? targets[0] : undefined;
}

/** String literals of a path expression, following constants of the same file. */
function collectPathText(file: SourceFile, path: NodePath, depth: number): string {
  if (depth > 4 || !path.node) return '';
  let text = '';
  path.traverse({
    StringLiteral(literal) {
      text += `/${literal.node.value}`;
    },
    TemplateElement(element) {
      text += `/${element.node.value.cooked ?? ''}`;
    },
    Identifier(id) {
      const binding = id.scope.getBinding(id.node.name);
      const declarator = binding?.path;
      if (declarator?.isVariableDeclarator() && declarator.node.init) text += collectPathText(file, declarator.get('init') as NodePath, depth + 1);
    },
  });
  if (path.isStringLiteral()) text += `/${path.node.value}`;
  if (path.isIdentifier()) {
    const declarator = path.scope.getBinding(path.node.name)?.path;
    if (declarator?.isVariableDeclarator() && declarator.node.init) text += collectPathText(file, declarator.get('init') as NodePath, depth + 1);
  }
  return text;
}

function baseName(rel: string): string {
  return rel.split('/').pop() ?? rel;
}

function functionName(fn: NodePath<t.Function>): string | undefined {
  const node = fn.node;
  if ((t.isFunctionDeclaration(node) || t.isFunctionExpression(node)) && node.id) return node.id.name;
  if (fn.parentPath?.isVariableDeclarator() && t.isIdentifier(fn.parentPath.node.id)) return fn.parentPath.node.id.name;
  return undefined;
}
