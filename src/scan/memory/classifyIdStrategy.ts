import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { IdStrategy, KeyType } from '../../model/access-model';
import type { SourceFile } from '../types';
import { requestPart } from './requestValueSource';
import { calleeName, isNowExpression, memberName, unwrap } from './syntax';
import { returnedExpressions, type ViewEvaluator } from './ViewEvaluator';
import { walkPaths } from '../walkPaths';

export interface IdEvidence {
  strategy: IdStrategy;
  type?: KeyType;
  /** `id: todos.length`: a count used as the id, so the first id is 0 (a counter starts at 1). */
  zeroBased?: boolean;
}

const UUID_CALLS = new Set(['uuid', 'uuidv4', 'uuidV4', 'v4', 'v1', 'v7', 'randomUUID', 'nanoid', 'cuid', 'cuid2', 'createId', 'ulid', 'generateId', 'shortid', 'generate', 'ObjectId']);

/**
 * How a new record's key is made: `notes.length + 1`, `last.id + 1`, `Math.max(...ids) + 1`,
 * `nextId++` → increment; uuid/v4/randomUUID/nanoid/randomBytes → uuid; `Date.now()` → uuid
 * (an app-generated unique value, not a counter: no coordination needed); `req.body.id` → client.
 */
export function classifyIdStrategy(ev: ViewEvaluator, file: SourceFile, value: NodePath | undefined, depth = 0): IdEvidence {
  const unknown: IdEvidence = { strategy: 'unknown' };
  if (!value?.node || depth > 6) return unknown;
  const p = unwrap(value);
  if (p.isConditionalExpression()) {
    const a = classifyIdStrategy(ev, file, p.get('consequent'), depth + 1);
    return a.strategy !== 'unknown' ? a : classifyIdStrategy(ev, file, p.get('alternate'), depth + 1);
  }
  if (p.isLogicalExpression()) {
    const left = classifyIdStrategy(ev, file, p.get('left'), depth + 1);
    return left.strategy !== 'unknown' ? left : classifyIdStrategy(ev, file, p.get('right'), depth + 1);
  }
  if (p.isUpdateExpression() || p.isAssignmentExpression({ operator: '+=' })) return { strategy: 'increment', type: 'number' };
  if (p.isBinaryExpression({ operator: '+' })) {
    const left = p.get('left') as NodePath;
    const right = p.get('right');
    if (isNowExpression(left) || isNowExpression(right)) return { strategy: 'uuid', type: 'number' };
    if (right.isNumericLiteral() || left.isNumericLiteral()) return { strategy: 'increment', type: 'number' };
    const inner = classifyIdStrategy(ev, file, left, depth + 1);
    return inner.strategy === 'unknown' ? classifyIdStrategy(ev, file, right, depth + 1) : { ...inner, type: 'string' };
  }
  if (p.isTemplateLiteral()) {
    for (const expression of p.get('expressions') as NodePath[]) {
      const inner = classifyIdStrategy(ev, file, expression, depth + 1);
      if (inner.strategy !== 'unknown') return { strategy: inner.strategy, type: 'string' };
    }
    return unknown;
  }
  if (p.isCallExpression() || p.isNewExpression()) return classifyCall(ev, file, p, depth);
  if (p.isMemberExpression() || p.isOptionalMemberExpression()) {
    const part = requestPart(ev.calls, p);
    if (part === 'body') return { strategy: 'client' };
    // `id: todos.length`: the size of the collection, a counter that starts at 0
    if (!part && memberName(p.node) === 'length') return { strategy: 'increment', type: 'number', zeroBased: true };
    return unknown;
  }
  if (p.isIdentifier()) {
    const binding = p.scope.getBinding(p.node.name);
    const decl = binding?.path;
    if (!binding || !decl) return unknown;
    if (binding.constantViolations.some((v) => v.isUpdateExpression() || v.isAssignmentExpression({ operator: '+=' }))) {
      return { strategy: 'increment', type: 'number' };
    }
    if (requestPart(ev.calls, p) === 'body') return { strategy: 'client' };
    if (decl.isVariableDeclarator() && decl.node.init) {
      if (t.isObjectPattern(decl.node.id)) return unknown;
      return classifyIdStrategy(ev, file, decl.get('init') as NodePath, depth + 1);
    }
  }
  return unknown;
}

function classifyCall(ev: ViewEvaluator, file: SourceFile, p: NodePath<t.CallExpression | t.NewExpression>, depth: number): IdEvidence {
  if (isNowExpression(p)) return { strategy: 'uuid', type: 'number' };
  const callee = p.node.callee;
  const name = calleeName(callee);
  const args = p.get('arguments') as NodePath[];
  if (name && UUID_CALLS.has(name)) return { strategy: 'uuid', type: 'string' };
  if (t.isMemberExpression(callee)) {
    const method = memberName(callee);
    const object = (p.get('callee') as NodePath).get('object') as NodePath;
    if (method === 'toString' || method === 'toFixed' || method === 'padStart' || method === 'slice' || method === 'substring' || method === 'substr') {
      const inner = classifyIdStrategy(ev, file, object, depth + 1);
      if (inner.strategy !== 'unknown') return { strategy: inner.strategy, type: 'string' };
      if (mentionsRandom(object)) return { strategy: 'uuid', type: 'string' };
      return { strategy: 'unknown' };
    }
    if (method === 'max' && t.isIdentifier(callee.object, { name: 'Math' })) return { strategy: 'increment', type: 'number' };
    if (method === 'random') return { strategy: 'uuid', type: 'number' };
  }
  if (t.isIdentifier(callee) && ['String', 'Number', 'parseInt'].includes(callee.name) && args[0]) {
    const inner = classifyIdStrategy(ev, file, args[0], depth + 1);
    return inner.strategy === 'unknown' ? inner : { strategy: inner.strategy, type: callee.name === 'String' ? 'string' : 'number' };
  }
  if (name === 'randomBytes' || name === 'randomInt') return { strategy: 'uuid', type: 'string' };
  const fn = ev.ctx.project.resolveFunction(file, p.get('callee') as NodePath);
  if (fn && depth < 4) {
    for (const returned of returnedExpressions(fn)) {
      const inner = classifyIdStrategy(ev, fn.file, returned, depth + 1);
      if (inner.strategy !== 'unknown') return inner;
    }
  }
  return { strategy: 'unknown' };
}

function mentionsRandom(path: NodePath): boolean {
  let found = false;
  const check = (node: t.Node): void => {
    if (t.isCallExpression(node) && ['random', 'randomBytes', 'randomUUID'].includes(calleeName(node.callee) ?? '')) found = true;
  };
  check(path.node);
  walkPaths(path, { CallExpression: (c) => check(c.node) });
  return found;
}
