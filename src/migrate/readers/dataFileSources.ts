/** MigrationSource for JSON data files and SQLite tables. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MigrationSource, SourceRecord } from '../types';
import { findJsonCollection, readJsonRecords, type JsonCollection } from './readJsonRecords';
import { JsonSyntaxError } from './jsonStream';
import { countSqliteRows, describeSqliteTable, openSqlite, readSqliteRecords, type SqliteDatabase } from './readSqliteRecords';

export function fingerprintFile(file: string): string {
  try {
    const stat = fs.statSync(file);
    return `${stat.size}:${Math.floor(stat.mtimeMs)}`;
  } catch {
    return 'missing';
  }
}

export async function createJsonSource(root: string, rel: string, entity: string, stores: string[]): Promise<MigrationSource> {
  const abs = path.resolve(root, rel);
  const source: MigrationSource = {
    stores,
    entity,
    kind: 'json',
    file: rel,
    label: rel,
    problems: [],
    notes: [],
    count: async () => collection?.count,
    read: () => (collection ? readJsonRecords(abs, rel, collection) : emptyRecords()),
    fingerprint: () => fingerprintFile(abs),
  };
  let collection: JsonCollection | undefined;
  if (!fs.existsSync(abs)) {
    source.notes.push(`${rel} does not exist: no ${entity} records to copy from it`);
    return source;
  }
  try {
    collection = await findJsonCollection(abs, rel, entity);
    if (collection.members.length) source.label = `${rel} (${collection.members.join('.')})`;
  } catch (error) {
    const line = error instanceof JsonSyntaxError ? error.line : 1;
    source.problems.push({ ref: `${rel}:${line}`, entity, message: error instanceof JsonSyntaxError ? `not valid JSON: ${error.message}` : (error as Error).message.replace(`${rel}: `, '') });
  }
  return source;
}

/** Source column → app attribute: a column the design does not name but whose camelCase it does (`created_at` → `createdAt`). */
export function mapColumnNames(columns: string[], attributes: Record<string, string>): Record<string, string> | undefined {
  const mapping: Record<string, string> = {};
  for (const column of columns) {
    if (column in attributes) continue;
    const camel = column.replace(/_+([a-z0-9])/g, (_whole, letter: string) => letter.toUpperCase());
    if (camel !== column && camel in attributes) mapping[column] = camel;
  }
  return Object.keys(mapping).length ? mapping : undefined;
}

export function createSqliteSource(root: string, rel: string, table: string, entity: string, stores: string[], attributes: Record<string, string>): MigrationSource {
  const abs = path.resolve(root, rel);
  let db: SqliteDatabase | undefined;
  const label = `${rel} table ${table}`;
  const source: MigrationSource = {
    stores,
    entity,
    kind: 'sqlite',
    file: rel,
    sqliteTable: table,
    label,
    problems: [],
    notes: [],
    count: async () => (db ? countSqliteRows(db, table) : undefined),
    read: () => (db ? readSqliteRecords(db, table, label) : emptyRecords()),
    fingerprint: () => fingerprintFile(abs),
    close: () => db?.close(),
  };
  if (!fs.existsSync(abs)) {
    source.notes.push(`${rel} does not exist (the app creates it when it starts): no ${entity} rows to copy`);
    return source;
  }
  try {
    db = openSqlite(root, abs);
    const info = describeSqliteTable(db, table);
    if (!info) {
      source.notes.push(`${rel} has no table ${table}: no ${entity} rows to copy`);
      db.close();
      db = undefined;
      return source;
    }
    const columnNames = mapColumnNames(info.columns.map((column) => column.name), attributes);
    if (columnNames) source.columnNames = columnNames;
    source.uniqueColumns = info.uniqueColumns.map((columns) => columns.map((column) => columnNames?.[column] ?? column));
  } catch (error) {
    db?.close();
    db = undefined;
    source.problems.push({ ref: rel, entity, message: `cannot read ${label}: ${(error as Error).message}` });
  }
  return source;
}

async function* emptyRecords(): AsyncGenerator<SourceRecord> {
  // a missing file holds no records
}
