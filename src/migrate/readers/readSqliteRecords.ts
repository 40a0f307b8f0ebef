/**
 * Rows of a SQLite table, read with better-sqlite3's `iterate()`: one row in memory at a time,
 * never the whole table. The database is opened read-only. better-sqlite3 is taken from the
 * app's own dependencies first (a SQLite app has it), then from this tool's.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { SourceRecord } from '../types';

interface Statement {
  iterate(...params: unknown[]): IterableIterator<Record<string, unknown>>;
  all(...params: unknown[]): Record<string, unknown>[];
  get(...params: unknown[]): Record<string, unknown> | undefined;
}

export interface SqliteDatabase {
  prepare(sql: string): Statement;
  close(): void;
}

type DatabaseConstructor = new (file: string, options?: { readonly?: boolean; fileMustExist?: boolean }) => SqliteDatabase;

export class SqliteUnavailableError extends Error {}

/** better-sqlite3 from the app's node_modules, else ours; a clear error when neither has it. */
export function loadBetterSqlite3(projectDir: string): DatabaseConstructor {
  const attempts = [createRequire(path.join(projectDir, 'package.json')), require];
  for (const load of attempts) {
    try {
      return load('better-sqlite3') as DatabaseConstructor;
    } catch {
      // try the next place
    }
  }
  throw new SqliteUnavailableError('reading SQLite files needs the better-sqlite3 package: install it in the app (npm install better-sqlite3) and run again');
}

export function openSqlite(projectDir: string, file: string): SqliteDatabase {
  const Database = loadBetterSqlite3(projectDir);
  return new Database(file, { readonly: true, fileMustExist: true });
}

export interface SqliteTableInfo {
  columns: { name: string; type: string; pk: number }[];
  /** Column sets SQLite keeps unique: the primary key and every UNIQUE index. */
  uniqueColumns: string[][];
}

export function describeSqliteTable(db: SqliteDatabase, table: string): SqliteTableInfo | undefined {
  const columns = db.prepare(`PRAGMA table_info(${quoteIdentifier(table)})`).all() as { name: string; type: string; pk: number }[];
  if (!columns.length) return undefined;
  const uniqueColumns: string[][] = [];
  const primary = columns.filter((column) => column.pk > 0).sort((a, b) => a.pk - b.pk);
  if (primary.length) uniqueColumns.push(primary.map((column) => column.name));
  for (const index of db.prepare(`PRAGMA index_list(${quoteIdentifier(table)})`).all() as { name: string; unique: number; partial?: number }[]) {
    if (!index.unique || index.partial) continue;
    const names = (db.prepare(`PRAGMA index_info(${quoteIdentifier(index.name)})`).all() as { name: string | null }[]).map((column) => column.name);
    if (names.every((name): name is string => typeof name === 'string')) uniqueColumns.push(names);
  }
  return { columns: columns.map(({ name, type, pk }) => ({ name, type, pk })), uniqueColumns };
}

export function countSqliteRows(db: SqliteDatabase, table: string): number {
  return Number((db.prepare(`SELECT COUNT(*) AS n FROM ${quoteIdentifier(table)}`).get() as { n: number }).n);
}

/** Every row of the table in storage order, streamed. */
export async function* readSqliteRecords(db: SqliteDatabase, table: string, label: string): AsyncGenerator<SourceRecord> {
  const rows = db.prepare(`SELECT * FROM ${quoteIdentifier(table)}`).iterate();
  let index = 0;
  try {
    for (const row of rows) {
      index += 1;
      yield { value: row, ref: `${label} row ${index}` };
    }
  } finally {
    rows.return?.();
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
