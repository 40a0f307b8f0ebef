/**
 * `todos.set(id, todo)` and `users[id] = user` write one item: a create or an update. The scan's
 * operation at that line decides when it knows; otherwise a value built from the existing item
 * (`{ ...todos.get(id), … }`) is an update and anything else a create.
 */
import type { ASTPath } from 'jscodeshift';
import type { ASTNode } from 'ast-types';
import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { buildUpdateItem } from '../../../emit/commands/buildUpdateItem';
import { lookupScope } from '../bindings';
import type { CollectionPass } from './context';
import type { CollectionUse } from './findCollectionUses';
import { coerceValue } from './keyValue';
import { keepKeyInItem } from './keepKeyInItem';
import { rewriteCreate } from './rewriteCreate';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export function rewriteKeyedWrite(pass: CollectionPass, use: CollectionUse, write: ASTPath<any>, key: AnyNode, value: AnyNode): void {
  const { rewrite } = pass;
  const keyValue = coerceValue(rewrite, key as ExpressionKind, use.target.key.type, use.target.shape === 'object-map');
  if (!isUpdate(pass, use, write, value)) {
    rewriteCreate(pass, use, write, keepKeyInItem(pass, use, write, keyValue, value));
    return;
  }
  pass.consume(use.path.node);
  rewrite.markAwait(write);
  write.replace(buildUpdateItem(rewrite.emit, rewrite.tableOf(use.target), keyValue, value as ExpressionKind));
  rewrite.operationDone();
}

function isUpdate(pass: CollectionPass, use: CollectionUse, write: ASTPath<any>, value: AnyNode): boolean {
  const line = pass.rewrite.lineOf(write);
  const operations = pass.rewrite.analysis.model.operations.filter((op) => op.file === pass.rewrite.rel && op.line === line && op.entity === use.target.entityName);
  if (operations.some((op) => op.op === 'update') && !operations.some((op) => op.op === 'create')) return true;
  if (operations.some((op) => op.op === 'create')) return false;
  const object = value.type === 'Identifier' ? declaredObject(pass, write, value.name) : value;
  return Boolean(object?.type === 'ObjectExpression' && object.properties.some((p: AnyNode) => (p.type === 'SpreadElement' || p.type === 'SpreadProperty') && spreadsStoreItem(pass, use, p.argument)));
}

function spreadsStoreItem(pass: CollectionPass, use: CollectionUse, node: AnyNode): boolean {
  const object = node.type === 'CallExpression' && node.callee.type === 'MemberExpression' ? node.callee.object : node.type === 'MemberExpression' ? node.object : undefined;
  return Boolean(object && pass.sameStore(object, use));
}

function declaredObject(pass: CollectionPass, at: ASTPath<any>, name: string): AnyNode | undefined {
  const scope = lookupScope(at, name);
  if (!scope) return undefined;
  const declarator = pass.rewrite.j(scope.path as ASTPath<any>)
    .find(pass.rewrite.j.VariableDeclarator)
    .filter((p) => (p.node.id as AnyNode).type === 'Identifier' && (p.node.id as AnyNode).name === name)
    .nodes()[0] as AnyNode | undefined;
  return declarator?.init;
}
