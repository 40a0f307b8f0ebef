import type { ScanContext } from '../types';
import { CallIndex } from './js/CallIndex';
import { ConnectionResolver } from './js/ConnectionResolver';
import { StringEvaluator } from './js/evaluateString';
import { findConnections } from './js/findConnections';
import { findSqlCallSites as traceCallSites } from './js/findSqlCallSites';
import { readCodeHints, snakeToCamel, type CodeHints, type RowMapper } from './js/readCodeHints';
import { parseSql } from './sql/parseSql';
import { summariseParsed, type StatementSummary } from './sql/summariseStatement';
import { reportSqlDiagnostics } from './reportSqlDiagnostics';
import type { SqlCallSite, SqlConnection, SqliteAnalysis, SqlTable } from './types';

export interface SqliteAnalysisWithHints extends SqliteAnalysis {
  hints: CodeHints;
  /**
   * SQLite enforces ON DELETE CASCADE: `PRAGMA foreign_keys = ON` is run somewhere, or the app
   * uses better-sqlite3 (built with foreign keys on by default) and never turns them off. The
   * sqlite3 package and the `sqlite` wrapper leave them off unless the pragma is run.
   */
  foreignKeysOn: boolean;
  tableOf(name: string, dbFile?: string): SqlTable | undefined;
}

const cache = new WeakMap<object, SqliteAnalysisWithHints>();

/**
 * Everything the SQLite recogniser finds, computed once per project (the three StoreFamily
 * calls and the transform share it). Diagnostics are reported the first time only.
 */
export function analyseSqlite(ctx: ScanContext): SqliteAnalysisWithHints {
  const cached = cache.get(ctx.project);
  if (cached) return cached;
  const project = ctx.project;
  const evaluator = new StringEvaluator(project);
  const connections = findConnections(project, evaluator, ctx.diagnostics);
  const resolver = new ConnectionResolver(project, connections);
  const callSites = connections.length > 0 ? traceCallSites({ project, evaluator, resolver, calls: new CallIndex(project), diagnostics: ctx.diagnostics }) : [];
  const hints = readCodeHints(connections.length > 0 ? project.sources : [], ctx.diagnostics);
  const tables = connections.length > 0 ? collectTables(ctx, connections, callSites, hints) : [];
  const pragmaOn = hints.foreignKeysPragma || callSites.some((site) => site.variants.some((v) => /PRAGMA\s+foreign_keys\s*=\s*(ON|1|TRUE|YES)\b/i.test(v.text)));
  const pragmaOff = hints.foreignKeysOffPragma || callSites.some((site) => site.variants.some((v) => /PRAGMA\s+foreign_keys\s*=\s*(OFF|0|FALSE|NO)\b/i.test(v.text)));
  const foreignKeysOn = pragmaOn || (!pragmaOff && connections.some((connection) => connection.driver === 'better-sqlite3'));
  const byKey = new Map(tables.map((table) => [tableKey(table.dbFile, table.name), table]));
  const analysis: SqliteAnalysisWithHints = {
    connections,
    callSites,
    tables,
    hints,
    foreignKeysOn,
    tableOf(name, dbFile) {
      if (dbFile !== undefined) return byKey.get(tableKey(dbFile, name));
      return tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
    },
  };
  cache.set(ctx.project, analysis);
  reportSqlDiagnostics(ctx, analysis);
  return analysis;
}

export function tableKey(dbFile: string, name: string): string {
  return `${dbFile}#${name.toLowerCase()}`;
}

/** Statements of every variant of a call site, with their summaries (parse failures left out). */
export function summariesOf(site: SqlCallSite): StatementSummary[] {
  return site.variants.flatMap((variant) => variant.statements.filter((s): s is StatementSummary => s !== undefined));
}

function collectTables(ctx: ScanContext, connections: SqlConnection[], callSites: SqlCallSite[], hints: CodeHints): SqlTable[] {
  const tables = new Map<string, SqlTable>();
  const fromDataFiles = new Map<string, SqlTable>();
  const add = (table: SqlTable): SqlTable => {
    const key = tableKey(table.dbFile, table.name);
    const existing = tables.get(key);
    if (existing) {
      if (!existing.schema && table.schema) Object.assign(existing, { schema: table.schema, declaredIn: table.declaredIn });
      return existing;
    }
    tables.set(key, table);
    return table;
  };
  const blank = (name: string, connection: SqlConnection | undefined): SqlTable => ({
    name,
    dbFile: connection?.dbFile ?? ':memory:',
    ...(connection ? { connection } : {}),
    indexes: [],
    columnMapping: {},
    booleanColumns: [],
  });

  // CREATE TABLE in .sql files: which database they belong to is settled by the code that runs them.
  for (const data of ctx.project.dataFiles) {
    if (!data.rel.endsWith('.sql')) continue;
    for (const statement of parseSql(data.text).parsed) {
      const summary = summariseParsed(statement);
      if (summary?.kind !== 'create-table' || !summary.schema) continue;
      const table = blank(summary.schema.name, undefined);
      table.schema = summary.schema;
      table.declaredIn = { file: data.rel, line: statement.lineOffset + 1, dataFile: data };
      if (!fromDataFiles.has(table.name.toLowerCase())) fromDataFiles.set(table.name.toLowerCase(), table);
    }
  }
  for (const site of callSites) {
    for (const variant of site.variants) {
      variant.statements.forEach((summary, index) => {
        if (summary?.kind !== 'create-table' || !summary.schema) return;
        const pending = fromDataFiles.get(summary.schema.name.toLowerCase());
        if (pending && !pending.connection) {
          fromDataFiles.delete(summary.schema.name.toLowerCase());
          add({ ...pending, connection: site.connection, dbFile: site.connection.dbFile });
          return;
        }
        const table = blank(summary.schema.name, site.connection);
        table.schema = summary.schema;
        table.declaredIn = { file: site.sqlLocation.file, line: site.sqlLocation.line + (variant.parsed.parsed[index]?.lineOffset ?? 0) };
        add(table);
      });
    }
  }
  for (const pending of fromDataFiles.values()) add({ ...pending, connection: connections[0], dbFile: connections[0].dbFile });
  // Tables used but never created in code we can see (created by a migration tool, or elsewhere).
  for (const site of callSites) {
    for (const summary of summariesOf(site)) {
      for (const name of summary.tables) {
        if (/^sqlite_|^__dyn_\d+$|^pragma_/i.test(name)) continue;
        if (summary.kind === 'drop' || summary.kind === 'alter') continue;
        if (!tables.has(tableKey(site.connection.dbFile, name))) add(blank(name, site.connection));
      }
      if (summary.kind === 'create-index' && summary.index) {
        const table = tables.get(tableKey(site.connection.dbFile, summary.index.table));
        table?.indexes.push({ columns: summary.index.columns, unique: summary.index.unique });
      }
    }
  }
  for (const data of ctx.project.dataFiles) {
    if (!data.rel.endsWith('.sql')) continue;
    for (const statement of parseSql(data.text).parsed) {
      const summary = summariseParsed(statement);
      if (summary?.kind !== 'create-index' || !summary.index) continue;
      const table = [...tables.values()].find((t) => t.name.toLowerCase() === summary.index!.table.toLowerCase());
      if (table && !table.indexes.some((i) => i.columns.join() === summary.index!.columns.join())) table.indexes.push({ columns: summary.index.columns, unique: summary.index.unique });
    }
  }
  for (const table of tables.values()) readMappings(table, [...tables.values()], callSites, hints);
  return [...tables.values()];
}

/** camelCase names the app gives snake_case columns (SQL aliases, row mappers) and 0/1 booleans. */
function readMappings(table: SqlTable, tables: SqlTable[], callSites: SqlCallSite[], hints: CodeHints): void {
  const columns = table.schema?.columns.map((c) => c.name) ?? [];
  for (const site of callSites) {
    for (const summary of summariesOf(site)) {
      for (const selected of summary.selectColumns) {
        const column = selected.column;
        if (!column || !selected.alias || !column.column.includes('_')) continue;
        if ((column.table ?? summary.table)?.toLowerCase() !== table.name.toLowerCase()) continue;
        if (selected.alias === snakeToCamel(column.column)) table.columnMapping[column.column] = selected.alias;
      }
    }
  }
  for (const mapper of hints.rowMappers) {
    if (!isMapperOf(mapper, table, tables)) continue;
    for (const [field, column] of mapper.renames) if (columns.includes(column)) table.columnMapping[column] ??= field;
  }
  for (const column of table.schema?.columns ?? []) {
    if (column.type === 'boolean' && column.sqlType !== 'INTEGER') continue;
    const isIntegerish = column.type === 'number' || column.type === 'boolean';
    if (isIntegerish && (column.booleanCheck || hints.booleanNames.has(column.name) || hints.booleanNames.has(snakeToCamel(column.name)))) {
      table.booleanColumns.push(column.name);
    }
  }
}

/** A row mapper belongs to the table(s) whose columns cover most of what it reads (at least half). */
function isMapperOf(mapper: RowMapper, table: SqlTable, tables: SqlTable[]): boolean {
  const coverage = (t: SqlTable): number => {
    const columns = new Set(t.schema?.columns.map((c) => c.name) ?? []);
    return [...mapper.reads].filter((read) => columns.has(read)).length / mapper.reads.size;
  };
  const mine = coverage(table);
  return mine >= 0.5 && tables.every((other) => coverage(other) <= mine);
}
