import type { ScanContext } from '../types';
import { analyseSqlite } from './analyseSqlite';
import type { SqlCallSite, SqlTable } from './types';

/**
 * Every place the project runs SQL on a SQLite connection: driver, method, the call where the
 * operation happens and the driver call itself, the SQL text (each run-time variant) with its
 * parsed statements, the arguments bound to each placeholder, and how the result is used
 * (`lastInsertRowid`/`lastID`, `changes`, sqlite3 callbacks). For the sqlite-to-dynamodb transform.
 */
export function findSqlCallSites(ctx: ScanContext): SqlCallSite[] {
  return analyseSqlite(ctx).callSites;
}

/** The tables of the project with their schema (columns, key, defaults, foreign keys), mappings and 0/1 booleans. */
export function findSqlSchema(ctx: ScanContext): SqlTable[] {
  return analyseSqlite(ctx).tables;
}
