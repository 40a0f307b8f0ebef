import type { AccessModel } from '../../model/access-model';
import type { DerivedAttribute, GsiDesign, KeyAttribute, TableDesign } from '../../model/table-design';
import type { AccessAnalysis, AccessNeed } from '../access-needs';
import { getKeyType, type AttributeType } from '../attribute-types';
import { findEntityTable, getAttributeTypes, isSingleTable } from '../design-lookup';
import { findServingTableKey } from '../index-resolver';
import { getIndexName, getKeyPrefix, toUpperSnake } from '../naming';

/** One question the code asks that only an index answers: items of `entity` where `partition` = ?, ordered by `sort`. */
export interface IndexNeed {
  entity: string;
  /** null: every item of the entity (a sorted, paged list). */
  partition: string | null;
  sort?: string;
  reason: string;
}

export const ITEM_TYPE_ATTRIBUTE = 'itemType';

/**
 * GSIs. Each lookup by a non-key attribute (filter-by-attr, relations, lookups by email or short
 * code that no guard item answers), each cascade and each one-to-many join needs a GSI whose
 * partition key is that attribute; where the code sorts the result, the sort attribute becomes
 * the index's sort key so the Query returns items in order (ScanIndexForward=false for newest
 * first). A sorted, paged list of all items gets an index on a constant attribute, because a
 * Scan can neither sort nor page in order. In the single-table layout every list does, since a
 * Scan would read every entity.
 */
export function findIndexNeeds(analysis: AccessAnalysis, design: TableDesign, model: AccessModel): IndexNeed[] {
  const needs: IndexNeed[] = [];
  const add = (need: IndexNeed) => {
    if (findServingTableKey(design, need.entity, need.partition)) return; // the table's own keys answer it
    const same = needs.find((known) => known.entity === need.entity && known.partition === need.partition && known.sort === need.sort);
    if (!same) needs.push(need);
    else if (!same.reason.includes(need.reason)) same.reason += `; ${need.reason}`;
  };
  const single = isSingleTable(design);
  for (const need of analysis.needs) {
    const entity = design.entities[need.entity];
    if (!entity) continue;
    const sort = keyableSort(design, model, need);
    switch (need.kind) {
      case 'lookup': {
        // a text search, prefix or range filter: a GSI's partition key answers only an equality
        if (!need.attributes.length || need.match) break;
        const guard = entity.uniqueAttributes?.find((item) => item.attribute === need.attributes[0] && item.lookup === 'guard');
        if (guard && need.attributes.length === 1 && !need.sort && !need.pagination) break;
        const partition = pickPartitionAttribute(design, model, need.entity, need.attributes, need.sort?.attribute);
        if (partition) add({ entity: need.entity, partition, ...(sort ? { sort } : {}), reason: describeLookup(need) });
        break;
      }
      case 'delete-related': {
        const partition = pickPartitionAttribute(design, model, need.entity, need.attributes);
        if (partition) add({ entity: need.entity, partition, reason: need.cascadeFrom ? `delete the ${need.entity} items of a deleted ${need.cascadeFrom}` : `delete ${need.entity} items by ${partition}` });
        break;
      }
      case 'join':
        if (need.join?.kind === 'one-to-many' && design.entities[need.join.entity]) {
          add({ entity: need.join.entity, partition: need.join.attribute, reason: `${need.entity} joined with its ${need.join.entity} items` });
        }
        break;
      case 'list':
        if (single || (sort && need.pagination)) {
          add({ entity: need.entity, partition: null, ...(sort ? { sort } : {}), reason: `list ${need.entity} items${sort ? ` ordered by ${sort}` : ''}${need.pagination ? ', one page at a time' : ''}` });
        }
        break;
    }
  }
  return needs;
}

function keyableSort(design: TableDesign, model: AccessModel, need: AccessNeed): string | undefined {
  if (!need.sort) return undefined;
  const type = getAttributeTypes(design, model, need.entity)[need.sort.attribute];
  return type && canBeKey(type) ? need.sort.attribute : undefined;
}

/**
 * The attribute of a multi-attribute lookup that partitions best: a foreign key first (many
 * distinct values), then a unique attribute, then plain text/number values, booleans last (two
 * partitions only). The other attributes become a FilterExpression on the Query.
 */
export function pickPartitionAttribute(design: TableDesign, model: AccessModel, entityName: string, attributes: string[], sort?: string): string | undefined {
  const types = getAttributeTypes(design, model, entityName);
  const relations = model.entities.find((entity) => entity.name === entityName)?.relations ?? [];
  const unique = design.entities[entityName]?.uniqueAttributes ?? [];
  const rank = (name: string) =>
    relations.some((relation) => relation.field === name) ? 0 : unique.some((item) => item.attribute === name) ? 1 : types[name] === 'boolean' ? 3 : 2;
  const candidates = attributes.filter((name) => name !== sort && types[name] !== undefined && canBeKey(types[name]));
  return [...candidates].sort((a, b) => rank(a) - rank(b))[0];
}

function canBeKey(type: AttributeType): boolean {
  return getKeyType(type) !== undefined || type === 'boolean';
}

function describeLookup(need: AccessNeed): string {
  const by = need.attributes.join(' and ');
  return `${need.entity} items by ${by}${need.sort ? `, ${need.sort.order === 'desc' ? 'newest' : 'lowest'} ${need.sort.attribute} first` : ''}`;
}

/** Table per entity: one GSI per (partition, sort) pair on the entity's own table. */
export function addTableIndexes(design: TableDesign, model: AccessModel, needs: IndexNeed[]): void {
  const ordered = [...needs].sort((a, b) => Number(!!b.sort) - Number(!!a.sort)); // sorted first: they also serve unsorted lookups
  for (const need of ordered) addTableIndex(design, model, need);
  for (const table of design.tables) table.gsis.sort((a, b) => needIndex(needs, table.entity, a) - needIndex(needs, table.entity, b));
}

function needIndex(needs: IndexNeed[], entity: string, gsi: GsiDesign): number {
  const position = needs.findIndex((need) => need.entity === entity && gsi.name === getIndexName(need.partition ?? ITEM_TYPE_ATTRIBUTE, need.sort));
  return position === -1 ? needs.length : position;
}

export function addTableIndex(design: TableDesign, model: AccessModel, need: IndexNeed): GsiDesign | undefined {
  const table = findEntityTable(design, need.entity);
  const entity = design.entities[need.entity];
  if (!table || !entity) return undefined;
  const types = getAttributeTypes(design, model, need.entity);
  const partitionKey = need.partition === null ? addConstantKey(design, need.entity) : getIndexKey(design, need.entity, need.partition, types[need.partition]);
  const sortKey = need.sort ? getIndexKey(design, need.entity, need.sort, types[need.sort]) : undefined;
  if (!partitionKey) return undefined;
  const existing = table.gsis.find((gsi) => gsi.partitionKey.name === partitionKey.name && (!sortKey || gsi.sortKey?.name === sortKey.name));
  if (existing) {
    if (existing.reason && !existing.reason.includes(need.reason)) existing.reason += `; ${need.reason}`;
    return existing;
  }
  const gsi: GsiDesign = {
    name: getIndexName(need.partition ?? ITEM_TYPE_ATTRIBUTE, need.sort),
    partitionKey,
    ...(sortKey ? { sortKey } : {}),
    projection: 'ALL',
    reason: need.reason,
  };
  table.gsis.push(gsi);
  return gsi;
}

/** A key attribute for `attribute`: itself when DynamoDB can key on its type, else a derived string copy. */
function getIndexKey(design: TableDesign, entityName: string, attribute: string, type: AttributeType | undefined): KeyAttribute | undefined {
  if (type === undefined) return undefined;
  const keyType = getKeyType(type);
  if (keyType) return { name: attribute, type: keyType };
  if (type !== 'boolean') return undefined;
  const name = `${attribute}Key`;
  addDerivedAttribute(design, entityName, { name, as: 'string', from: attribute });
  return { name, type: 'string' };
}

function addConstantKey(design: TableDesign, entityName: string): KeyAttribute {
  addDerivedAttribute(design, entityName, { name: ITEM_TYPE_ATTRIBUTE, as: 'constant', value: entityName });
  return { name: ITEM_TYPE_ATTRIBUTE, type: 'string' };
}

export function addDerivedAttribute(design: TableDesign, entityName: string, derived: DerivedAttribute): void {
  const entity = design.entities[entityName];
  const list = entity.derivedAttributes ?? [];
  if (!list.some((item) => item.name === derived.name)) list.push(derived);
  entity.derivedAttributes = list;
}

/**
 * Single table: GSIs are shared ("overloaded"). The n-th access path of each entity uses index
 * `GSI<n>`, whose keys `GSI<n>PK`/`GSI<n>SK` hold typed text the entity fills from its templates,
 * e.g. `POST#{postId}` / `COMMENT#{createdAt}` for "comments of a post, oldest first".
 */
export function addOverloadedIndexes(design: TableDesign, model: AccessModel, needs: IndexNeed[]): void {
  const table = design.tables[0];
  if (!table) return;
  for (const entityName of Object.keys(design.entities)) {
    const paths = needs.filter((need) => need.entity === entityName);
    const kept = paths.filter((need) => need.sort || !paths.some((other) => other.partition === need.partition && other.sort));
    kept.sort((a, b) => Number(a.partition !== null) - Number(b.partition !== null));
    kept.forEach((need, slot) => addOverloadedPath(design, model, need, slot + 1));
  }
}

export function addOverloadedPath(design: TableDesign, model: AccessModel, need: IndexNeed, slot: number): string {
  const table = design.tables[0];
  const name = `GSI${slot}`;
  if (!table.gsis.some((gsi) => gsi.name === name)) {
    table.gsis.push({ name, partitionKey: { name: `${name}PK`, type: 'string' }, sortKey: { name: `${name}SK`, type: 'string' }, projection: 'ALL' });
  }
  const gsi = table.gsis.find((item) => item.name === name)!;
  gsi.reason = gsi.reason && !gsi.reason.includes(need.reason) ? `${gsi.reason}; ${need.reason}` : gsi.reason ?? need.reason;
  const entity = design.entities[need.entity];
  const types = getAttributeTypes(design, model, need.entity);
  const prefix = getKeyPrefix(need.entity);
  const idName = entity.idAttribute?.name ?? 'id';
  const placeholder = (attribute: string) => (types[attribute] === 'number' ? `{${attribute}:pad}` : `{${attribute}}`);
  const relation = model.entities.find((item) => item.name === need.entity)?.relations.find((item) => item.field === need.partition);
  const partitionKey =
    need.partition === null ? prefix : relation ? `${getKeyPrefix(relation.entity)}#{${need.partition}}` : `${prefix}#${toUpperSnake(need.partition)}#{${need.partition}}`;
  entity.indexKeys = { ...(entity.indexKeys ?? {}), [name]: { partitionKey, sortKey: `${prefix}#${placeholder(need.sort ?? idName)}` } };
  return name;
}
