/**
 * One source record → the items it becomes (its entity item and its guard items), each checked
 * against what DynamoDB accepts: every table key present with its type, index keys of the right
 * type when present, text keys not empty, the item within 400 KB. Deterministic, so the validate,
 * write, verify and export passes all see the same items.
 */
import type { TableDesign, TableDesignEntry } from '../model/table-design';
import type { EntityPlan, TableTarget } from './entityPlan';
import { formatKey, getItemKey } from './entityPlan';
import { getItemSize, MAX_ITEM_BYTES } from './itemSize';
import { normaliseRecord, type NormaliseOptions } from './normaliseRecord';
import { ItemKeyError, toGuardItems, toItem, type Item } from './toItem';
import type { MigrationSource, SourceRecord } from './types';

export interface PreparedItem {
  table: TableTarget;
  item: Item;
  /** What the item is, for messages: 'item' or 'guard for email'. */
  role: string;
  /** For a guard item: the unique value it claims. */
  value?: unknown;
}

export interface PreparedRecord {
  ref: string;
  /** The record's key as text (`id=7`), when it could be read. */
  keyText?: string;
  /** The record's id value (for counters). */
  id?: unknown;
  items: PreparedItem[];
  problems: string[];
}

export function getNormaliseOptions(plan: EntityPlan, source: MigrationSource): NormaliseOptions {
  return { ...plan.normalise, ...(source.columnNames ? { columnNames: source.columnNames } : {}), sqlite: source.kind === 'sqlite' };
}

export function prepareRecord(design: TableDesign, plan: EntityPlan, tables: Map<string, TableTarget>, options: NormaliseOptions, source: SourceRecord): PreparedRecord {
  const normalised = normaliseRecord(source, options);
  if (!normalised.ok) return { ref: source.ref, items: [], problems: [normalised.message] };
  const record = normalised.record;
  const prepared: PreparedRecord = { ref: source.ref, id: record[plan.idName], items: [], problems: [] };
  let item: Item;
  try {
    item = toItem(design, plan.entity, record);
  } catch (error) {
    if (!(error instanceof ItemKeyError)) throw error;
    prepared.problems.push(error.message);
    return prepared;
  }
  const keyProblems = checkKeys(plan.table.design, item);
  if (!keyProblems.missing) prepared.keyText = formatKey(getItemKey(plan.table.design, item));
  prepared.problems.push(...keyProblems.messages);
  checkSize(item, 'the item', prepared.problems);
  prepared.items.push({ table: plan.table, item, role: 'item' });
  for (const guard of toGuardItems(design, plan.entity, record)) {
    const table = tables.get(guard.table);
    if (!table) {
      prepared.problems.push(`the guard table ${guard.table} for ${guard.attribute} is not in the design`);
      continue;
    }
    const guardProblems = checkKeys(table.design, guard.item);
    prepared.problems.push(...guardProblems.messages.map((message) => `guard item for ${guard.attribute}: ${message}`));
    checkSize(guard.item, `the guard item for ${guard.attribute}`, prepared.problems);
    prepared.items.push({ table, item: guard.item, role: `guard for ${guard.attribute}`, value: record[guard.attribute] });
  }
  return prepared;
}

function checkKeys(table: TableDesignEntry, item: Item): { missing: boolean; messages: string[] } {
  const messages: string[] = [];
  let missing = false;
  for (const key of [table.partitionKey, table.sortKey]) {
    if (!key) continue;
    const value = item[key.name];
    if (value === undefined || value === null) {
      missing = true;
      messages.push(`has no ${key.name} (the table's ${key === table.partitionKey ? 'partition' : 'sort'} key)`);
    } else {
      const problem = checkKeyValue(value, key.type);
      if (problem) messages.push(`key ${key.name} ${problem}`);
    }
  }
  for (const gsi of table.gsis) {
    for (const key of [gsi.partitionKey, gsi.sortKey]) {
      if (!key) continue;
      const value = item[key.name];
      if (value === undefined || value === null) continue; // not in the index (sparse)
      const problem = checkKeyValue(value, key.type);
      if (problem) messages.push(`${key.name} (a key of index ${gsi.name}) ${problem}`);
    }
  }
  return { missing, messages };
}

function checkKeyValue(value: unknown, type: 'string' | 'number'): string | undefined {
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value) ? undefined : `must be a number, not ${describe(value)}`;
  if (typeof value !== 'string') return `must be text, not ${describe(value)}`;
  if (value === '') return 'is empty text, which DynamoDB does not accept as a key';
  if (Buffer.byteLength(value) > 2048) return 'is longer than 2048 bytes (the limit for a partition key)';
  return undefined;
}

function checkSize(item: Item, what: string, problems: string[]): void {
  const size = getItemSize(item);
  if (size > MAX_ITEM_BYTES) problems.push(`${what} is ${Math.ceil(size / 1024)} KB, over DynamoDB's 400 KB item limit`);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  return Array.isArray(value) ? 'a list' : typeof value;
}
