import type { TableDesign, TableDesignEntry } from '../../model/table-design';
import { findHelperTable, isSingleTable } from '../design-lookup';
import { COUNTERS_ENV_VAR, COUNTERS_TABLE_NAME, UNIQUE_VALUES_ENV_VAR, UNIQUE_VALUES_TABLE_NAME } from '../naming';
import { createTable } from './choose-keys';

const HELPERS = {
  counters: { name: COUNTERS_TABLE_NAME, envVar: COUNTERS_ENV_VAR, key: 'counter' },
  'unique-values': { name: UNIQUE_VALUES_TABLE_NAME, envVar: UNIQUE_VALUES_ENV_VAR, key: 'uniqueKey' },
} as const;

/**
 * The table holding counter items or uniqueness guards, created on first use. In the single-table
 * layout these items live in the one table. A helper table is found by purpose, not by name, so
 * renaming it by hand keeps working.
 */
export function ensureHelperTable(design: TableDesign, purpose: 'counters' | 'unique-values', entity: string): TableDesignEntry {
  if (isSingleTable(design)) return design.tables[0];
  let table = findHelperTable(design, purpose);
  if (!table) {
    const helper = HELPERS[purpose];
    const name = getFreeName(design, helper.name);
    table = createTable(name, name === helper.name ? helper.envVar : `${helper.envVar.replace(/_TABLE_NAME$/, '')}_HELPER_TABLE_NAME`, entity, { name: helper.key, type: 'string' }, purpose);
    design.tables.push(table);
  }
  const served = table.entities ?? [table.entity];
  if (!served.includes(entity)) served.push(entity);
  table.entities = served;
  return table;
}

/** The key attribute of the helper table (its partition key). */
export function getHelperKeyName(table: TableDesignEntry): string {
  return table.partitionKey.name;
}

function getFreeName(design: TableDesign, name: string): string {
  const taken = new Set(design.tables.map((table) => table.name));
  if (!taken.has(name)) return name;
  let candidate = `App${name}`;
  for (let n = 2; taken.has(candidate); n += 1) candidate = `App${name}${n}`;
  return candidate;
}
