/**
 * SQLite storage family: better-sqlite3, sqlite3 (callback API) and the `sqlite` promise wrapper.
 * One store per SQL table; SQL is parsed (node-sql-parser), not pattern-matched. The analysis is
 * computed once per project and kept for the transform: see README.md in this folder.
 */
import type { StoreFamily } from '../types';
import { findSqliteEvidence } from './findSqliteEvidence';
import { findSqliteOperations } from './findSqliteOperations';
import { findSqliteStores } from './findSqliteStores';

export const sqliteFamily: StoreFamily = {
  name: 'sqlite',
  findStores: findSqliteStores,
  findOperations: findSqliteOperations,
  findEntityEvidence: findSqliteEvidence,
};

export { analyseSqlite } from './analyseSqlite';
export { findSqlCallSites, findSqlSchema } from './publicApi';
export { classifyCallSite } from './findSqliteOperations';
export type { SqlCallSite, SqlConnection, SqlTable, SqlVariant, SqlBinding, SqlResultUse, SqliteAnalysis, SqliteDriver } from './types';
export type { SqlTableSchema, SqlColumn, SqlForeignKey } from './sql/readCreateTable';
export type { StatementSummary, SqlCondition, SqlValue, ColumnRef } from './sql/summariseStatement';
export { parseSql } from './sql/parseSql';
export { summariseStatement } from './sql/summariseStatement';
