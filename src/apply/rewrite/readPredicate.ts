/**
 * Reads a callback given to find/findIndex/filter/some: `(note) => note.id == req.params.id`,
 * `function (u) { return u.email === email && u.active; }`. Returns the equality comparisons on
 * attributes of the item and whatever else the predicate checks.
 */
import type { ASTNode } from 'ast-types';
import type { ExpressionKind } from 'ast-types/lib/gen/kinds';

export interface Comparison {
  attribute: string;
  operator: '===' | '==' | '!==' | '!=';
  value: ExpressionKind;
}

export interface Predicate {
  param: string;
  comparisons: Comparison[];
  /** Conjuncts that are not `item.attr OP value`. */
  rest: ExpressionKind[];
}

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export function readPredicate(callback: ASTNode | undefined): Predicate | undefined {
  const fn = callback as AnyNode | undefined;
  if (!fn || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') || fn.params.length !== 1 || fn.params[0].type !== 'Identifier') {
    return undefined;
  }
  const param: string = fn.params[0].name;
  const body = bodyExpression(fn);
  if (!body) return undefined;
  const comparisons: Comparison[] = [];
  const rest: ExpressionKind[] = [];
  for (const conjunct of splitAnd(body)) {
    const comparison = readComparison(conjunct, param);
    if (comparison) comparisons.push(comparison);
    else rest.push(conjunct as ExpressionKind);
  }
  return { param, comparisons, rest };
}

function bodyExpression(fn: AnyNode): AnyNode | undefined {
  if (fn.body.type !== 'BlockStatement') return fn.body;
  const statements = fn.body.body as AnyNode[];
  if (statements.length === 1 && statements[0].type === 'ReturnStatement' && statements[0].argument) return statements[0].argument;
  return undefined;
}

function splitAnd(node: AnyNode): AnyNode[] {
  const inner = unwrap(node);
  if (inner.type === 'LogicalExpression' && inner.operator === '&&') return [...splitAnd(inner.left), ...splitAnd(inner.right)];
  return [node];
}

function readComparison(node: AnyNode, param: string): Comparison | undefined {
  const inner = unwrap(node);
  if (inner.type !== 'BinaryExpression' || !['===', '==', '!==', '!='].includes(inner.operator)) return undefined;
  const left = attributeOf(inner.left, param);
  const right = attributeOf(inner.right, param);
  if (left && !right && !mentions(inner.right, param)) return { attribute: left, operator: inner.operator, value: inner.right };
  if (right && !left && !mentions(inner.left, param)) return { attribute: right, operator: inner.operator, value: inner.left };
  return undefined;
}

/** `item.attr` or `item['attr']` → 'attr'. */
export function attributeOf(node: AnyNode, param: string): string | undefined {
  const inner = unwrap(node);
  if (inner.type !== 'MemberExpression' && inner.type !== 'OptionalMemberExpression') return undefined;
  if (inner.object.type !== 'Identifier' || inner.object.name !== param) return undefined;
  if (!inner.computed && inner.property.type === 'Identifier') return inner.property.name;
  if (inner.computed && (inner.property.type === 'StringLiteral' || (inner.property.type === 'Literal' && typeof inner.property.value === 'string'))) return inner.property.value;
  return undefined;
}

/** Whether an expression mentions the identifier `name` anywhere (scope-blind; enough for a callback parameter). */
export function mentions(node: unknown, name: string): boolean {
  if (!node || typeof node !== 'object') return false;
  const record = node as AnyNode;
  if (record.type === 'Identifier' && record.name === name) return true;
  if ((record.type === 'MemberExpression' || record.type === 'OptionalMemberExpression') && !record.computed) return mentions(record.object, name);
  if ((record.type === 'ObjectProperty' || record.type === 'Property') && !record.computed) return mentions(record.value, name);
  for (const key of Object.keys(record)) {
    if (key === 'loc' || key === 'comments' || key === 'original' || key === 'tokens') continue;
    const value = record[key];
    if (Array.isArray(value) ? value.some((item) => mentions(item, name)) : value && typeof value === 'object' && typeof value.type === 'string' && mentions(value, name)) return true;
  }
  return false;
}

export function unwrap(node: AnyNode): AnyNode {
  let current = node;
  while (current && (current.type === 'ParenthesizedExpression' || current.type === 'TSAsExpression' || current.type === 'TSNonNullExpression')) current = current.expression;
  return current;
}
