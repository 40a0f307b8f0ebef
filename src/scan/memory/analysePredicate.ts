import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { FunctionRef, SourceFile } from '../types';
import type { Condition, PredicateInfo } from './model';
import { isNowExpression, memberName, propertyKeyName, unwrap } from './syntax';
import type { ViewEvaluator } from './ViewEvaluator';
import { walkPaths } from '../walkPaths';

const MAX_HELPER_DEPTH = 3;
const NORMALISERS = new Set(['String', 'Number', 'parseInt', 'parseFloat', 'toString', 'toLowerCase', 'toUpperCase', 'trim', 'getTime', 'valueOf', 'parse', 'toISOString']);

interface Scope {
  file: SourceFile;
  /** Name of the record parameter, or the destructured names → attribute. */
  record?: string;
  destructured: Map<string, string>;
  depth: number;
}

/**
 * What a predicate (`find`/`filter`/`some` callback) compares on the record it receives:
 * equality, inequality, membership, text search, expiry (`r.expiresAt < Date.now()`), also through
 * small helpers (`!isExpired(link)`); and whether it may keep every record (`!q || r.x === q`).
 */
export function analysePredicate(ev: ViewEvaluator, file: SourceFile, predicate: NodePath | undefined): PredicateInfo | undefined {
  const fn = predicateFunction(ev, file, predicate);
  if (!fn) return undefined;
  return analyseFunction(fn, 0);
}

/** True when a filter keeps all records (no predicate, only an expiry check, or an optional filter). */
export function keepsEveryRecord(ev: ViewEvaluator, file: SourceFile, predicate: NodePath | undefined): boolean {
  if (predicate?.isIdentifier({ name: 'Boolean' })) return true;
  const info = analysePredicate(ev, file, predicate);
  if (!info) return false;
  return info.optional || info.conditions.every((c) => c.kind === 'ttl' || c.kind === 'exists');
}

function predicateFunction(ev: ViewEvaluator, file: SourceFile, predicate: NodePath | undefined): FunctionRef | undefined {
  if (!predicate?.node) return undefined;
  if (predicate.isFunction()) return { file, path: predicate };
  return ev.ctx.project.resolveFunction(file, predicate);
}

function analyseFunction(fn: FunctionRef, depth: number): PredicateInfo {
  const info: PredicateInfo = { conditions: [], optional: false };
  const scope: Scope = { file: fn.file, destructured: new Map(), depth };
  const first = fn.path.node.params[0];
  const param = t.isAssignmentPattern(first) ? first.left : first;
  if (t.isIdentifier(param)) scope.record = param.name;
  else if (t.isArrayPattern(param) && t.isIdentifier(param.elements[1])) scope.record = param.elements[1].name;
  else if (t.isObjectPattern(param)) {
    for (const property of param.properties) {
      if (!t.isObjectProperty(property)) continue;
      const key = propertyKeyName(property);
      const value = t.isAssignmentPattern(property.value) ? property.value.left : property.value;
      if (key && t.isIdentifier(value)) scope.destructured.set(value.name, key);
    }
  } else return info;
  const body = fn.path.get('body') as NodePath;
  if (body.isBlockStatement()) {
    // `if (search) { return r.title.includes(search) } return true`: without search every record passes
    let keepsAll = false;
    let testsRecord = false;
    walkPaths(body, {
      Function(inner) {
        inner.skip();
      },
      ReturnStatement(ret) {
        if (t.isBooleanLiteral(ret.node.argument, { value: true })) keepsAll = true;
        if (ret.node.argument) walk(ret.get('argument') as NodePath, info, scope, false);
      },
      IfStatement(statement) {
        if (mentionsRecord(statement.get('test'), scope)) testsRecord = true;
        walk(statement.get('test'), info, scope, false);
      },
    });
    if (keepsAll && !testsRecord) info.optional = true;
  } else walk(body, info, scope, false);
  return info;
}

function walk(path: NodePath, info: PredicateInfo, scope: Scope, negated: boolean): void {
  const p = unwrap(path);
  const node = p.node;
  if (p.isLogicalExpression()) {
    const left = p.get('left');
    if (node && t.isLogicalExpression(node) && (node.operator === '||' || node.operator === '??') && !mentionsRecord(left, scope)) {
      // `!q || r.x === q`: without q every record passes.
      info.optional = true;
      walk(p.get('right'), info, scope, negated);
      return;
    }
    walk(left, info, scope, negated);
    walk(p.get('right'), info, scope, negated);
    return;
  }
  if (p.isConditionalExpression()) {
    const consequent = p.get('consequent');
    const alternate = p.get('alternate');
    if (!mentionsRecord(p.get('test'), scope)) {
      if (consequent.isBooleanLiteral({ value: true }) || alternate.isBooleanLiteral({ value: true })) info.optional = true;
      walk(consequent, info, scope, negated);
      walk(alternate, info, scope, negated);
      return;
    }
    walk(p.get('test'), info, scope, negated);
    return;
  }
  if (p.isUnaryExpression({ operator: '!' })) {
    walk(p.get('argument'), info, scope, !negated);
    return;
  }
  if (p.isBinaryExpression()) {
    binary(p, info, scope, negated);
    return;
  }
  if (p.isCallExpression()) {
    call(p, info, scope);
    return;
  }
  const attr = recordAttr(p, scope);
  if (attr) info.conditions.push({ attr, kind: 'eq', valueFile: scope.file });
}

function binary(p: NodePath<t.BinaryExpression>, info: PredicateInfo, scope: Scope, negated: boolean): void {
  const { operator } = p.node;
  const left = p.get('left') as NodePath;
  const right = p.get('right');
  const leftAttr = recordAttr(left, scope);
  const rightAttr = recordAttr(right, scope);
  const attr = leftAttr ?? rightAttr;
  if (!attr) return;
  const other = leftAttr ? right : left;
  if (['==', '===', '!=', '!=='].includes(operator)) {
    const equal = operator === '==' || operator === '===';
    const otherNode = unwrap(other).node;
    if (t.isNullLiteral(otherNode) || t.isIdentifier(otherNode, { name: 'undefined' })) {
      info.conditions.push({ attr, kind: 'exists', valueFile: scope.file });
      return;
    }
    info.conditions.push({ attr, kind: equal !== negated ? 'eq' : 'neq', value: other, valueFile: scope.file });
    return;
  }
  if (['<', '<=', '>', '>='].includes(operator)) {
    info.conditions.push({ attr, kind: isNowExpression(other) ? 'ttl' : 'other', match: 'range', value: other, valueFile: scope.file });
  }
}

function call(p: NodePath<t.CallExpression>, info: PredicateInfo, scope: Scope): void {
  const callee = p.get('callee');
  const args = p.get('arguments') as NodePath[];
  if (callee.isMemberExpression()) {
    const name = memberName(callee.node);
    const object = callee.get('object') as NodePath;
    const objectAttr = recordAttr(object, scope);
    if (objectAttr && (name === 'includes' || name === 'some' || name === 'indexOf')) {
      const search = t.isCallExpression(unwrap(object).node);
      // `r.name.includes(q)` (a text or a list holding q): no equality, so no index answers it
      info.conditions.push({ attr: objectAttr, kind: search ? 'search' : 'includes', match: 'contains', value: args[0], valueFile: scope.file });
      return;
    }
    if (objectAttr && (name === 'startsWith' || name === 'endsWith' || name === 'match' || name === 'test')) {
      info.conditions.push({ attr: objectAttr, kind: 'search', match: name === 'startsWith' ? 'prefix' : 'contains', value: args[0], valueFile: scope.file });
      return;
    }
    const argAttr = args[0] ? recordAttr(args[0], scope) : undefined;
    if (argAttr && (name === 'includes' || name === 'has' || name === 'test')) {
      // `/q/i.test(r.name)` searches the text; `ids.includes(r.id)` / `set.has(r.id)` is a set of equalities
      info.conditions.push({ attr: argAttr, kind: name === 'test' ? 'search' : 'includes', ...(name === 'test' ? { match: 'contains' as const } : {}), value: object, valueFile: scope.file });
      return;
    }
  }
  // A helper given the record: `isExpired(link)`, `matches(note, query)`.
  const recordIndex = args.findIndex((arg) => arg.isIdentifier() && arg.node.name === scope.record);
  if (recordIndex < 0 || scope.depth >= MAX_HELPER_DEPTH) return;
  const helper = resolveHelper(scope.file, p);
  if (!helper) return;
  if (recordIndex !== 0) return;
  const inner = analyseFunction(helper, scope.depth + 1);
  info.conditions.push(...inner.conditions);
}

function resolveHelper(file: SourceFile, call: NodePath<t.CallExpression>): FunctionRef | undefined {
  const callee = call.get('callee');
  if (!callee.isIdentifier()) return undefined;
  const binding = callee.scope.getBinding(callee.node.name);
  const decl = binding?.path;
  if (decl?.isFunctionDeclaration()) return { file, path: decl };
  if (decl?.isVariableDeclarator()) {
    const init = decl.get('init') as NodePath;
    if (init.isFunction()) return { file, path: init };
  }
  return undefined;
}

/** `r.attr` (through String()/Number()/toLowerCase()/new Date()/…) → 'attr'; a destructured name → its key. */
export function recordAttr(path: NodePath, scope: { record?: string; destructured: Map<string, string> }): string | undefined {
  let p = unwrap(path);
  for (let i = 0; i < 4; i++) {
    if ((p.isCallExpression() || p.isNewExpression()) && p.node.arguments.length >= 1 && isNormaliserCallee(p.node.callee)) {
      p = unwrap((p.get('arguments') as NodePath[])[0]);
    } else if (p.isCallExpression() && t.isMemberExpression(p.node.callee) && NORMALISERS.has(memberName(p.node.callee) ?? '')) {
      p = unwrap((p.get('callee') as NodePath).get('object') as NodePath);
    } else if (p.isUnaryExpression({ operator: '+' })) {
      p = unwrap(p.get('argument'));
    } else break;
  }
  if (p.isIdentifier()) return scope.destructured.get(p.node.name);
  if (!p.isMemberExpression() && !p.isOptionalMemberExpression()) return undefined;
  let object: t.Node = p.node;
  let name: string | undefined;
  while (t.isMemberExpression(object) || t.isOptionalMemberExpression(object)) {
    name = memberName(object);
    object = unwrapNodeShallow(object.object);
  }
  if (t.isIdentifier(object) && object.name === scope.record) return name;
  if (t.isIdentifier(object) && scope.destructured.has(object.name)) return scope.destructured.get(object.name);
  return undefined;
}

function unwrapNodeShallow(node: t.Node): t.Node {
  return t.isTSNonNullExpression(node) || t.isParenthesizedExpression(node) ? unwrapNodeShallow(node.expression) : node;
}

function isNormaliserCallee(callee: t.Node): boolean {
  if (t.isIdentifier(callee)) return NORMALISERS.has(callee.name) || callee.name === 'Date';
  if (t.isMemberExpression(callee) && t.isIdentifier(callee.object, { name: 'Date' })) return memberName(callee) === 'parse';
  return false;
}

function mentionsRecord(path: NodePath, scope: Scope): boolean {
  let found = false;
  const check = (node: t.Node): void => {
    if (t.isIdentifier(node) && (node.name === scope.record || scope.destructured.has(node.name))) found = true;
  };
  check(path.node);
  walkPaths(path, {
    Identifier(id) {
      if (id.parentPath.isMemberExpression({ property: id.node }) && !id.parentPath.node.computed) return;
      check(id.node);
    },
  });
  return found;
}

export type { Condition };
