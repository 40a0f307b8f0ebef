export { rewriteSqlCalls } from './rewriteSqlCalls';
export { findSqliteTarget, type SqliteTarget } from './findSqliteTarget';
