import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { CallSites } from './CallSites';
import { destructuredKey, memberName, unwrap } from './syntax';

export type RequestPart = 'path' | 'query' | 'body';

const PART_BY_MEMBER: Record<string, RequestPart> = {
  params: 'path',
  pathParameters: 'path',
  query: 'query',
  queryStringParameters: 'query',
  multiValueQueryStringParameters: 'query',
  body: 'body',
};
const PASS_THROUGH = new Set(['String', 'Number', 'parseInt', 'parseFloat', 'decodeURIComponent', 'toString', 'toLowerCase', 'toUpperCase', 'trim']);

/**
 * Which part of the request a value comes from: `req.params.id`, `const { id } = req.params`,
 * `event.pathParameters?.id`, `Number(req.params.id)`, a helper parameter passed such a value.
 */
export function requestPart(calls: CallSites, path: NodePath | undefined, depth = 0): RequestPart | undefined {
  if (!path?.node || depth > 6) return undefined;
  const p = unwrap(path);
  if ((p.isCallExpression() || p.isNewExpression()) && p.node.arguments.length > 0) {
    const callee = p.node.callee;
    if (t.isIdentifier(callee) && PASS_THROUGH.has(callee.name)) return requestPart(calls, (p.get('arguments') as NodePath[])[0], depth + 1);
  }
  if (p.isCallExpression() && t.isMemberExpression(p.node.callee) && PASS_THROUGH.has(memberName(p.node.callee) ?? '')) {
    return requestPart(calls, (p.get('callee') as NodePath).get('object') as NodePath, depth + 1);
  }
  if (p.isUnaryExpression({ operator: '+' })) return requestPart(calls, p.get('argument'), depth + 1);
  if (p.isLogicalExpression()) return requestPart(calls, p.get('left'), depth + 1);
  if (p.isMemberExpression() || p.isOptionalMemberExpression()) {
    let node: t.Node = p.node;
    while (t.isMemberExpression(node) || t.isOptionalMemberExpression(node)) {
      const part = PART_BY_MEMBER[memberName(node) ?? ''];
      if (part) return part;
      node = t.isTSNonNullExpression(node.object) ? node.object.expression : node.object;
    }
    const root = rootIdentifier(p);
    return root ? requestPart(calls, root, depth + 1) : undefined;
  }
  if (p.isIdentifier()) {
    const binding = p.scope.getBinding(p.node.name);
    const decl = binding?.path;
    if (!binding || !decl) return undefined;
    if (decl.isVariableDeclarator()) {
      const init = decl.get('init') as NodePath;
      if (!init.node) return undefined;
      if (t.isObjectPattern(decl.node.id)) {
        return requestPart(calls, init, depth + 1);
      }
      return requestPart(calls, init, depth + 1);
    }
    if (binding.kind === 'param') {
      const fn = binding.scope.path;
      if (!fn.isFunction()) return undefined;
      const index = fn.node.params.findIndex((param) => param === decl.node || (t.isAssignmentPattern(param) && param.left === decl.node));
      const pattern = fn.node.params.find((param) => t.isObjectPattern(param) && destructuredKey(param, p.node.name));
      for (const site of calls.of(fn.node).slice(0, 10)) {
        const args = site.call.get('arguments') as NodePath[];
        const found = index >= 0 ? requestPart(calls, args[index], depth + 1) : pattern ? requestPart(calls, args[fn.node.params.indexOf(pattern as t.ObjectPattern)], depth + 1) : undefined;
        if (found) return found;
      }
    }
  }
  return undefined;
}

function rootIdentifier(path: NodePath): NodePath | undefined {
  let current = path;
  while (current.isMemberExpression() || current.isOptionalMemberExpression() || current.isTSNonNullExpression()) {
    current = (current.isTSNonNullExpression() ? current.get('expression') : current.get('object')) as NodePath;
  }
  return current.isIdentifier() ? current : undefined;
}
