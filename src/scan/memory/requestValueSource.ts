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

/** A value taken from the request: its part, and the parameter's name when one is named (`req.query.search` → search). */
export interface RequestInput {
  part: RequestPart;
  name?: string;
}

/**
 * Which part of the request a value comes from: `req.params.id`, `const { id } = req.params`,
 * `event.pathParameters?.id`, `Number(req.params.id)`, a helper parameter passed such a value.
 */
export function requestPart(calls: CallSites, path: NodePath | undefined): RequestPart | undefined {
  return inputOf(calls, path, 0, false)?.part;
}

/**
 * `requestPart` with the parameter's name: `req.query.search` and `const { search } = req.query`
 * read `search`, `const { q: term } = req.query` reads `q`, a helper's `term` passed `req.query.q`
 * reads `q`. No name when the value is a whole part (`req.query`) or nested deeper in it, or when
 * the helper's callers pass different parameters (`findByEmail(req.query.email)` and
 * `findByEmail(req.body.email)`): the operation is reported once for all of them.
 */
export function requestInput(calls: CallSites, path: NodePath | undefined): RequestInput | undefined {
  return inputOf(calls, path, 0, true);
}

/** `named`: look for the parameter's name too (every caller of a helper, not only the first that answers). */
function inputOf(calls: CallSites, path: NodePath | undefined, depth: number, named: boolean): RequestInput | undefined {
  if (!path?.node || depth > 6) return undefined;
  const p = unwrap(path);
  if ((p.isCallExpression() || p.isNewExpression()) && p.node.arguments.length > 0) {
    const callee = p.node.callee;
    if (t.isIdentifier(callee) && PASS_THROUGH.has(callee.name)) return inputOf(calls, (p.get('arguments') as NodePath[])[0], depth + 1, named);
  }
  if (p.isCallExpression() && t.isMemberExpression(p.node.callee) && PASS_THROUGH.has(memberName(p.node.callee) ?? '')) {
    return inputOf(calls, (p.get('callee') as NodePath).get('object') as NodePath, depth + 1, named);
  }
  if (p.isUnaryExpression({ operator: '+' })) return inputOf(calls, p.get('argument'), depth + 1, named);
  if (p.isLogicalExpression()) return inputOf(calls, p.get('left'), depth + 1, named);
  if (p.isMemberExpression() || p.isOptionalMemberExpression()) {
    let node: t.Node = p.node;
    // the member names read so far, outermost first: `req.query.search` → [search]
    const inner: (string | undefined)[] = [];
    while (t.isMemberExpression(node) || t.isOptionalMemberExpression(node)) {
      const name = memberName(node);
      const part = PART_BY_MEMBER[name ?? ''];
      if (part) return withName(part, inner);
      inner.push(name);
      node = t.isTSNonNullExpression(node.object) ? node.object.expression : node.object;
    }
    const root = rootIdentifier(p);
    const found = root ? inputOf(calls, root, depth + 1, named) : undefined;
    return found && (found.name !== undefined ? { part: found.part } : withName(found.part, inner));
  }
  if (p.isIdentifier()) {
    const binding = p.scope.getBinding(p.node.name);
    const decl = binding?.path;
    if (!binding || !decl) return undefined;
    if (decl.isVariableDeclarator()) {
      const init = decl.get('init') as NodePath;
      if (!init.node) return undefined;
      const found = inputOf(calls, init, depth + 1, named);
      if (found && t.isObjectPattern(decl.node.id)) return fromPattern(found, decl.node.id, p.node.name);
      return found;
    }
    if (binding.kind === 'param') {
      const fn = binding.scope.path;
      if (!fn.isFunction()) return undefined;
      const index = fn.node.params.findIndex((param) => param === decl.node || (t.isAssignmentPattern(param) && param.left === decl.node));
      const pattern = fn.node.params.find((param) => t.isObjectPattern(param) && destructuredKey(param, p.node.name)) as t.ObjectPattern | undefined;
      const own = index >= 0 ? fn.node.params[index] : pattern;
      const ownPattern = t.isAssignmentPattern(own) ? own.left : own;
      let first: RequestInput | undefined;
      for (const site of calls.of(fn.node).slice(0, 10)) {
        const args = site.call.get('arguments') as NodePath[];
        const arg = index >= 0 ? args[index] : pattern ? args[fn.node.params.indexOf(pattern)] : undefined;
        const found = inputOf(calls, arg, depth + 1, named);
        if (!found) continue;
        const input = t.isObjectPattern(ownPattern) ? fromPattern(found, ownPattern, p.node.name) : found;
        if (!named) return input;
        if (!first) first = input;
        else if (first.part !== input.part || first.name !== input.name) return { part: first.part };
      }
      return first;
    }
  }
  return undefined;
}

/** A part read through members (`req.query.search`): named when exactly one member was read off it. */
function withName(part: RequestPart, inner: (string | undefined)[]): RequestInput {
  return inner.length === 1 && inner[0] !== undefined ? { part, name: inner[0] } : { part };
}

/** `const { q: term } = req.query`: `term` reads the parameter `q` of a whole part. */
function fromPattern(found: RequestInput, pattern: t.ObjectPattern, local: string): RequestInput {
  const key = found.name === undefined ? destructuredKey(pattern, local) : undefined;
  return key !== undefined ? { part: found.part, name: key } : { part: found.part };
}

function rootIdentifier(path: NodePath): NodePath | undefined {
  let current = path;
  while (current.isMemberExpression() || current.isOptionalMemberExpression() || current.isTSNonNullExpression()) {
    current = (current.isTSNonNullExpression() ? current.get('expression') : current.get('object')) as NodePath;
  }
  return current.isIdentifier() ? current : undefined;
}
