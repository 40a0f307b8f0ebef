import type { EntityRecord } from '../../model/access-model';
import type { TableDesign } from '../../model/table-design';
import { findEntityTable, isSingleTable } from '../design-lookup';
import { getKeyPrefix } from '../naming';
import { ensureHelperTable, getHelperKeyName } from './helper-tables';

export type IdChoice = 'counter' | 'uuid';

/**
 * Id strategy. Ids the code makes with `length + 1`, `max + 1` or SQLite autoincrement cannot be
 * computed from a DynamoDB table without reading all of it, and two concurrent creates would get
 * the same id. An atomic counter item (UpdateItem ADD 1, ReturnValues UPDATED_NEW) keeps numeric
 * ids and the API contract; `--id-strategy uuid` switches to random ids, an API change.
 * Other strategies stay as the code has them: 'app' means the app's own id code is kept.
 */
export function getDefaultIdStrategy(entity: EntityRecord): string {
  switch (entity.idStrategy) {
    case 'increment':
    case 'autoincrement':
      return 'counter';
    case 'uuid':
    case 'client':
    case 'natural':
      return entity.idStrategy;
    default:
      return 'app';
  }
}

/** True when the code generates sequential numeric ids, the case the counter/uuid choice is about. */
export function hasSequentialIds(entity: EntityRecord): boolean {
  return entity.idStrategy === 'increment' || entity.idStrategy === 'autoincrement';
}

/** Sets the counter or uuid strategy on an entity, with the counter item or the key type it implies. */
export function setIdStrategy(design: TableDesign, entityName: string, choice: IdChoice, originalKeyType: 'string' | 'number'): void {
  const entity = design.entities[entityName];
  const idName = entity.idAttribute?.name ?? 'id';
  if (choice === 'counter') {
    entity.idStrategy = 'counter';
    entity.counter = getCounterDescriptor(design, entityName);
    setIdType(design, entityName, idName, originalKeyType);
    return;
  }
  entity.idStrategy = 'uuid';
  delete entity.counter;
  setIdType(design, entityName, idName, 'string');
}

function getCounterDescriptor(design: TableDesign, entityName: string): NonNullable<TableDesign['entities'][string]['counter']> {
  const table = ensureHelperTable(design, 'counters', entityName);
  if (isSingleTable(design)) {
    const key = `COUNTER#${getKeyPrefix(entityName)}`;
    return { table: table.name, key: { [table.partitionKey.name]: key, [table.sortKey?.name ?? 'SK']: key }, attribute: 'value' };
  }
  return { table: table.name, key: { [getHelperKeyName(table)]: entityName }, attribute: 'value' };
}

function setIdType(design: TableDesign, entityName: string, idName: string, type: 'string' | 'number'): void {
  const entity = design.entities[entityName];
  entity.idAttribute = { name: idName, type };
  if (entity.attributes) entity.attributes[idName] = type;
  const table = findEntityTable(design, entityName);
  if (table && !isSingleTable(design) && table.partitionKey.name === idName) table.partitionKey.type = type;
}
