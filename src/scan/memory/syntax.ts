/** Small AST helpers shared by the data-store recognisers. */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { memberName } from '../project/collectModuleExports';
import { propertyKeyName, unwrapTypeWrappers } from '../project/ValueResolver';

export { memberName, propertyKeyName };

/** Strips TS wrappers, parentheses and `await`. */
export function unwrap(path: NodePath): NodePath {
  let current = unwrapTypeWrappers(path);
  while (current.isAwaitExpression()) current = unwrapTypeWrappers(current.get('argument') as NodePath);
  return current;
}

export function unwrapNode(node: t.Node): t.Node {
  let current = node;
  for (;;) {
    if (t.isTSAsExpression(current) || t.isTSNonNullExpression(current) || t.isTSSatisfiesExpression(current) || t.isTSTypeAssertion(current)) {
      current = current.expression;
    } else if (t.isParenthesizedExpression(current) || t.isAwaitExpression(current)) {
      current = t.isAwaitExpression(current) ? current.argument : current.expression;
    } else return current;
  }
}

/** The method name of `x.m(...)` / `x?.m(...)`. */
export function methodName(call: t.CallExpression | t.OptionalCallExpression): string | undefined {
  const callee = unwrapNode(call.callee);
  if (t.isMemberExpression(callee) || t.isOptionalMemberExpression(callee)) return memberName(callee);
  return undefined;
}

/** The receiver path of `x.m(...)`. */
export function receiverOf(call: NodePath<t.CallExpression | t.OptionalCallExpression>): NodePath | undefined {
  const callee = unwrap(call.get('callee') as NodePath);
  if (callee.isMemberExpression() || callee.isOptionalMemberExpression()) return callee.get('object') as NodePath;
  return undefined;
}

/** Last name of a callee: `uuidv4`, `crypto.randomUUID` → `randomUUID`. */
export function calleeName(node: t.Node): string | undefined {
  const callee = unwrapNode(node);
  if (t.isIdentifier(callee)) return callee.name;
  if (t.isMemberExpression(callee) || t.isOptionalMemberExpression(callee)) return memberName(callee);
  return undefined;
}

export function isCall(path: NodePath): path is NodePath<t.CallExpression | t.OptionalCallExpression> {
  return path.isCallExpression() || path.isOptionalCallExpression();
}

/** `Date.now()`, `new Date()`, `new Date().getTime()`, `+new Date()`, and names holding them. */
export function isNowExpression(path: NodePath, depth = 0): boolean {
  if (depth > 4) return false;
  const p = unwrap(path);
  const node = p.node;
  if (t.isCallExpression(node) && t.isMemberExpression(node.callee)) {
    const object = unwrapNode(node.callee.object);
    const name = memberName(node.callee);
    if (t.isIdentifier(object, { name: 'Date' }) && name === 'now') return true;
    if ((name === 'getTime' || name === 'valueOf') && t.isNewExpression(object) && isNewDateNow(object)) return true;
  }
  if (t.isNewExpression(node) && isNewDateNow(node)) return true;
  if (t.isUnaryExpression(node, { operator: '+' }) && t.isNewExpression(node.argument) && isNewDateNow(node.argument)) return true;
  if (p.isIdentifier()) {
    const binding = p.scope.getBinding(p.node.name);
    if (!binding) return false;
    const decl = binding.path;
    if (decl.isVariableDeclarator() && decl.node.init && binding.constant) return isNowExpression(decl.get('init') as NodePath, depth + 1);
    if (binding.kind === 'param' && decl.parentPath?.isAssignmentPattern()) {
      return isNowExpression(decl.parentPath.get('right') as NodePath, depth + 1);
    }
    if (decl.isAssignmentPattern()) return isNowExpression(decl.get('right') as NodePath, depth + 1);
  }
  return false;
}

function isNewDateNow(node: t.NewExpression): boolean {
  return t.isIdentifier(node.callee, { name: 'Date' }) && node.arguments.length === 0;
}

/** `Date.now() + ms`, `now + ttl * 1000`, `new Date(Date.now() + ms).toISOString()`: a time in the future. */
export function isNowPlusDuration(path: NodePath, depth = 0): boolean {
  if (depth > 4) return false;
  const p = unwrap(path);
  if (p.isBinaryExpression({ operator: '+' })) {
    return isNowExpression(p.get('left') as NodePath) || isNowExpression(p.get('right') as NodePath);
  }
  if (p.isCallExpression() && t.isMemberExpression(p.node.callee)) {
    const name = memberName(p.node.callee);
    if (name === 'toISOString' || name === 'getTime' || name === 'toString') {
      return isNowPlusDuration((p.get('callee') as NodePath).get('object') as NodePath, depth + 1);
    }
  }
  if (p.isNewExpression() && t.isIdentifier(p.node.callee, { name: 'Date' }) && p.node.arguments.length === 1) {
    return isNowPlusDuration(p.get('arguments')[0] as NodePath, depth + 1);
  }
  if (p.isIdentifier()) {
    const binding = p.scope.getBinding(p.node.name);
    const decl = binding?.path;
    if (decl?.isVariableDeclarator() && decl.node.init && binding?.constant) return isNowPlusDuration(decl.get('init') as NodePath, depth + 1);
  }
  return false;
}

/** The type a value expression obviously has, in the access model's vocabulary. */
export function inferType(path: NodePath, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  const p = unwrap(path);
  const node = p.node;
  if (t.isStringLiteral(node) || t.isTemplateLiteral(node)) return 'string';
  if (t.isNumericLiteral(node)) return 'number';
  if (t.isBooleanLiteral(node)) return 'boolean';
  if (t.isNullLiteral(node)) return 'null';
  if (t.isArrayExpression(node)) return 'array';
  if (t.isObjectExpression(node)) return 'object';
  if (t.isUnaryExpression(node)) return node.operator === '!' ? 'boolean' : node.operator === '-' || node.operator === '+' ? 'number' : undefined;
  if (t.isBinaryExpression(node)) {
    if (['-', '*', '/', '%', '**'].includes(node.operator)) return 'number';
    if (['==', '===', '!=', '!==', '<', '>', '<=', '>=', 'in', 'instanceof'].includes(node.operator)) return 'boolean';
    if (node.operator === '+') {
      const left = inferType(p.get('left') as NodePath, depth + 1);
      const right = inferType(p.get('right') as NodePath, depth + 1);
      if (left === 'string' || right === 'string') return 'string';
      if (left === 'number' && right === 'number') return 'number';
      if (isNowExpression(p.get('left') as NodePath) || isNowExpression(p.get('right') as NodePath)) return 'number';
    }
    return undefined;
  }
  if (t.isLogicalExpression(node)) {
    return inferType(p.get('right') as NodePath, depth + 1) ?? inferType(p.get('left') as NodePath, depth + 1);
  }
  if (t.isConditionalExpression(node)) {
    const a = inferType(p.get('consequent') as NodePath, depth + 1);
    const b = inferType(p.get('alternate') as NodePath, depth + 1);
    if (a === b || b === 'null' || b === undefined) return a ?? b;
    return a === 'null' ? b : a;
  }
  if (t.isNewExpression(node) && t.isIdentifier(node.callee)) {
    if (node.callee.name === 'Date') return 'Date';
    if (node.callee.name === 'Map' || node.callee.name === 'Set') return 'object';
  }
  if (t.isCallExpression(node)) {
    if (isNowExpression(p)) return 'number';
    const name = calleeName(node.callee);
    if (!name) return undefined;
    if (['String', 'toString', 'toISOString', 'toLowerCase', 'toUpperCase', 'trim', 'toFixed', 'join', 'randomUUID', 'uuid', 'uuidv4', 'v4', 'nanoid', 'toDateString', 'toLocaleString', 'slugify', 'padStart', 'replace'].includes(name)) return 'string';
    if (['Number', 'parseInt', 'parseFloat', 'round', 'floor', 'ceil', 'min', 'max', 'abs', 'getTime', 'random'].includes(name)) return 'number';
    if (['Boolean', 'isArray', 'includes', 'some', 'every', 'test', 'startsWith', 'endsWith'].includes(name)) return 'boolean';
    if (['map', 'filter', 'split', 'slice', 'concat', 'from', 'keys', 'values'].includes(name)) return 'array';
  }
  if (t.isMemberExpression(node) && memberName(node) === 'length') return 'number';
  if (p.isIdentifier()) {
    const binding = p.scope.getBinding(p.node.name);
    const decl = binding?.path;
    if (decl?.isVariableDeclarator() && t.isIdentifier(decl.node.id) && decl.node.init) {
      return inferType(decl.get('init') as NodePath, depth + 1);
    }
  }
  return undefined;
}

/** Source text of a node (for matching key expressions and diagnostics). */
export function textOf(text: string, node: t.Node): string {
  if (node.start == null || node.end == null) return '';
  return text.slice(node.start, node.end).replace(/\?\./g, '.').replace(/\s+/g, ' ');
}

/** The function that lexically contains a path (null at module level). */
export function enclosingFunction(path: NodePath): NodePath<t.Function> | null {
  return path.getFunctionParent();
}

/** True when `inner` is `outer` or inside it. */
export function isWithin(inner: NodePath, outer: t.Node): boolean {
  let current: NodePath | null = inner;
  while (current) {
    if (current.node === outer) return true;
    current = current.parentPath;
  }
  return false;
}

/** The property key a destructured local name comes from: `{ id: noteId }` + `noteId` → `id`. */
export function destructuredKey(pattern: t.ObjectPattern, localName: string): string | undefined {
  for (const property of pattern.properties) {
    if (!t.isObjectProperty(property)) continue;
    const value = t.isAssignmentPattern(property.value) ? property.value.left : property.value;
    if (t.isIdentifier(value, { name: localName })) return propertyKeyName(property);
  }
  return undefined;
}
