import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { SourceFile } from '../types';
import type { DataStore, RecordLiteral, View } from './model';
import { isNowExpression, propertyKeyName, unwrap } from './syntax';
import type { ViewEvaluator } from './ViewEvaluator';

/** What a written value is: a new record (with its literal, if any), or an existing record put back (update). */
export interface WriteClassification {
  kind: 'create' | 'update' | 'unknown';
  literal?: RecordLiteral;
  /** Fields an update sets (explicit keys of the literal, minus the ones copied back unchanged). */
  attributes?: string[];
  /** Updated fields cannot all be known (`...req.body`, `Object.assign(x, body)`). */
  opaque?: boolean;
  /** Lookups whose record this write puts back. */
  consumes: t.Node[];
  /** The value is a parameter of the function around the write (a `put(product)` helper). */
  param?: { fn: NodePath<t.Function>; index: number };
}

/** Classifies the value of `map.set(k, v)`, `obj[k] = v`, `arr[i] = v`, `push(v)`. */
export function classifyWrittenValue(ev: ViewEvaluator, file: SourceFile, value: NodePath | undefined, store: DataStore, depth = 0): WriteClassification {
  const none: WriteClassification = { kind: 'unknown', consumes: [] };
  if (!value?.node || depth > 4) return none;
  const p = unwrap(value);
  if (p.isObjectExpression()) return classifyObject(ev, file, p, store);
  const asView = ev.view(file, p);
  if (asView?.type === 'record' && asView.store === store) return { kind: 'update', consumes: [asView.origin], opaque: true };
  if (p.isIdentifier()) {
    const binding = p.scope.getBinding(p.node.name);
    const decl = binding?.path;
    if (decl?.isVariableDeclarator() && decl.node.init && t.isIdentifier(decl.node.id)) {
      return classifyWrittenValue(ev, file, decl.get('init') as NodePath, store, depth + 1);
    }
    if (binding?.kind === 'param') {
      const fn = binding.scope.path;
      if (fn.isFunction()) {
        const index = fn.node.params.findIndex((param) => param === decl?.node || (t.isAssignmentPattern(param) && param.left === decl?.node));
        if (index >= 0) return { kind: 'unknown', consumes: [], param: { fn, index } };
      }
    }
  }
  return none;
}

function classifyObject(ev: ViewEvaluator, file: SourceFile, object: NodePath<t.ObjectExpression>, store: DataStore): WriteClassification {
  const consumes: t.Node[] = [];
  const attributes: string[] = [];
  let opaque = false;
  let fromExisting = false;
  for (const property of object.get('properties')) {
    if (property.isSpreadElement()) {
      const argument = unwrap(property.get('argument'));
      const view = ev.view(file, argument);
      if (view?.type === 'record' && view.store === store) {
        fromExisting = true;
        consumes.push(view.origin);
        continue;
      }
      // `...(title !== undefined && { title })`
      const inner = conditionalObject(argument);
      if (inner) attributes.push(...literalKeys(inner));
      else opaque = true;
      continue;
    }
    if (property.isObjectProperty() || property.isObjectMethod()) {
      const key = propertyKeyName(property.node);
      if (!key) {
        opaque = true;
        continue;
      }
      if (property.isObjectProperty() && copiesExistingField(ev, file, property.get('value') as NodePath, key, store)) continue;
      attributes.push(key);
    }
  }
  if (fromExisting) return { kind: 'update', attributes: [...new Set(attributes)], opaque, consumes };
  return { kind: 'create', literal: { file, path: object }, consumes };
}

/** `id: link.id`, `clicks: existing.clicks`: a field put back unchanged. */
function copiesExistingField(ev: ViewEvaluator, file: SourceFile, value: NodePath, key: string, store: DataStore): boolean {
  const plain = unwrap(value);
  if (!plain.isMemberExpression() && !plain.isOptionalMemberExpression()) return false;
  const view = ev.view(file, plain);
  return view?.type === 'field' && view.store === store && view.attr === key;
}

function conditionalObject(path: NodePath): NodePath<t.ObjectExpression> | undefined {
  const p = unwrap(path);
  if (p.isObjectExpression()) return p;
  if (p.isLogicalExpression()) return conditionalObject(p.get('right'));
  if (p.isConditionalExpression()) return conditionalObject(p.get('consequent')) ?? conditionalObject(p.get('alternate'));
  return undefined;
}

export function literalKeys(object: NodePath<t.ObjectExpression>): string[] {
  const keys: string[] = [];
  for (const property of object.node.properties) {
    if ((t.isObjectProperty(property) || t.isObjectMethod(property)) && propertyKeyName(property)) keys.push(propertyKeyName(property)!);
  }
  return keys;
}

/** Attributes an `Object.assign(record, …sources)` sets; `opaque` when a source is not a literal. */
export function assignedAttributes(ev: ViewEvaluator, file: SourceFile, sources: NodePath[], store: DataStore): { attributes: string[]; opaque: boolean } {
  const attributes: string[] = [];
  let opaque = false;
  for (const source of sources) {
    const p = unwrap(source);
    const object = p.isObjectExpression() ? p : p.isIdentifier() ? initObject(p) : undefined;
    if (!object) {
      opaque = true;
      continue;
    }
    const classified = classifyObject(ev, file, object, store);
    if (classified.kind === 'create') {
      for (const property of object.get('properties')) {
        if (property.isSpreadElement()) {
          const inner = conditionalObject(property.get('argument'));
          if (inner) attributes.push(...literalKeys(inner));
          else opaque = true;
        } else if (property.isObjectProperty()) {
          const key = propertyKeyName(property.node);
          if (key && !copiesExistingField(ev, file, property.get('value') as NodePath, key, store)) attributes.push(key);
        }
      }
    } else {
      attributes.push(...(classified.attributes ?? []));
      opaque ||= Boolean(classified.opaque);
    }
  }
  return { attributes: [...new Set(attributes)], opaque };
}

function initObject(id: NodePath<t.Identifier>): NodePath<t.ObjectExpression> | undefined {
  const binding = id.scope.getBinding(id.node.name);
  const decl = binding?.path;
  if (!decl?.isVariableDeclarator() || !decl.node.init) return undefined;
  const init = unwrap(decl.get('init') as NodePath);
  return init.isObjectExpression() ? init : undefined;
}

/** True for values that can be records: not strings, numbers, booleans, counters or sets (also through a local constant). */
export function isRecordValue(path: NodePath, depth = 0): boolean {
  const p = unwrap(path);
  if (p.isStringLiteral() || p.isNumericLiteral() || p.isBooleanLiteral() || p.isTemplateLiteral() || p.isNullLiteral()) return false;
  if (p.isBinaryExpression() || p.isUpdateExpression() || p.isUnaryExpression() || p.isArrayExpression() || p.isFunction()) return false;
  if (p.isLogicalExpression()) return isRecordValue(p.get('left'), depth + 1) && isRecordValue(p.get('right'), depth + 1);
  if (p.isNewExpression() && t.isIdentifier(p.node.callee) && ['Set', 'Date', 'Map', 'WeakMap'].includes(p.node.callee.name)) return false;
  if (p.isCallExpression() && isNowExpression(p)) return false;
  if (p.isIdentifier() && depth < 3) {
    const binding = p.scope.getBinding(p.node.name);
    const decl = binding?.path;
    if (decl?.isVariableDeclarator() && t.isIdentifier(decl.node.id) && decl.node.init) return isRecordValue(decl.get('init') as NodePath, depth + 1);
  }
  return true;
}

/** The object literal a value is (directly, through a local constant, or at the call sites of a helper parameter). */
export function recordLiteralOf(ev: ViewEvaluator, file: SourceFile, value: NodePath | undefined, depth = 0): RecordLiteral | undefined {
  if (!value?.node || depth > 4) return undefined;
  const p = unwrap(value);
  if (p.isObjectExpression()) return { file, path: p };
  if (!p.isIdentifier()) return undefined;
  const binding = p.scope.getBinding(p.node.name);
  const decl = binding?.path;
  if (decl?.isVariableDeclarator() && decl.node.init && t.isIdentifier(decl.node.id)) return recordLiteralOf(ev, file, decl.get('init') as NodePath, depth + 1);
  if (binding?.kind === 'param') {
    const fn = binding.scope.path;
    if (!fn.isFunction()) return undefined;
    const index = fn.node.params.findIndex((param) => param === decl?.node || (t.isAssignmentPattern(param) && param.left === decl?.node));
    for (const site of ev.calls.of(fn.node).slice(0, 10)) {
      const found = recordLiteralOf(ev, site.file, (site.call.get('arguments') as NodePath[])[index], depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

export function isRecordOf(view: View | undefined, store: DataStore): view is View & { type: 'record' } {
  return view?.type === 'record' && view.store === store;
}
