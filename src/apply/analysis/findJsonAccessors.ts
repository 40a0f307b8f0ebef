/**
 * The app's own JSON-file read and write functions (`readBookmarks()`, `await loadLinks()`,
 * `getRecipes(cb)`, `saveOrders(orders)`): a call of a reader is the whole collection, a call of
 * a writer is the point where the app persists its changes. Found by what the function does:
 * an fs read whose text goes through JSON.parse, or JSON.stringify text going to an fs write.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { ProjectIndex, SourceFile } from '../../scan/types';
import type { StoreTarget } from './findStoreTargets';

export type AccessorStyle = 'sync' | 'promise' | 'callback';

export interface JsonAccessor {
  role: 'reader' | 'writer';
  style: AccessorStyle;
  target: StoreTarget;
  file: SourceFile;
  path: NodePath<t.Function>;
  name?: string;
}

const READS = new Set(['readFileSync', 'readFile']);
const WRITES = new Set(['writeFileSync', 'writeFile']);

export function findJsonAccessors(project: ProjectIndex, targets: StoreTarget[]): Map<t.Node, JsonAccessor> {
  const fsTargets = targets.filter((target) => target.origin === 'json-fs');
  const accessors = new Map<t.Node, JsonAccessor>();
  if (!fsTargets.length) return accessors;
  for (const file of project.sources) {
    file.program.traverse({
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
