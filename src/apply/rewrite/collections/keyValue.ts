/**
 * The key value to send for a comparison the app made. `===` already compares typed values, so
 * the value goes as it is; a loose `==` (`req.params.id == note.id`) matched a string against a
 * number, so the value is converted to the key's type (DynamoDB keys are typed: "2" is not 2).
 */
import type { ASTNode } from 'ast-types';
import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import type { KeyType } from '../../../model/access-model';
import { expression } from '../../../emit/emitContext';
import type { FileRewrite } from '../FileRewrite';
import { unwrap } from '../readPredicate';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export function coerceValue(rewrite: FileRewrite, value: ExpressionKind, type: KeyType | string | undefined, loose: boolean): ExpressionKind {
  if (!loose || (type !== 'number' && type !== 'string')) return value;
  if (type === 'number' && isNumeric(value as AnyNode)) return value;
  if (type === 'string' && isText(value as AnyNode)) return value;
  return expression(rewrite.emit, [type === 'number' ? 'Number(' : 'String(', value, ')']);
}

function isNumeric(node: AnyNode): boolean {
  const inner = unwrap(node);
  if (inner.type === 'NumericLiteral' || (inner.type === 'Literal' && typeof inner.value === 'number')) return true;
  if (inner.type === 'UnaryExpression' && (inner.operator === '+' || inner.operator === '-')) return true;
  if (inner.type === 'CallExpression' && inner.callee.type === 'Identifier' && ['Number', 'parseInt', 'parseFloat'].includes(inner.callee.name)) return true;
  if (inner.type === 'CallExpression' && inner.callee.type === 'MemberExpression' && inner.callee.object.type === 'Identifier' && ['Math', 'Number'].includes(inner.callee.object.name)) return true;
  return false;
}

function isText(node: AnyNode): boolean {
  const inner = unwrap(node);
  if (inner.type === 'StringLiteral' || inner.type === 'TemplateLiteral' || (inner.type === 'Literal' && typeof inner.value === 'string')) return true;
  if (inner.type === 'CallExpression' && inner.callee.type === 'Identifier' && inner.callee.name === 'String') return true;
  if (inner.type === 'CallExpression' && inner.callee.type === 'MemberExpression' && !inner.callee.computed && ['toString', 'toLowerCase', 'toUpperCase', 'trim'].includes(inner.callee.property.name)) return true;
  // route and query parameters arrive as strings
  if (inner.type === 'MemberExpression' && inner.object.type === 'MemberExpression' && !inner.object.computed) {
    const holder = inner.object.property.name;
    if (['params', 'query', 'pathParameters', 'queryStringParameters'].includes(holder)) return true;
  }
  return false;
}
