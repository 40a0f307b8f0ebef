import type { DiagnosticRecord } from '../../model/access-model';
import type { ScanContext } from '../types';
import type { SqliteAnalysisWithHints } from './analyseSqlite';
import type { StringHole } from './js/evaluateString';
import { keyColumns } from './classifyStatement';
import { findTransactions } from './js/findTransactions';
import { findMisspeltKeywords } from './sql/findMisspeltKeywords';
import { parseSql, type ParsedStatement } from './sql/parseSql';
import type { SqlCallSite, SqlTable } from './types';

/** Reports what the SQLite analysis found worth telling the user, once per scan. */
export function reportSqlDiagnostics(ctx: ScanContext, analysis: SqliteAnalysisWithHints): void {
  const seen = new Set<string>();
  const add = (diagnostic: DiagnosticRecord): void => {
    const key = `${diagnostic.code}|${diagnostic.file}|${diagnostic.line}|${diagnostic.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    ctx.diagnostics.add(diagnostic);
  };
  for (const connection of analysis.connections) {
    if (connection.dbFileResolved) continue;
    add({
      severity: 'info',
      code: 'sqlite-db-file-unresolved',
      file: connection.file.rel,
      line: connection.line,
      message: `the database file (${connection.dbFile}) is only known at run time; stores are named after that expression`,
    });
  }
  for (const site of analysis.callSites) reportCallSite(ctx, site, add);
  for (const transaction of findTransactions(analysis.callSites)) {
    const [first, ...others] = transaction.tables;
    const leftBehind = others.length ? `, e.g. ${first} rows without their ${others.join(', ')}` : '';
    // info for the scan (it understood the code); apply warns where it removes the transaction
    add({
      severity: 'info',
      code: 'sql-transaction',
      file: transaction.site.file.rel,
      line: ctx.project.lineOf(transaction.call),
      message: transaction.writesOnly
        ? `db.transaction(…) writes ${transaction.tables.join(', ')} all or nothing; it only inserts or deletes, so apply sends its writes as ONE TransactWriteCommand (the shared client's inTransaction; the app's catch around a write answers its failed condition, e.g. a taken unique value): all or nothing in AWS, at most 100 actions per transaction (a unique value's guard item is one more; a bigger batch is refused whole, since splitting it would not be all or nothing), each write costs twice the write units of a plain one, and ids are taken from the counter first, so a cancelled batch leaves a gap in them. On a local engine without TransactWriteItems (dynalite) the shared client emulates it: the writes one by one, those before a failed condition undone; the emulation is not isolated from concurrent requests and is for local runs only. Where apply cannot collect the writes (it warns "not atomically" at this line), they run one after another and a failure in the middle leaves the writes before it in place${leftBehind}`
        : `db.transaction(…) writes ${transaction.tables.join(', ')} all or nothing; the DynamoDB code makes these writes one request after another, not atomically (a read, an UPDATE or a conflict clause inside: apply collects only inserts and deletes into a TransactWriteCommand), so a failure in the middle — a crash, a throttled or refused request — leaves the writes before it in place${leftBehind}. Check such data after a failure, or move the writes to one TransactWriteCommand by hand (up to 100 actions)`,
    });
  }
  if (analysis.connections.length > 0) {
    for (const data of ctx.project.dataFiles) {
      if (!data.rel.endsWith('.sql')) continue;
      for (const statement of parseSql(data.text).parsed) {
        if (statement.error) add(parseErrorDiagnostic(data.rel, 1, statement));
      }
    }
  }
  for (const table of analysis.tables) reportTable(table, analysis, add);
}

function reportCallSite(ctx: ScanContext, site: SqlCallSite, add: (d: DiagnosticRecord) => void): void {
  for (const variant of site.variants) {
    for (const statement of variant.parsed.parsed) {
      if (statement.error) add(parseErrorDiagnostic(site.sqlLocation.file, site.sqlLocation.line, statement));
    }
  }
  for (const hole of site.interpolatedValues) {
    add({
      severity: 'warning',
      code: 'sql-interpolation',
      file: hole.file.rel,
      line: ctx.project.lineOf(hole.path),
      message: `values interpolated into SQL: use parameters (\`${sourceOf(hole)}\` is pasted into the SQL text, an injection risk)`,
    });
  }
  for (const hole of site.interpolatedIdentifiers) {
    add({
      severity: 'warning',
      code: 'dynamic-sql',
      file: hole.file.rel,
      line: ctx.project.lineOf(hole.path),
      message: `SQL text is built at run time from \`${sourceOf(hole)}\`, which the scan cannot follow; the statement was classified with that part unknown`,
    });
  }
  if (site.dynamic && site.interpolatedIdentifiers.length === 0 && site.variants.length > 1) {
    add({
      severity: 'info',
      code: 'dynamic-sql',
      file: site.sqlLocation.file,
      line: site.sqlLocation.line,
      message: `SQL text is chosen at run time among ${site.variants.length} known variants (conditions, sort columns or look-ups); each variant was classified`,
    });
  }
  if (site.variants.length === 0 && site.interpolatedIdentifiers.length === 0) {
    add({
      severity: 'warning',
      code: 'dynamic-sql',
      file: site.sqlArgument.file.rel,
      line: ctx.project.lineOf(site.sqlArgument.path),
      message: `the SQL run here (\`${sourceOf({ file: site.sqlArgument.file, path: site.sqlArgument.path })}\`) cannot be traced to its text; it was not classified`,
    });
  }
}

function reportTable(table: SqlTable, analysis: SqliteAnalysisWithHints, add: (d: DiagnosticRecord) => void): void {
  const where = table.declaredIn ?? { file: table.connection?.file.rel ?? '.', line: table.connection?.line ?? 0 };
  const schema = table.schema;
  if (!schema) {
    add({
      severity: 'info',
      code: 'sql-table-without-schema',
      file: where.file,
      line: where.line,
      message: `table ${table.name} is used but no CREATE TABLE for it was found; its fields come from the queries`,
    });
    return;
  }
  for (const column of schema.columns) {
    const reference = column.references;
    if (reference?.onDelete !== 'CASCADE') continue;
    add({
      severity: 'info',
      code: 'sql-on-delete-cascade',
      file: where.file,
      line: where.line,
      message: analysis.foreignKeysOn
        ? `${table.name}.${column.name} references ${reference.table} ON DELETE CASCADE: deleting a ${reference.table} row also deletes its ${table.name}; the DynamoDB code must do the same (query + batched delete)`
        : `${table.name}.${column.name} references ${reference.table} ON DELETE CASCADE, but foreign keys are off for this database (PRAGMA foreign_keys = ON is never run, or they are turned off), so SQLite does not cascade; the migrated code keeps that behaviour`,
    });
  }
  const defaults = schema.columns.filter((c) => c.default !== undefined && c.default !== 'null');
  if (defaults.length > 0) {
    add({
      severity: 'info',
      code: 'sql-column-defaults',
      file: where.file,
      line: where.line,
      message: `${table.name} has column defaults the DynamoDB code must set on create: ${defaults.map((c) => `${c.name} = ${c.default}`).join(', ')}`,
    });
  }
  if (table.booleanColumns.length > 0) {
    add({
      severity: 'info',
      code: 'sql-boolean-column',
      file: where.file,
      line: where.line,
      message: `${table.name}: ${table.booleanColumns.join(', ')} stored as INTEGER 0/1 and used as booleans by the app`,
    });
  }
  const mapped = Object.entries(table.columnMapping);
  if (mapped.length > 0) {
    add({
      severity: 'info',
      code: 'sql-column-mapping',
      file: where.file,
      line: where.line,
      message: `${table.name}: the app maps snake_case columns to camelCase fields (${mapped.map(([c, f]) => `${c} → ${f}`).join(', ')})`,
    });
  }
  const key = keyColumns(table.name, { schemaOf: () => schema });
  if (schema.primaryKey.length > 1) {
    add({
      severity: 'info',
      code: 'sql-composite-key',
      file: where.file,
      line: where.line,
      message: `${table.name} has a composite primary key (${key.join(', ')}): ${key[0]} is reported as the key; the plan needs ${key.slice(1).join(', ')} as sort key`,
    });
  } else if (schema.primaryKey.length === 0) {
    add({
      severity: 'info',
      code: 'sql-no-primary-key',
      file: where.file,
      line: where.line,
      message: `${table.name} declares no primary key: rows are identified by SQLite's rowid (${key[0]} is reported as the key)`,
    });
  }
}

/**
 * `sql-parse-error` at the statement's line: the SQL literal's line plus the lines before the statement
 * and the error. A CREATE TABLE read by SQLite's lenient grammar instead is `sql-schema-read-leniently`, info.
 */
function parseErrorDiagnostic(file: string, firstLine: number, statement: ParsedStatement): DiagnosticRecord {
  const excerpt = statement.text.replace(/\s+/g, ' ').replace(/:__[pi]\d+/g, '?');
  const line = firstLine + statement.lineOffset + (statement.error?.line ?? 1) - 1;
  const schema = statement.lenientSchema;
  if (schema) {
    const columns = schema.columns.map((c) => `${c.name}${c.sqlType ? ` ${c.sqlType}` : ''}`).join(', ');
    const misspelt = findMisspeltKeywords(schema);
    const typos = misspelt.length ? `. Part of a type name, so no constraint for SQLite or DynamoDB (a typo?): ${misspelt.join(', ')}` : '';
    return {
      severity: 'info',
      code: 'sql-schema-read-leniently',
      file,
      line,
      message: `the SQL parser stops in CREATE TABLE ${schema.name} (${statement.error?.message ?? 'syntax error'}); it was read by SQLite's own rules, where a type is any run of words: ${columns}${typos}`,
    };
  }
  return {
    severity: 'warning',
    code: 'sql-parse-error',
    file,
    line,
    message: `cannot parse SQL: ${statement.error?.message ?? 'syntax error'} in "${excerpt.length > 70 ? `${excerpt.slice(0, 67)}...` : excerpt}"; this statement was not classified — check the SQL`,
  };
}

function sourceOf(hole: Pick<StringHole, 'file' | 'path'>): string {
  const node = hole.path.node;
  const text = hole.file.text.slice(node?.start ?? 0, node?.end ?? 0).replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
