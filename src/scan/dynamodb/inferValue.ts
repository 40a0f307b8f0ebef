import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { IdStrategy } from '../../model/access-model';
import type { StaticValue } from '../infra/static/evaluateStatic';
import type { ProjectIndex } from '../types';

const LOW_LEVEL_TYPES: Record<string, string> = { S: 'string', N: 'number', B: 'string', BOOL: 'boolean', NULL: 'null', L: 'array', M: 'object', SS: 'array', NS: 'array', BS: 'array' };
const ID_PACKAGES = /^(uuid|nanoid|ulid|ulidx|cuid|@paralleldrive\/cuid2|ksuid|short-uuid|hyperid)$/;

/** The type of an attribute value written in a request: literals, `Number(x)`, `{ N: '1' }`, typed parameters. */
export function valueTypeOf(value: StaticValue | undefined, lowLevel: boolean): string | undefined {
  if (!value) return undefined;
  if (lowLevel && value.kind === 'object') {
    const keys = value.keys();
    if (keys.length === 1 && LOW_LEVEL_TYPES[keys[0]]) return LOW_LEVEL_TYPES[keys[0]];
  }
  switch (value.kind) {
    case 'string':
    case 'env':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return 'array';
    case 'object':
      return 'object';
    case 'unknown':
      return value.path ? typeOfExpression(value.path) : undefined;
    default:
      return undefined;
  }
}

function typeOfExpression(path: NodePath): string | undefined {
  const node = path.node;
  if (t.isTemplateLiteral(node)) return 'string';
  if (t.isUnaryExpression(node) && (node.operator === '+' || node.operator === '-')) return 'number';
  if (t.isUnaryExpression(node, { operator: '!' })) return 'boolean';
  if (t.isArrayExpression(node)) return 'array';
  if (t.isCallExpression(node)) {
    const callee = node.callee;
    if (t.isIdentifier(callee, { name: 'Number' }) || t.isIdentifier(callee, { name: 'parseInt' }) || t.isIdentifier(callee, { name: 'parseFloat' })) return 'number';
    if (t.isIdentifier(callee, { name: 'String' })) return 'string';
    if (t.isIdentifier(callee, { name: 'Boolean' })) return 'boolean';
    if (t.isMemberExpression(callee) && t.isIdentifier(callee.property)) {
      const method = callee.property.name;
      if (['toISOString', 'toString', 'toLowerCase', 'toUpperCase', 'trim', 'toFixed', 'join'].includes(method)) return 'string';
      if (t.isIdentifier(callee.object, { name: 'Date' }) && method === 'now') return 'number';
      if (t.isIdentifier(callee.object, { name: 'Math' })) return 'number';
    }
  }
  if (t.isBinaryExpression(node) && ['-', '*', '/', '%'].includes(node.operator)) return 'number';
  if (t.isIdentifier(node)) {
    const binding = path.scope.getBinding(node.name);
    const id = binding?.identifier as (t.Identifier & { typeAnnotation?: t.Node }) | undefined;
    const annotation = id?.typeAnnotation;
    if (annotation && t.isTSTypeAnnotation(annotation)) {
      const type = annotation.typeAnnotation;
      if (t.isTSStringKeyword(type)) return 'string';
      if (t.isTSNumberKeyword(type)) return 'number';
      if (t.isTSBooleanKeyword(type)) return 'boolean';
      if (t.isTSArrayType(type)) return 'array';
    }
  }
  return undefined;
}

/** How a written key value is made: a uuid/nanoid call → uuid, a value from the request → client. */
export function idStrategyOf(project: ProjectIndex, value: StaticValue | undefined): IdStrategy | undefined {
  if (!value || value.kind !== 'unknown' || !value.path || !value.file) return undefined;
  const path = value.path;
  if (path.isCallExpression()) {
    const callee = path.get('callee') as NodePath;
    const origin = project.resolveExpression(value.file, callee);
    if (origin?.kind === 'package') {
      if (ID_PACKAGES.test(origin.module)) return 'uuid';
      if (origin.module === 'crypto' && origin.members.join('.') === 'randomUUID') return 'uuid';
    }
    if (callee.isMemberExpression() && t.isIdentifier(callee.node.property, { name: 'randomUUID' })) return 'uuid';
    return undefined;
  }
  // `body.id`, `data.userId`, a handler parameter: the caller chose the key.
  if (path.isMemberExpression() || path.isIdentifier()) return 'client';
  return undefined;
}
