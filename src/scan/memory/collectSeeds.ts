import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { SourceFile } from '../types';
import type { Collected } from './collectOperations';
import type { DataStore, RecordLiteral } from './model';
import { memberName, unwrap } from './syntax';
import type { ViewEvaluator } from './ViewEvaluator';

export interface Seeds {
  records: RecordLiteral[];
  /** Some initial elements are not plain data (functions, calls, middleware): not a data store unless written. */
  nonData: boolean;
  /** `new Map(seed.map((v) => [v.id, v]))`: the key field. */
  keyAttr?: string;
}

const MAX_DEPTH = 6;

/** The records a memory store starts with: its initialiser, constructor arguments, module-level push/set loops. */
export function collectSeeds(ev: ViewEvaluator, store: DataStore, collected: Collected): Seeds {
  const seeds: Seeds = { records: [], nonData: false };
  const seen = new Set<t.Node>();
  for (const value of store.assignedValues) seedsOf(ev, value.file, value.path, store, seeds, seen, 0);
  for (const write of collected.seedWrites) {
    if (write.store !== store) continue;
    seedElement(ev, write.file, write.value, store, seeds, seen, 0);
  }
  return seeds;
}

function seedsOf(ev: ViewEvaluator, file: SourceFile, path: NodePath, store: DataStore, seeds: Seeds, seen: Set<t.Node>, depth: number): void {
  if (!path?.node || depth > MAX_DEPTH || seen.has(path.node)) return;
  seen.add(path.node);
  const p = unwrap(path);
  if (p.isArrayExpression()) {
    for (const element of p.get('elements') as NodePath[]) {
      if (!element.node) continue;
      if (element.isSpreadElement()) seedsOf(ev, file, element.get('argument') as NodePath, store, seeds, seen, depth + 1);
      else if (store.shape === 'map' && element.isArrayExpression()) seedElement(ev, file, (element.get('elements') as NodePath[])[1], store, seeds, seen, depth + 1);
      else seedElement(ev, file, element, store, seeds, seen, depth + 1);
    }
    return;
  }
  if (p.isObjectExpression() && store.shape === 'object') {
    for (const property of p.get('properties')) {
      if (property.isObjectProperty()) seedElement(ev, file, property.get('value') as NodePath, store, seeds, seen, depth + 1);
      else seeds.nonData = true;
    }
    return;
  }
  if (p.isNewExpression()) {
    const first = (p.get('arguments') as NodePath[])[0];
    if (first) seedsOf(ev, file, first, store, seeds, seen, depth + 1);
    return;
  }
  if (p.isCallExpression()) {
    const callee = p.node.callee;
    const args = p.get('arguments') as NodePath[];
    if (t.isMemberExpression(callee)) {
      const name = memberName(callee);
      const object = (p.get('callee') as NodePath).get('object') as NodePath;
      if (name === 'map' && store.shape === 'map') keyFromTuple(args[0], seeds);
      if (name && ['map', 'slice', 'filter', 'concat'].includes(name)) seedsOf(ev, file, object, store, seeds, seen, depth + 1);
      else if (t.isIdentifier(callee.object, { name: 'Array' }) && name === 'from') seedsOf(ev, file, args[0], store, seeds, seen, depth + 1);
      else if (t.isIdentifier(callee.object, { name: 'JSON' }) && name === 'parse') seedsOf(ev, file, args[0], store, seeds, seen, depth + 1);
      else if (t.isIdentifier(callee.object, { name: 'JSON' }) && name === 'stringify') seedsOf(ev, file, args[0], store, seeds, seen, depth + 1);
      else if (t.isIdentifier(callee.object, { name: 'Object' }) && name === 'entries') seedsOf(ev, file, args[0], store, seeds, seen, depth + 1);
    } else if (t.isIdentifier(callee, { name: 'structuredClone' })) seedsOf(ev, file, args[0], store, seeds, seen, depth + 1);
    return;
  }
  if (p.isIdentifier()) {
    const binding = p.scope.getBinding(p.node.name);
    if (binding?.kind === 'param') {
      const fn = binding.scope.path;
      if (!fn.isFunction()) return;
      const index = fn.node.params.findIndex((param) => param === binding.path.node || (t.isAssignmentPattern(param) && param.left === binding.path.node));
      for (const site of ev.calls.of(fn.node).slice(0, 5)) seedsOf(ev, site.file, (site.call.get('arguments') as NodePath[])[index], store, seeds, seen, depth + 1);
      return;
    }
    const origin = ev.resolve(file, p);
    if (origin?.kind === 'declaration' && origin.path.isVariableDeclarator() && origin.path.node.init) {
      seedsOf(ev, origin.file, origin.path.get('init') as NodePath, store, seeds, seen, depth + 1);
    } else if (origin?.kind === 'expression') seedsOf(ev, origin.file, origin.path, store, seeds, seen, depth + 1);
  }
}

/** One element/value written at module level: a record literal, or a loop variable over seed data. */
function seedElement(ev: ViewEvaluator, file: SourceFile, path: NodePath | undefined, store: DataStore, seeds: Seeds, seen: Set<t.Node>, depth: number): void {
  if (!path?.node) return;
  const p = unwrap(path);
  if (p.isObjectExpression()) {
    seeds.records.push({ file, path: p });
    if (!isDataLiteral(p.node)) seeds.nonData = true;
    return;
  }
  if (p.isIdentifier()) {
    const binding = p.scope.getBinding(p.node.name);
    const decl = binding?.path;
    // for (const todo of seed) todos.set(todo.id, todo)
    const loop = decl?.parentPath?.parentPath;
    if (decl?.isVariableDeclarator() && loop?.isForOfStatement()) {
      seedsOf(ev, file, loop.get('right'), store, seeds, seen, depth + 1);
      return;
    }
    // seed.forEach((todo) => todos.set(todo.id, todo))
    if (binding?.kind === 'param') {
      const fn = binding.scope.path;
      const call = fn.parentPath;
      if (call?.isCallExpression() && t.isMemberExpression(call.node.callee)) {
        seedsOf(ev, file, (call.get('callee') as NodePath).get('object') as NodePath, store, seeds, seen, depth + 1);
        return;
      }
    }
    const origin = ev.resolve(file, p);
    if (origin?.kind === 'declaration' && origin.path.isVariableDeclarator() && origin.path.node.init) {
      seedElement(ev, origin.file, origin.path.get('init') as NodePath, store, seeds, seen, depth + 1);
      return;
    }
  }
  seeds.nonData = true;
}

function keyFromTuple(callback: NodePath | undefined, seeds: Seeds): void {
  if (!callback?.isArrowFunctionExpression()) return;
  const body = unwrap(callback.get('body') as NodePath);
  if (!body.isArrayExpression()) return;
  const first = body.node.elements[0];
  if (t.isMemberExpression(first)) seeds.keyAttr = memberName(first);
}

/** An object literal of plain values (strings, numbers, booleans, null, dates, nested literals). */
export function isDataLiteral(node: t.Node): boolean {
  const value = t.isTSAsExpression(node) || t.isTSSatisfiesExpression(node) ? node.expression : node;
  if (t.isStringLiteral(value) || t.isNumericLiteral(value) || t.isBooleanLiteral(value) || t.isNullLiteral(value)) return true;
  if (t.isTemplateLiteral(value)) return value.expressions.length === 0;
  if (t.isUnaryExpression(value)) return t.isNumericLiteral(value.argument);
  if (t.isIdentifier(value)) return value.name === 'undefined';
  if (t.isArrayExpression(value)) return value.elements.every((e) => e !== null && isDataLiteral(e));
  if (t.isObjectExpression(value)) return value.properties.every((p) => t.isObjectProperty(p) && isDataLiteral(p.value));
  if (t.isNewExpression(value) && t.isIdentifier(value.callee, { name: 'Date' })) return true;
  if (t.isCallExpression(value) && t.isMemberExpression(value.callee)) {
    const name = memberName(value.callee);
    return name === 'toISOString' || name === 'now';
  }
  return false;
}
