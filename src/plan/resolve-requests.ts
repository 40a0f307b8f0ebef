import type { AccessModel } from '../model/access-model';
import type { TableDesign } from '../model/table-design';
import type { AccessNeed } from './access-needs';
import { findEntityTable, findTable, getAttributeTypes, isSingleTable } from './design-lookup';
import { findServingIndex, findServingTableKey } from './index-resolver';

export type Action = 'GetItem' | 'Query' | 'Scan' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchGetItem' | 'BatchWriteItem';

export const ACTION_ORDER: readonly Action[] = ['GetItem', 'Query', 'Scan', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchGetItem', 'BatchWriteItem'];

/** One DynamoDB request an access need turns into, on the design as it stands (edits included). */
export interface PlannedRequest {
  action: Action;
  table: string;
  index?: string;
  /** Entity whose items the request reads or writes (the guard/counter owner for helper items). */
  entity: string;
  /** One item by key, the items under one key value, or the whole table. */
  reach: 'item' | 'partition' | 'table';
  /** Reads: strongly consistent (base table by key, keeps the app's read-your-writes) or eventual (GSIs). */
  consistent?: boolean;
  role?: 'counter' | 'guard' | 'rollback' | 'cascade' | 'read-before-write';
  /** What else the request does: filters, in-app sorting, expired-item filtering. */
  detail?: string;
  /** UpdateItem: attributes it writes (empty: unknown), to price GSI key changes. */
  updated?: string[];
}

/** The requests a need becomes. Empty when the entity has no table in the design. */
export function resolveNeed(need: AccessNeed, design: TableDesign, model: AccessModel): PlannedRequest[] {
  const entity = design.entities[need.entity];
  const table = findEntityTable(design, need.entity);
  if (!entity || !table) return [];
  const base = { table: table.name, entity: need.entity };
  const expiry = getExpiryDetail(design, need.entity);
  const guards = (entity.uniqueAttributes ?? []).filter((item) => findTable(design, item.table));
  switch (need.kind) {
    case 'create': {
      const requests: PlannedRequest[] = [];
      if (entity.idStrategy === 'counter' && entity.counter && findTable(design, entity.counter.table)) {
        requests.push({ action: 'UpdateItem', table: entity.counter.table, entity: need.entity, reach: 'item', role: 'counter', detail: `ADD ${entity.counter.attribute} 1 returns the next id` });
      }
      for (const guard of guards) {
        requests.push({ action: 'PutItem', table: guard.table, entity: need.entity, reach: 'item', role: 'guard', detail: `claims ${guard.attribute} with attribute_not_exists` });
      }
      const conditional = entity.idStrategy === 'client' || entity.idStrategy === 'natural' ? 'attribute_not_exists on the key keeps ids unique' : undefined;
      requests.push({ ...base, action: 'PutItem', reach: 'item', ...(conditional ? { detail: conditional } : {}) });
      for (const guard of guards) {
        requests.push({ action: 'DeleteItem', table: guard.table, entity: need.entity, reach: 'item', role: 'rollback', detail: `releases the ${guard.attribute} claim if the item put fails` });
      }
      return requests;
    }
    case 'get':
      return [{ ...base, action: 'GetItem', reach: 'item', consistent: true, ...(expiry ? { detail: expiry } : {}) }];
    case 'update': {
      const changed = guards.filter((guard) => !need.updated?.length || need.updated.includes(guard.attribute));
      // read-modify-write: apply keeps the app's read of the item as one GetItem, which the handler needs granted
      const requests: PlannedRequest[] = need.readsFirst ? [{ ...base, action: 'GetItem', reach: 'item', consistent: true, role: 'read-before-write', detail: 'reads the item the code changes' }] : [];
      for (const guard of changed) {
        requests.push({ action: 'PutItem', table: guard.table, entity: need.entity, reach: 'item', role: 'guard', detail: `claims the new ${guard.attribute} (attribute_not_exists, or the guard already holds this item's id)` });
      }
      requests.push({ ...base, action: 'UpdateItem', reach: 'item', detail: 'attribute_exists on the key, so a missing item stays a 404', updated: need.updated ?? [] });
      for (const guard of changed) requests.push({ action: 'DeleteItem', table: guard.table, entity: need.entity, reach: 'item', role: 'guard', detail: `releases the old ${guard.attribute}` });
      return requests;
    }
    case 'delete': {
      if (need.counter) {
        const counter = entity.idStrategy === 'counter' && entity.counter && findTable(design, entity.counter.table) ? entity.counter : undefined;
        return counter ? [{ action: 'DeleteItem', table: counter.table, entity: need.entity, reach: 'item', role: 'counter', detail: 'resets the id counter (SQLite\'s sqlite_sequence row): the next id is 1 again' }] : [];
      }
      const requests: PlannedRequest[] = [{ ...base, action: 'DeleteItem', reach: 'item', detail: 'ReturnValues ALL_OLD tells whether it existed' }];
      // found first, then removed (`if (note) { … }`): apply keeps that read as one GetItem
      if (need.readsFirst) requests.unshift({ ...base, action: 'GetItem', reach: 'item', consistent: true, role: 'read-before-write', detail: 'reads the item the code removes, when it looks it up first' });
      for (const guard of guards) requests.push({ action: 'DeleteItem', table: guard.table, entity: need.entity, reach: 'item', role: 'guard', detail: `releases its ${guard.attribute}` });
      return requests;
    }
    case 'list':
      return [readMany(design, need, null, [], expiry)];
    case 'lookup': {
      const guard = guards.find((item) => item.attribute === need.attributes[0] && item.lookup === 'guard');
      if (guard && need.attributes.length === 1 && !need.sort && !need.pagination) {
        return [
          { action: 'GetItem', table: guard.table, entity: need.entity, reach: 'item', consistent: true, role: 'guard', detail: `the ${guard.attribute} guard holds the id` },
          { ...base, action: 'GetItem', reach: 'item', consistent: true, ...(expiry ? { detail: expiry } : {}) },
        ];
      }
      if (need.match) {
        // no index can answer it: every item is read and the FilterExpression keeps the matching ones
        const scan = readMany(design, need, undefined, [], expiry);
        const filter = `FilterExpression ${describeMatch(need.match, need.attributes)} (no index: a GSI key needs an equality)`;
        return [{ ...scan, detail: [filter, ...(scan.detail ? [scan.detail] : [])].join('; ') }];
      }
      return [readMany(design, need, pickServedAttribute(design, model, need), need.attributes, expiry)];
    }
    case 'delete-related': {
      // no attributes: every item (`DELETE FROM t`), read as a list is (the whole-entity index, else a Scan)
      const read = readMany(design, { ...need, sort: undefined }, need.attributes.length ? pickServedAttribute(design, model, need) : null, need.attributes, undefined);
      return [{ ...read, role: 'cascade' }, { ...base, action: 'BatchWriteItem', reach: read.reach, role: 'cascade', detail: 'deletes in chunks of 25, retrying UnprocessedItems' }];
    }
    case 'join': {
      const join = need.join!;
      const other = findEntityTable(design, join.entity);
      if (!other) return [];
      if (join.kind === 'many-to-one') {
        return [{ action: need.many ? 'BatchGetItem' : 'GetItem', table: other.name, entity: join.entity, reach: 'item', consistent: !need.many, detail: `${join.entity} by ${need.entity}.${join.attribute}` }];
      }
      return [readMany(design, { ...need, entity: join.entity, sort: undefined, pagination: undefined }, join.attribute, [join.attribute], getExpiryDetail(design, join.entity))];
    }
  }
}

/** A Query on the index that serves `attribute` (null: every item), or a Scan when none does. */
function readMany(design: TableDesign, need: AccessNeed, attribute: string | null | undefined, attributes: string[], expiry: string | undefined): PlannedRequest {
  const table = findEntityTable(design, need.entity)!;
  const tableKey = attribute ? findServingTableKey(design, need.entity, attribute, need.sort?.attribute) : undefined;
  const index = attribute !== undefined && !tableKey ? findServingIndex(design, need.entity, attribute, need.sort?.attribute) : undefined;
  const filters = attributes.filter((name) => name !== attribute);
  const details: string[] = [];
  if (tableKey) {
    if (isSingleTable(design)) details.push(`begins_with(${table.sortKey!.name}, '${design.entities[need.entity]!.keys!.sortKey!.split('#')[0]}#') keeps only ${need.entity} items`);
    if (filters.length) details.push(`FilterExpression on ${filters.join(', ')}`);
    if (need.sort) details.push(tableKey.sorted ? `ScanIndexForward=${need.sort.order === 'desc' ? 'false' : 'true'}` : `sorted by ${need.sort.attribute} in the app`);
  } else if (index) {
    const keys = isSingleTable(design) ? design.entities[need.entity]?.indexKeys?.[index.name] : undefined;
    const sortName = table.gsis.find((gsi) => gsi.name === index.name)?.sortKey?.name;
    if (keys?.sortKey && sortName) details.push(`begins_with(${sortName}, '${keys.sortKey.split('#')[0]}#') keeps only ${need.entity} items`);
    if (filters.length) details.push(`FilterExpression on ${filters.join(', ')}`);
    if (need.sort) details.push(index.sorted ? `ScanIndexForward=${need.sort.order === 'desc' ? 'false' : 'true'}` : `sorted by ${need.sort.attribute} in the app`);
  } else {
    if (isSingleTable(design)) details.push(`FilterExpression on the ${need.entity} key prefix`);
    if (attributes.length) details.push(`FilterExpression on ${attributes.join(', ')}`);
    else if (need.kind === 'lookup') details.push('filtered in the app');
    if (need.sort) details.push(`sorted by ${need.sort.attribute} in the app`);
  }
  if (need.pagination) details.push('every matching item read, the page cut in the app');
  if (expiry) details.push(expiry);
  const detail = details.length ? { detail: details.join('; ') } : {};
  if (tableKey) return { action: 'Query', table: table.name, entity: need.entity, reach: 'partition', consistent: true, ...detail };
  if (index) return { action: 'Query', table: table.name, index: index.name, entity: need.entity, reach: 'partition', consistent: false, ...detail };
  return { action: 'Scan', table: table.name, entity: need.entity, reach: 'table', consistent: true, ...detail };
}

/** The lookup attribute an index serves, preferring the one the partition rule would pick. */
function describeMatch(match: NonNullable<AccessNeed['match']>, attributes: string[]): string {
  const each = (name: string) => (match === 'contains' ? `contains(${name}, :v)` : match === 'prefix' ? `begins_with(${name}, :v)` : `${name} compared with < > <= >=`);
  return attributes.map(each).join(' AND ');
}

function pickServedAttribute(design: TableDesign, model: AccessModel, need: AccessNeed): string | undefined {
  const types = getAttributeTypes(design, model, need.entity);
  const relations = model.entities.find((entity) => entity.name === need.entity)?.relations ?? [];
  const ranked = [...need.attributes].sort((a, b) => rank(a) - rank(b));
  function rank(name: string): number {
    return relations.some((relation) => relation.field === name) ? 0 : types[name] === 'boolean' ? 2 : 1;
  }
  const served = (name: string) => findServingTableKey(design, need.entity, name) ?? findServingIndex(design, need.entity, name, need.sort?.attribute);
  return ranked.find(served);
}

function getExpiryDetail(design: TableDesign, entityName: string): string | undefined {
  const table = findEntityTable(design, entityName);
  const entity = design.entities[entityName];
  if (!table?.ttlAttribute || !entity) return undefined;
  const owns = (entity.derivedAttributes ?? []).some((item) => item.name === table.ttlAttribute) || table.ttlAttribute in (entity.attributes ?? {});
  return owns ? `drops items whose ${table.ttlAttribute} has passed (TTL deletes late)` : undefined;
}
