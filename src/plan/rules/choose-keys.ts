import type { AccessModel, EntityRecord } from '../../model/access-model';
import type { EntityDesign, KeyAttribute, TableDesign, TableDesignEntry, TablePurpose } from '../../model/table-design';
import { getEntityAttributeTypes } from '../attribute-types';
import { getEnvVarName, getKeyPrefix, getTableName, SINGLE_TABLE_ENV_VAR, SINGLE_TABLE_NAME } from '../naming';
import { findCompositeKeys } from '../find-composite-keys';
import { findNaturalKeys, withPlannedKey } from '../find-natural-keys';
import { getDefaultIdStrategy } from './choose-id-strategy';

/**
 * Key choice. Table per entity (default): the partition key is the entity's own id with its own
 * type, so every read by id is a GetItem and the API's ids do not change; no sort key, because
 * the id alone is unique. An entity the app finds only by a unique natural key (a link's `code`)
 * is keyed on it instead (find-natural-keys.ts). A composite primary key (a join table's `PRIMARY KEY (post_id, tag_id)`)
 * keeps its first column as partition key and its second as sort key: one item per row, and the
 * rows sharing the first column are one Query. Single table: typed string keys `PK`/`SK` =
 * `NOTE#<id>`, so entities share one table without colliding.
 */
export function createTablePerEntity(model: AccessModel): TableDesign {
  const design: TableDesign = { version: 1, layout: 'table-per-entity', tables: [], entities: {}, handlers: [] };
  const composite = findCompositeKeys(model);
  const natural = findNaturalKeys(model);
  for (const entity of model.entities.map((item) => withPlannedKey(item, natural))) {
    const table = createTable(getTableName(entity.name), getEnvVarName(entity.name), entity.name, { ...entity.key });
    const sortKey = composite.get(entity.name)?.sortKey;
    if (sortKey) table.sortKey = { ...sortKey };
    design.tables.push(table);
    design.entities[entity.name] = createEntityDesign(entity, model, table.name);
  }
  return design;
}

export function createSingleTable(model: AccessModel): TableDesign {
  const design: TableDesign = { version: 1, layout: 'single-table', tables: [], entities: {}, handlers: [] };
  if (!model.entities.length) return design;
  const table = createTable(SINGLE_TABLE_NAME, SINGLE_TABLE_ENV_VAR, model.entities[0].name, { name: 'PK', type: 'string' }, 'single-table');
  table.sortKey = { name: 'SK', type: 'string' };
  table.entities = model.entities.map((entity) => entity.name);
  design.tables.push(table);
  const composite = findCompositeKeys(model);
  const natural = findNaturalKeys(model);
  for (const entity of model.entities.map((item) => withPlannedKey(item, natural))) {
    const entry = createEntityDesign(entity, model, table.name);
    entry.keys = getSingleTableKeys(entity.name, entity.key.name, composite.get(entity.name)?.sortKey);
    design.entities[entity.name] = entry;
  }
  return design;
}

/**
 * `NOTE#{id}` for both keys: one item per partition, typed so entities never collide. A composite
 * key puts its second part in the sort key (`POST_TAG#{post_id}` / `POST_TAG#{tag_id}`), so the
 * items sharing the first part are one Query (numbers zero-padded so they sort as text).
 */
export function getSingleTableKeys(entity: string, idName: string, sort?: KeyAttribute): { partitionKey: string; sortKey: string } {
  const template = `${getKeyPrefix(entity)}#{${idName}}`;
  if (!sort) return { partitionKey: template, sortKey: template };
  return { partitionKey: template, sortKey: `${getKeyPrefix(entity)}#{${sort.name}${sort.type === 'number' ? ':pad' : ''}}` };
}

export function createTable(name: string, envVar: string, entity: string, partitionKey: KeyAttribute, purpose: TablePurpose = 'entity'): TableDesignEntry {
  return {
    name,
    envVar,
    entity,
    ...(purpose === 'entity' ? {} : { purpose }),
    partitionKey,
    gsis: [],
    billing: 'PAY_PER_REQUEST',
    pointInTimeRecovery: true,
    removalPolicy: 'destroy',
    encryption: 'AWS_OWNED',
  };
}

export function createEntityDesign(entity: EntityRecord, model: AccessModel, table: string): EntityDesign {
  return {
    table,
    idStrategy: getDefaultIdStrategy(entity),
    idAttribute: { ...entity.key },
    attributes: getEntityAttributeTypes(entity, model),
  };
}
