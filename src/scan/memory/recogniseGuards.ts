import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { SourceFile } from '../types';
import { isNowExpression, memberName, textOf, unwrap } from './syntax';
import type { ViewEvaluator } from './ViewEvaluator';
import { walkPaths } from '../walkPaths';

/** `db[name].push(x)` on `const db = { users: [], posts: [] }`: a store we cannot name. */
export function reportContainerAccess(ev: ViewEvaluator, file: SourceFile, path: NodePath<t.MemberExpression>): void {
  if (memberName(path.node) !== undefined) return;
  const origin = ev.resolve(file, path.get('object'));
  const holder = origin?.kind === 'declaration' && origin.path.isVariableDeclarator() ? origin.path.get('init') : origin?.kind === 'expression' ? origin.path : undefined;
  const object = holder && unwrap(holder as NodePath);
  if (!object?.isObjectExpression()) return;
  const stores = object.node.properties.filter((p) => t.isObjectProperty(p) && ev.registry.storeOfNode(p.value));
  if (stores.length === 0) return;
  ev.diagnoseOnce(
    file,
    path.node,
    `computed access ${textOf(file.text, path.node)} picks one of several in-memory collections at run time; operations through it are not in the model — use the collection by name`,
  );
}

/** A delete inside `if (isExpired(x)) …` / `if (x.expiresAt < Date.now())`: lazy expiry, not the point of the function. */
export function underExpiryCheck(path: NodePath): boolean {
  let current: NodePath | null = path.parentPath;
  while (current && !current.isFunction()) {
    if (current.isIfStatement()) {
      const test = current.get('test');
      let found = false;
      const check = (node: t.Node): void => {
        if (t.isCallExpression(node) && /expir|stale|ttl/i.test(t.isIdentifier(node.callee) ? node.callee.name : t.isMemberExpression(node.callee) ? (memberName(node.callee) ?? '') : '')) found = true;
      };
      check(test.node);
      walkPaths(test, { CallExpression: (c) => check(c.node), BinaryExpression: (b) => { if (isNowExpression(b.get('left') as NodePath) || isNowExpression(b.get('right'))) found = true; } });
      if (found) return true;
    }
    current = current.parentPath;
  }
  return false;
}
