/**
 * The one definition of "an app record as a DynamoDB item", per `.migration/dynamodb.json`.
 * migrate-data writes exactly these items; code that apply emits must write the same shape, so a
 * record created by the migrated app and a record copied by migrate-data are indistinguishable.
 *
 *  - The item is the record's own attributes, unchanged, plus:
 *  - derived attributes (`derivedAttributes`): 'epoch-seconds' = the `from` time in whole seconds
 *    (ISO text, a Date, or a number; numbers above 1e11 are milliseconds), 'string' =
 *    `String(from)` (booleans used as index keys), 'constant' = `value`. A derived attribute whose
 *    source is absent (or not a time) is left out, which keeps the item out of a sparse index.
 *  - single-table keys (`keys`, `indexKeys`): templates filled from the item, `{attr}` = the
 *    value as text, `{attr:pad}` = a non-negative integer zero-padded to 20 digits.
 *  - guard items (`uniqueAttributes`): one per unique attribute that has a value, in the guard
 *    table, keyed by the guard template; it holds the record's id under the id attribute's name
 *    (e.g. `{ uniqueKey: 'User#email#ada@example.com', id: 7 }`), which a 'guard' lookup reads.
 *  - counters (`counter`): not an item per record; the counter item holds the highest id in use
 *    (the app's next id is that plus one, via ADD 1).
 */
import type { DerivedAttribute, EntityDesign, TableDesign } from '../model/table-design';

export type Item = Record<string, unknown>;

/** A record whose table key cannot be built (a key template names an attribute the record lacks). */
export class ItemKeyError extends Error {}

/** The item for one record of `entityName`. Throws ItemKeyError when a table key template cannot be filled. */
export function toItem(design: TableDesign, entityName: string, record: Item): Item {
  const entity = getEntity(design, entityName);
  const item: Item = { ...record };
  for (const derived of entity.derivedAttributes ?? []) {
    const value = computeDerivedAttribute(derived, record);
    if (value === undefined) delete item[derived.name];
    else item[derived.name] = value;
  }
  const table = design.tables.find((candidate) => candidate.name === entity.table);
  if (entity.keys && table) {
    const partition = fillKeyTemplate(entity.keys.partitionKey, item);
    if (partition === undefined) throw new ItemKeyError(`cannot build ${table.partitionKey.name} from template ${entity.keys.partitionKey}: ${missingAttributes(entity.keys.partitionKey, item)}`);
    item[table.partitionKey.name] = partition;
    if (table.sortKey) {
      const template = entity.keys.sortKey ?? entity.keys.partitionKey;
      const sort = fillKeyTemplate(template, item);
      if (sort === undefined) throw new ItemKeyError(`cannot build ${table.sortKey.name} from template ${template}: ${missingAttributes(template, item)}`);
      item[table.sortKey.name] = sort;
    }
  }
  for (const [indexName, templates] of Object.entries(entity.indexKeys ?? {})) {
    const gsi = table?.gsis.find((candidate) => candidate.name === indexName);
    if (!gsi) continue;
    const partition = fillKeyTemplate(templates.partitionKey, item);
    const sort = templates.sortKey === undefined ? undefined : fillKeyTemplate(templates.sortKey, item);
    // both keys or neither: an item with half an index key would be rejected by DynamoDB
    if (partition === undefined || (gsi.sortKey && templates.sortKey !== undefined && sort === undefined)) continue;
    item[gsi.partitionKey.name] = partition;
    if (gsi.sortKey && sort !== undefined) item[gsi.sortKey.name] = sort;
  }
  return item;
}

/** The guard items that keep the entity's unique attributes unique, with the table each goes to. */
export function toGuardItems(design: TableDesign, entityName: string, record: Item): { table: string; attribute: string; item: Item }[] {
  const entity = getEntity(design, entityName);
  const idName = getIdName(design, entityName);
  const guards: { table: string; attribute: string; item: Item }[] = [];
  for (const unique of entity.uniqueAttributes ?? []) {
    const value = record[unique.attribute];
    if (value === undefined || value === null || value === '') continue; // nothing to claim
    const item: Item = {};
    let complete = true;
    for (const [attribute, template] of Object.entries(unique.key)) {
      const filled = fillKeyTemplate(template, record);
      if (filled === undefined) complete = false;
      else item[attribute] = filled;
    }
    if (!complete) continue;
    if (!(idName in item)) item[idName] = record[idName];
    guards.push({ table: unique.table, attribute: unique.attribute, item });
  }
  return guards;
}

/** The app's id attribute of an entity: the design's idAttribute, else its table's partition key. */
export function getIdName(design: TableDesign, entityName: string): string {
  const entity = getEntity(design, entityName);
  if (entity.idAttribute) return entity.idAttribute.name;
  const table = design.tables.find((candidate) => candidate.name === entity.table);
  return table && !entity.keys ? table.partitionKey.name : 'id';
}

/** `NOTE#{id}` → `NOTE#7`; `{n:pad}` → 20-digit zero-padded. Undefined when a placeholder has no usable value. */
export function fillKeyTemplate(template: string, values: Item): string | undefined {
  let complete = true;
  const text = template.replace(/\{([^}:]+)(?::([^}]*))?\}/g, (_whole, name: string, format: string | undefined) => {
    const value = values[name];
    if (value === undefined || value === null || value === '' || typeof value === 'object') {
      complete = false;
      return '';
    }
    if (format === 'pad') {
      const number = typeof value === 'number' ? value : Number(value);
      if (!Number.isSafeInteger(number) || number < 0) {
        complete = false;
        return '';
      }
      return String(number).padStart(20, '0');
    }
    return String(value);
  });
  return complete ? text : undefined;
}

export function computeDerivedAttribute(derived: DerivedAttribute, record: Item): unknown {
  switch (derived.as) {
    case 'constant':
      return derived.value;
    case 'string': {
      const value = derived.from === undefined ? undefined : record[derived.from];
      return value === undefined || value === null ? undefined : String(value);
    }
    case 'epoch-seconds':
      return derived.from === undefined ? undefined : toEpochSeconds(record[derived.from]);
    default:
      return undefined;
  }
}

/** A time as whole epoch seconds: ISO/date text, a Date, seconds or milliseconds (above 1e11). */
export function toEpochSeconds(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : Math.floor(value.getTime() / 1000);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return Math.floor(value > 1e11 ? value / 1000 : value);
  }
  if (typeof value === 'string' && value.trim() !== '') {
    if (/^\d+(\.\d+)?$/.test(value.trim())) return toEpochSeconds(Number(value));
    // SQLite's `YYYY-MM-DD HH:MM:SS` is UTC; Date.parse reads it as local time without the T and Z
    const text = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
    const time = Date.parse(text);
    return Number.isNaN(time) ? undefined : Math.floor(time / 1000);
  }
  return undefined;
}

function getEntity(design: TableDesign, entityName: string): EntityDesign {
  const entity = design.entities[entityName];
  if (!entity) throw new Error(`the design has no entity ${entityName}`);
  return entity;
}

function missingAttributes(template: string, item: Item): string {
  const names = [...template.matchAll(/\{([^}:]+)(?::[^}]*)?\}/g)].map((match) => match[1]);
  const missing = names.filter((name) => item[name] === undefined || item[name] === null || item[name] === '');
  return missing.length ? `no ${missing.join(', ')}` : `${names.join(', ')} not usable as key text`;
}
