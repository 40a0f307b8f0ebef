import type { KeyType, OperationRecord } from '../../model/access-model';
import { asString, StaticEvaluator, type StaticObject, type StaticValue } from '../infra/static/evaluateStatic';
import type { EntityEvidence, OperationFinding, ProjectIndex, ScanContext, StoreFamily, StoreFinding } from '../types';
import { attributesOfExpression, updatedAttributes } from './expressionAttributes';
import { findDynamoRequests, type DynamoRequest } from './findDynamoRequests';
import { idStrategyOf, valueTypeOf } from './inferValue';
import { entityForTable, findTableHint } from './nameTables';

const storeCache = new WeakMap<ProjectIndex, StoreFinding[]>();

/**
 * Code that already uses DynamoDB: one store per table (`dynamodb:<table or env var>`), its
 * operations (Put → create, Get → read-by-id, Query → filter-by-attr on the key condition's
 * attributes, Scan → list, Update → update, Delete → delete) and what requests say about the
 * entity (the key from `Key: { id }`, fields and id strategy from `Item` literals).
 */
export const dynamodbFamily: StoreFamily = {
  name: 'dynamodb',
  findStores,
  findOperations,
  findEntityEvidence,
};

function findStores(ctx: ScanContext): StoreFinding[] {
  const cached = storeCache.get(ctx.project);
  if (cached) return cached;
  const evaluator = new StaticEvaluator(ctx.project);
  const stores = new Map<string, StoreFinding>();
  const requests = sorted(findDynamoRequests(ctx));
  for (const request of requests) {
    const ref = request.table;
    const existing = stores.get(ref.id);
    if (existing) {
      existing.anchors.push({ file: request.file, path: request.path });
      continue;
    }
    const hint = ref.envVar ? findTableHint(ctx, evaluator, ref.envVar) : undefined;
    const at = ref.node && ref.file ? { file: ref.file.rel, line: ctx.project.lineOf(ref.node) } : { file: request.file.rel, line: ctx.project.lineOf(request.path) };
    const files = requests.filter((other) => other.table.id === ref.id).map((other) => other.file.rel);
    const store: StoreFinding = { id: ref.id, kind: 'dynamodb', entity: entityForTable(ref, hint, files), ...at, anchors: [{ file: request.file, path: request.path }] };
    const source = ref.tableName ?? hint?.tableName;
    if (source) store.source = source;
    stores.set(ref.id, store);
  }
  const result = [...stores.values()];
  storeCache.set(ctx.project, result);
  return result;
}

function findOperations(ctx: ScanContext, stores: StoreFinding[]): OperationFinding[] {
  const entityOf = new Map(stores.map((store) => [store.id, store.entity]));
  const operations: OperationFinding[] = [];
  for (const request of sorted(findDynamoRequests(ctx))) {
    const entity = entityOf.get(request.table.id);
    if (!entity) continue;
    const base = { entity, store: request.table.id, sourceFile: request.file, path: request.path };
    for (const op of operationsOf(request)) operations.push({ ...base, ...op });
  }
  return operations;
}

type OpSpec = Pick<OperationRecord, 'op'> & Partial<Pick<OperationRecord, 'attributes' | 'pagination'>>;

function operationsOf(request: DynamoRequest): OpSpec[] {
  const params = request.params;
  const names = attributeNames(params);
  const text = (key: string): string | undefined => asString(params?.get(key));
  const withAttributes = (op: OpSpec['op'], attributes: string[]): OpSpec => (attributes.length > 0 ? { op, attributes } : { op });
  const pagination = (): OpSpec[] => (params && (params.get('Limit') || params.get('ExclusiveStartKey')) ? [{ op: 'paginate', pagination: 'cursor' }] : []);
  switch (request.action) {
    case 'Put':
      return [{ op: 'create' }];
    case 'Get':
      return [{ op: 'read-by-id' }];
    case 'Delete':
      return [{ op: 'delete' }];
    case 'Update': {
      const expression = text('UpdateExpression');
      const legacy = params?.get('AttributeUpdates');
      const attributes = expression ? updatedAttributes(expression, names) : legacy?.kind === 'object' ? legacy.keys() : [];
      return [withAttributes('update', attributes)];
    }
    case 'Query': {
      const expression = text('KeyConditionExpression');
      const legacy = params?.get('KeyConditions');
      const attributes = expression ? attributesOfExpression(expression, names) : legacy?.kind === 'object' ? legacy.keys() : [];
      return [withAttributes('filter-by-attr', attributes), ...pagination()];
    }
    case 'Scan': {
      const filter = text('FilterExpression');
      const ops: OpSpec[] = [{ op: 'list' }];
      if (filter) ops.push(withAttributes('filter-by-attr', attributesOfExpression(filter, names)));
      return [...ops, ...pagination()];
    }
  }
}

function findEntityEvidence(ctx: ScanContext, stores: StoreFinding[]): EntityEvidence[] {
  const entityOf = new Map(stores.map((store) => [store.id, store.entity]));
  const evidence: EntityEvidence[] = [];
  const keyOf = new Map<string, { name: string; type: KeyType }>();
  const requests = sorted(findDynamoRequests(ctx));
  for (const request of requests) {
    const entity = entityOf.get(request.table.id);
    const key = keyObjectOf(request);
    if (!entity || !key || keyOf.has(entity)) continue;
    const name = key.keys()[0];
    if (!name) continue;
    const type = valueTypeOf(key.get(name), request.lowLevel) === 'number' ? 'number' : 'string';
    keyOf.set(entity, { name, type });
    evidence.push({ entity, source: 'usage', key: { name, type } });
  }
  for (const request of requests) {
    const entity = entityOf.get(request.table.id);
    const item = request.action === 'Put' ? request.params?.get('Item') : undefined;
    if (!entity || item?.kind !== 'object') continue;
    const fields = item.keys().map((name) => {
      const value = item.get(name);
      // uuid()/randomUUID() values are strings even when their declared type is not visible.
      const type = valueTypeOf(value, request.lowLevel) ?? (idStrategyOf(ctx.project, unwrapLowLevel(value, request.lowLevel)) === 'uuid' ? 'string' : undefined);
      return type ? { name, type } : { name };
    });
    const keyName = keyOf.get(entity)?.name ?? (item.keys().includes('id') ? 'id' : undefined);
    const found: EntityEvidence = { entity, source: 'create', fields };
    const strategy = keyName ? idStrategyOf(ctx.project, unwrapLowLevel(item.get(keyName), request.lowLevel)) : undefined;
    if (strategy) found.idStrategy = strategy;
    evidence.push(found);
  }
  return evidence;
}

/** `Key: {…}` of Get/Update/Delete, `Keys[0]` of a BatchGet entry. */
function keyObjectOf(request: DynamoRequest): StaticObject | undefined {
  const key = request.params?.get('Key');
  if (key?.kind === 'object') return key;
  const keys = request.params?.get('Keys');
  const first = keys?.kind === 'array' ? keys.items[0]?.() : undefined;
  return first?.kind === 'object' ? first : undefined;
}

function unwrapLowLevel(value: StaticValue | undefined, lowLevel: boolean): StaticValue | undefined {
  if (!lowLevel || value?.kind !== 'object' || value.keys().length !== 1) return value;
  return value.get(value.keys()[0]);
}

function attributeNames(params: StaticObject | undefined): Record<string, string> {
  const names = params?.get('ExpressionAttributeNames');
  if (names?.kind !== 'object') return {};
  const result: Record<string, string> = {};
  for (const key of names.keys()) {
    const value = asString(names.get(key));
    if (value !== undefined) result[key] = value;
  }
  return result;
}

function sorted(requests: DynamoRequest[]): DynamoRequest[] {
  return [...requests].sort((a, b) =>
    a.file.rel === b.file.rel ? (a.path.node.start ?? 0) - (b.path.node.start ?? 0) : a.file.rel < b.file.rel ? -1 : 1,
  );
}
