/**
 * The design entry an SQL table maps to: the scan names SQLite stores `sqlite:<db>#<table>`, the
 * plan maps the store's entity to a table (key, GSIs, counter). Items keep the column names the
 * plan lists as attributes, so rows read back have the shape the app already handled.
 */
import type { EntityDesign, TableDesignEntry } from '../model/table-design';
import type { ApplyAnalysis } from '../apply/analysis/buildApplyAnalysis';
import type { SqlTableSchema } from '../scan/sqlite';

export interface SqliteTarget {
  sqlTable: string;
  entityName: string;
  entity: EntityDesign;
  table: TableDesignEntry;
  keyName: string;
  counter?: { constName: string; key: Record<string, string>; attribute: string };
  /** CREATE TABLE as the scan read it (columns in order, defaults); undefined when the code has none. */
  schema?: SqlTableSchema;
}

/** `composite`: a table with a sort key too (a join table read by its partition key); `keyName` is then the partition key. */
export function findSqliteTarget(analysis: ApplyAnalysis, sqlTable: string, schema?: SqlTableSchema, options: { composite?: boolean } = {}): SqliteTarget | undefined {
  const store = analysis.model.stores.find((candidate) => candidate.id.startsWith('sqlite:') && candidate.id.slice(candidate.id.lastIndexOf('#') + 1) === sqlTable);
  const entity = store ? analysis.design.entities[store.entity] : undefined;
  const table = entity ? analysis.design.tables.find((candidate) => candidate.name === entity.table) : undefined;
  if (!store || !entity || !table || (table.sortKey && !options.composite) || analysis.design.layout === 'single-table') return undefined;
  const counterTable = entity.counter ? analysis.design.tables.find((candidate) => candidate.name === entity.counter?.table) : undefined;
  return {
    sqlTable,
    entityName: store.entity,
    entity,
    table,
    keyName: entity.idAttribute?.name ?? table.partitionKey.name,
    ...(schema ? { schema } : {}),
    ...(entity.idStrategy === 'counter' && entity.counter && counterTable
      ? { counter: { constName: counterTable.envVar, key: entity.counter.key, attribute: entity.counter.attribute } }
      : {}),
  };
}
