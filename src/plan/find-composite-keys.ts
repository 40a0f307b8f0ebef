import type { AccessModel, EntityRecord } from '../model/access-model';
import type { KeyAttribute } from '../model/table-design';
import { getEntityAttributeTypes, getKeyType } from './attribute-types';

export interface CompositeKey {
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  /** Key columns past the second: DynamoDB keys have two parts, so these are left to plan.md. */
  extra: string[];
}

// The scan reports the first column of a SQLite composite primary key as the entity's key and
// names all of them in this diagnostic (contract 1 has no sort key field).
const COMPOSITE = /^(\S+) has a composite primary key \(([^)]+)\)/;

/**
 * Entities whose SQLite table has a composite primary key (`PRIMARY KEY (post_id, tag_id)`):
 * the first column stays the partition key and the second becomes the sort key, so each row is
 * one item and "the tags of a post" is a Query on the table itself.
 */
export function findCompositeKeys(model: AccessModel): Map<string, CompositeKey> {
  const keys = new Map<string, CompositeKey>();
  for (const diagnostic of model.diagnostics) {
    if (diagnostic.code !== 'sql-composite-key') continue;
    const match = COMPOSITE.exec(diagnostic.message);
    if (!match) continue;
    const columns = match[2].split(',').map((column) => column.trim()).filter(Boolean);
    const entity = findTableEntity(model, match[1]);
    if (!entity || columns.length < 2 || columns[0] !== entity.key.name || keys.has(entity.name)) continue;
    const sortType = getKeyType(getEntityAttributeTypes(entity, model)[columns[1]] ?? 'unknown') ?? 'string';
    keys.set(entity.name, { partitionKey: { ...entity.key }, sortKey: { name: columns[1], type: sortType }, extra: columns.slice(2) });
  }
  return keys;
}

/** The entity stored in SQLite table `table` (store id `sqlite:<db file>#<table>`), when exactly one is. */
function findTableEntity(model: AccessModel, table: string): EntityRecord | undefined {
  const names = new Set(model.stores.filter((store) => store.id.startsWith('sqlite:') && store.id.endsWith(`#${table}`)).map((store) => store.entity));
  if (names.size !== 1) return undefined;
  const [name] = names;
  return model.entities.find((entity) => entity.name === name);
}
