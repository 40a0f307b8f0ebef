/**
 * What migrate-data needs to know about an entity of the design: its table (and the physical
 * name the app will use: the env var named in the design, else the design's name — contract 3),
 * the key attributes and their types, the guard tables and the counter item.
 */
import type { EntityDesign, TableDesign, TableDesignEntry } from '../model/table-design';
import type { NormaliseOptions } from './normaliseRecord';
import { getIdName, type Item } from './toItem';

export interface TableTarget {
  design: TableDesignEntry;
  /** The physical table name: `process.env[envVar]` when set, else the design's name. */
  name: string;
}

export interface EntityPlan {
  entity: string;
  design: EntityDesign;
  table: TableTarget;
  idName: string;
  /** Normalisation settings that do not depend on the source. */
  normalise: Pick<NormaliseOptions, 'idName' | 'types' | 'keyTypes'>;
  counter?: { table: TableTarget; key: Item; attribute: string };
}

/** Physical name of each design table. */
export function resolveTableNames(design: TableDesign, env: NodeJS.ProcessEnv): Map<string, TableTarget> {
  return new Map(design.tables.map((table) => [table.name, { design: table, name: (table.envVar && env[table.envVar]?.trim()) || table.name }]));
}

export function planEntity(design: TableDesign, entityName: string, tables: Map<string, TableTarget>): EntityPlan {
  const entity = design.entities[entityName];
  if (!entity) throw new Error(`the design has no entity ${entityName}`);
  const table = tables.get(entity.table);
  if (!table) throw new Error(`entity ${entityName} names table ${entity.table}, which the design does not define`);
  const idName = getIdName(design, entityName);
  const keyTypes: Record<string, 'string' | 'number'> = {};
  if (entity.idAttribute) keyTypes[entity.idAttribute.name] = entity.idAttribute.type;
  if (!entity.keys) {
    keyTypes[table.design.partitionKey.name] = table.design.partitionKey.type;
    if (table.design.sortKey) keyTypes[table.design.sortKey.name] = table.design.sortKey.type;
  }
  const derived = new Set((entity.derivedAttributes ?? []).map((item) => item.name));
  const templated = new Set(Object.keys(entity.indexKeys ?? {}));
  for (const gsi of table.design.gsis) {
    if (templated.has(gsi.name)) continue;
    for (const key of [gsi.partitionKey, gsi.sortKey]) if (key && !derived.has(key.name) && !(key.name in keyTypes)) keyTypes[key.name] = key.type;
  }
  const plan: EntityPlan = { entity: entityName, design: entity, table, idName, normalise: { idName, types: { ...(entity.attributes ?? {}) }, keyTypes } };
  if (entity.counter) {
    const counterTable = tables.get(entity.counter.table);
    if (!counterTable) throw new Error(`entity ${entityName}: counter table ${entity.counter.table} is not in the design`);
    plan.counter = { table: counterTable, key: { ...entity.counter.key }, attribute: entity.counter.attribute };
  }
  return plan;
}

/** The key attributes of an item in a table (partition key, and sort key when the table has one). */
export function getItemKey(table: TableDesignEntry, item: Item): Item {
  const key: Item = { [table.partitionKey.name]: item[table.partitionKey.name] };
  if (table.sortKey) key[table.sortKey.name] = item[table.sortKey.name];
  return key;
}

/** `id=7`, `PK=NOTE#1, SK=NOTE#1`: a key for people to read. */
export function formatKey(key: Item): string {
  return Object.entries(key)
    .map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}
