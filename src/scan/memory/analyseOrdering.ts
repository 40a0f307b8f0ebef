import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { FunctionRef, SourceFile } from '../types';
import { recordAttr } from './analysePredicate';
import { memberName, unwrap } from './syntax';
import { walkPaths } from '../walkPaths';

export interface SortInfo {
  attributes: string[];
  order?: 'asc' | 'desc';
}

/** The fields and direction of a `sort` comparator: `a.x - b.x`, `b.d.localeCompare(a.d)`, `a.x > b.x ? 1 : -1`, `new Date(b.t) - new Date(a.t)`. */
export function analyseComparator(fn: FunctionRef | undefined): SortInfo | undefined {
  if (!fn) return undefined;
  const [a, b] = fn.path.node.params;
  if (!t.isIdentifier(a) || !t.isIdentifier(b)) return undefined;
  const scopeA = { record: a.name, destructured: new Map<string, string>() };
  const scopeB = { record: b.name, destructured: new Map<string, string>() };
  const found: { attr?: string; order?: 'asc' | 'desc' }[] = [];

  const visit = (path: NodePath, depth: number): void => {
    if (depth > 6) return;
    const p = unwrap(path);
    if (p.isBinaryExpression({ operator: '-' })) {
      const left = recordAttr(p.get('left') as NodePath, scopeA) ?? recordAttr(p.get('left') as NodePath, scopeB);
      const leftIsA = recordAttr(p.get('left') as NodePath, scopeA) !== undefined || mentions(p.get('left') as NodePath, a.name);
      if (left || mentions(p.get('left') as NodePath, a.name) || mentions(p.get('left') as NodePath, b.name)) {
        found.push({ attr: left ?? recordAttr(p.get('right'), scopeA) ?? recordAttr(p.get('right'), scopeB), order: leftIsA ? 'asc' : 'desc' });
      }
      return;
    }
    if (p.isCallExpression() && t.isMemberExpression(p.node.callee) && memberName(p.node.callee) === 'localeCompare') {
      const object = (p.get('callee') as NodePath).get('object') as NodePath;
      const attrA = recordAttr(object, scopeA);
      const attrB = recordAttr(object, scopeB);
      found.push({ attr: attrA ?? attrB, order: attrA !== undefined || mentions(object, a.name) ? 'asc' : 'desc' });
      return;
    }
    if (p.isConditionalExpression()) {
      const test = unwrap(p.get('test'));
      if (test.isBinaryExpression() && ['<', '>', '<=', '>='].includes(test.node.operator)) {
        const leftA = recordAttr(test.get('left') as NodePath, scopeA);
        const leftB = recordAttr(test.get('left') as NodePath, scopeB);
        const attr = leftA ?? leftB ?? recordAttr(test.get('right'), scopeA) ?? recordAttr(test.get('right'), scopeB);
        if (attr) {
          const greater = test.node.operator.startsWith('>') === Boolean(leftA);
          const positive = isPositive(p.get('consequent'));
          found.push({ attr, order: greater === positive ? 'asc' : 'desc' });
          return;
        }
      }
      visit(p.get('consequent'), depth + 1);
      visit(p.get('alternate'), depth + 1);
      return;
    }
    if (p.isLogicalExpression()) {
      visit(p.get('left'), depth + 1);
      visit(p.get('right'), depth + 1);
    }
  };

  const body = fn.path.get('body') as NodePath;
  if (body.isBlockStatement()) {
    walkPaths(body, {
      Function(inner) {
        inner.skip();
      },
      ReturnStatement(ret) {
        if (ret.node.argument) visit(ret.get('argument') as NodePath, 0);
      },
    });
  } else visit(body, 0);
  if (found.length === 0) return { attributes: [] };
  const attributes = [...new Set(found.map((f) => f.attr).filter((x): x is string => Boolean(x)))];
  const orders = new Set(found.map((f) => f.order));
  return { attributes, order: orders.size === 1 ? found[0].order : undefined };
}

function isPositive(path: NodePath): boolean {
  const p = unwrap(path);
  if (p.isNumericLiteral()) return p.node.value > 0;
  if (p.isUnaryExpression({ operator: '-' })) return false;
  return true;
}

function mentions(path: NodePath, name: string): boolean {
  if (path.isIdentifier({ name })) return true;
  let found = false;
  walkPaths(path, {
    Identifier(id) {
      if (id.node.name === name && !(id.parentPath.isMemberExpression({ property: id.node }) && !id.parentPath.node.computed)) found = true;
    },
  });
  return found;
}

/** The pagination style of `slice(start, end)`: 'page' (page numbers), 'offset' (offset/skip), 'limit' (first n). */
export function analyseSlice(file: SourceFile, args: NodePath[]): 'offset' | 'page' | 'limit' | undefined {
  if (args.length === 0) return undefined;
  const [start, end] = args;
  const names = new Set<string>();
  for (const arg of args) collectNames(arg, names, 0);
  const joined = [...names].join(' ');
  if (/page/i.test(joined)) return 'page';
  if (/offset|skip|start|from|cursor/i.test(joined)) return 'offset';
  const startNode = unwrap(start).node;
  if (t.isNumericLiteral(startNode, { value: 0 }) && end && names.size > 0) return 'limit';
  if (t.isUnaryExpression(startNode, { operator: '-' }) && args.length === 1) return 'limit';
  if (names.size > 0 && /limit|size|count|per|take|max|top|n\b/i.test(joined)) return 'limit';
  void file;
  return undefined;
}

function collectNames(path: NodePath, names: Set<string>, depth: number): void {
  if (depth > 3 || !path.node) return;
  const visitId = (id: NodePath<t.Identifier>): void => {
    names.add(id.node.name);
    const binding = id.scope.getBinding(id.node.name);
    const decl = binding?.path;
    if (decl?.isVariableDeclarator() && decl.node.init && t.isIdentifier(decl.node.id)) collectNames(decl.get('init') as NodePath, names, depth + 1);
  };
  if (path.isIdentifier()) {
    visitId(path);
    return;
  }
  if (path.isMemberExpression() && !path.node.computed && t.isIdentifier(path.node.property)) names.add(path.node.property.name);
  walkPaths(path, {
    Identifier(id) {
      if (id.parentPath.isMemberExpression({ property: id.node }) && !id.parentPath.node.computed) {
        names.add(id.node.name);
        return;
      }
      visitId(id);
    },
  });
}
