import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { SourceFile } from '../types';
import type { DataStore } from './model';
import { memberName, unwrap } from './syntax';
import type { ViewEvaluator } from './ViewEvaluator';

const TIME_WRAPPERS = new Set(['getTime', 'valueOf', 'parse', 'Number']);

/** The record field one side of a time comparison reads: `s.expiresAt`, `new Date(l.expiresAt).getTime()`, `Date.parse(x.until)`. */
export function fieldOfComparison(ev: ViewEvaluator, file: SourceFile, side: NodePath): { store: DataStore; attr: string } | undefined {
  let p = unwrap(side);
  for (let i = 0; i < 4; i++) {
    if (p.isNewExpression() && t.isIdentifier(p.node.callee, { name: 'Date' }) && p.node.arguments.length === 1) {
      p = unwrap((p.get('arguments') as NodePath[])[0]);
    } else if (p.isCallExpression() && t.isMemberExpression(p.node.callee) && TIME_WRAPPERS.has(memberName(p.node.callee) ?? '')) {
      const callee = p.get('callee') as NodePath;
      p = t.isIdentifier(p.node.callee.object, { name: 'Date' }) ? unwrap((p.get('arguments') as NodePath[])[0]) : unwrap(callee.get('object') as NodePath);
    } else if (p.isCallExpression() && t.isIdentifier(p.node.callee, { name: 'Number' })) {
      p = unwrap((p.get('arguments') as NodePath[])[0]);
    } else break;
    if (!p?.node) return undefined;
  }
  if (!p.isMemberExpression() && !p.isOptionalMemberExpression()) return undefined;
  const view = ev.view(file, p);
  if (view?.type === 'field' && view.attr !== '*') return { store: view.store, attr: view.attr };
  return undefined;
}
