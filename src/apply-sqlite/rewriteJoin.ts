/**
 * `SELECT … FROM a JOIN b ON b.<key> = a.<ref> WHERE <a's columns> …` → two reads, as the plan
 * decides for a many-to-one join (`joins` of a's entity): the rows of the table the WHERE selects
 * (GetItem, Query or Scan, see rewriteSelect), then the other table's items by key, GetItem for
 * one row (joinOne), BatchGetItem for a list (joinAll). Rows without a match drop out (INNER
 * JOIN); the selected columns are built from both (`p.*`, `a.name AS author_name`) and ORDER BY
 * sorts the joined rows. A join table with a composite key is read by its partition key (Query).
 */
import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { buildQueryIndex, expression, propertyKey, quoted, type Part } from '../emit';
import type { ColumnRef, StatementSummary } from '../scan/sqlite';
import type { SqliteTarget } from './findSqliteTarget';
import { asRow, keyValue, rowFunction } from './rowShape';
import { selectExpression } from './rewriteSelect';
import { valueNode, type SiteContext, type SiteOutcome } from './siteContext';
import { orderFunction } from './sortRows';

export type FindTarget = (table: string, options?: { composite?: boolean }) => SqliteTarget | undefined;

export function rewriteJoin(ctx: SiteContext, findTarget: FindTarget): SiteOutcome {
  const built = joinExpression(ctx, findTarget);
  if ('todo' in built) return { done: false, todo: built.todo };
  ctx.call.replace(built.expression);
  return { done: true };
}

export function joinExpression(ctx: SiteContext, findTarget: FindTarget): { expression: ExpressionKind } | { todo: string } {
  const { summary, site, rewrite } = ctx;
  const e = rewrite.emit;
  const todo = (text: string) => ({ todo: `${text}, then re-run` });
  const byHand = todo(`read ${summary.tables.join(' and ')} with two requests or the plan's denormalised copy (JOIN)`);
  if (summary.joins.length !== 1 || summary.tables.length !== 2 || !summary.table) return byHand;
  const [join] = summary.joins;
  if (!['JOIN', 'INNER JOIN'].includes(join.type) || join.keys.length !== 1) return todo(`${join.type} ${join.table}: only an INNER JOIN on one key pair is rewritten; read both tables by hand`);
  if (site.method !== 'get' && site.method !== 'all') return todo(`rewrite ${site.method}() over the joined rows by hand`);
  if (summary.limit || summary.offset) return todo('LIMIT/OFFSET over a JOIN: page the joined rows by hand');
  if (summary.where.some((condition) => condition.inOr || condition.operator !== '=' || !condition.column.column)) return todo('only `column = value` conditions joined by AND are rewritten: express this condition as a key, index or filter');
  const whereTables = [...new Set(summary.where.map((condition) => condition.column.table))];
  if (whereTables.length > 1 || whereTables.some((table) => !table)) return todo('WHERE names columns of both joined tables: filter the joined rows by hand');
  // the WHERE picks the table read first; the other one is fetched by key
  const driverTable = whereTables[0] ?? summary.table;
  const [left, right] = join.keys[0];
  const driverSide = left.table === driverTable ? left : right;
  const lookupSide = driverSide === left ? right : left;
  if (driverSide.table !== driverTable || !lookupSide.table || lookupSide.table === driverTable) return byHand;
  const driver = findTarget(driverTable, { composite: true });
  const lookup = findTarget(lookupSide.table);
  if (!driver || !lookup) return todo(`${driver ? lookupSide.table : driverTable} has no table in the plan; run \`dynamodb-codemod plan\``);
  if (lookupSide.column !== lookup.keyName) return todo(`JOIN ${lookupSide.table} ON ${lookupSide.column}: one row to many; query ${lookupSide.table} by ${lookupSide.column} on its index by hand`);
  const planned = (driver.entity.joins ?? []).some((candidate) => candidate.entity === lookup.entityName && candidate.attribute === driverSide.column && candidate.kind === 'many-to-one');
  if (!planned) return todo(`the plan has no join from ${driver.entityName} to ${lookup.entityName} on ${driverSide.column}; run \`dynamodb-codemod plan\``);

  const names = variableNames(summary, driver, lookup);
  const output = outputNames(summary);
  if ('todo' in output) return output;
  const one = site.method === 'get';
  const keys: string[] = [];
  for (const { column, order: direction } of one ? [] : summary.orderBy) {
    const name = sortName(summary, column, output.names);
    if (!name) return todo(`ORDER BY ${column.column}: select the column to sort the joined rows by it`);
    const [a, b] = direction === 'desc' ? ['b', 'a'] : ['a', 'b'];
    keys.push(`${a}${member(e, name)}, ${b}${member(e, name)}`);
  }
  // nothing is added to the file before this point, so a TODO leaves it as it was
  const rows = driverRows({ ...ctx, target: driver, summary: driverSummary(summary, driverTable) });
  if ('todo' in rows) return rows;
  const fields = selectedFields(summary, driverTable, names, { ...ctx, target: lookup });
  const call = `await ${e.name(one ? 'joinOne' : 'joinAll')}(`;
  const parts: Part[] = ['(', call, rows.expression, `, ${e.name(lookup.table.envVar)}, ${quoted(e, lookup.keyName)}, ${quoted(e, driverSide.column)}))`];
  parts.push(`.map(([${names.driver}, ${names.lookup}]) => ({ ${fields} }))`);
  if (keys.length) {
    const order = orderFunction(rewrite);
    parts.push(`.sort((a, b) => ${keys.map((pair) => `${order}(${pair})`).join(' || ')})`);
  }
  if (one) parts.push('[0]');
  return { expression: expression(e, parts) };
}

/** The statement as seen from the table read first: its conditions, every column, no join, no order. */
function driverSummary(summary: StatementSummary, table: string): StatementSummary {
  return { ...summary, table, tables: [table], joins: [], orderBy: [], selectColumns: [{ star: '' }], limit: undefined, offset: undefined };
}

/** The first read: rewriteSelect's for a simple key; a Query by partition key for a join table. */
function driverRows(ctx: SiteContext): { expression: ExpressionKind } | { todo: string } {
  if (!ctx.target.table.sortKey) return selectExpression(ctx);
  const e = ctx.rewrite.emit;
  const [condition] = ctx.summary.where;
  const partition = ctx.target.table.partitionKey;
  const value = ctx.summary.where.length === 1 && condition.column.column === partition.name ? valueNode(ctx, condition.value) : undefined;
  if (!value) return { todo: `${ctx.target.sqlTable}: read it by ${partition.name} = ? (its partition key), then re-run` };
  const query = buildQueryIndex(e, { constName: ctx.target.table.envVar, keyName: partition.name }, { attribute: partition.name, value: keyValue(ctx, value, partition.type) });
  const rows = asRow(ctx, query, true);
  return { expression: ctx.site.method === 'get' ? expression(e, ['(', rows, ')[0]']) : rows };
}

/** Arrow parameter names for a joined pair: the SQL's aliases when they are plain names (`p`, `a`). */
function variableNames(summary: StatementSummary, driver: SqliteTarget, lookup: SqliteTarget): { driver: string; lookup: string; of(table: string): string } {
  const aliasOf = (target: SqliteTarget) => {
    const alias = Object.entries(summary.aliases).find(([name, table]) => table === target.sqlTable && name !== table)?.[0];
    return alias && /^[A-Za-z_$][\w$]*$/.test(alias) ? alias : target.entityName.charAt(0).toLowerCase() + target.entityName.slice(1);
  };
  const first = aliasOf(driver);
  let second = aliasOf(lookup);
  if (second === first) second = `${second}2`;
  return { driver: first, lookup: second, of: (table) => (table === driver.sqlTable ? first : second) };
}

/** The joined row's field names (`*posts` for `p.*`); `{ todo }` for what cannot be selected from two reads. */
function outputNames(summary: StatementSummary): { names: string[] } | { todo: string } {
  const names: string[] = [];
  for (const column of summary.selectColumns) {
    if (column.aggregate || (column.star === undefined && !column.column)) return { todo: 'aggregates and computed columns over a JOIN: compute them from the joined rows, then re-run' };
    if (column.star !== undefined) {
      const tables = column.star ? [summary.aliases[column.star]] : summary.tables;
      if (tables.some((table) => !table)) return { todo: `${column.star}.*: name the table, then re-run` };
      names.push(...tables.map((table) => `*${table}`));
    } else if (!column.column!.table) return { todo: `${column.column!.column}: qualify the column with its table, then re-run` };
    else names.push(column.alias ?? column.column!.column);
  }
  return { names };
}

/**
 * The joined row's fields, as SQLite names them: `p.*` spreads that row, `a.name AS author_name`
 * becomes `author_name: authorRow(a).name` (the other table's item read as its row).
 */
function selectedFields(summary: StatementSummary, driverTable: string, names: ReturnType<typeof variableNames>, lookupCtx: SiteContext): string {
  const e = lookupCtx.rewrite.emit;
  const lookupRow = rowFunction(lookupCtx);
  const rowOf = (table: string) => (table === driverTable || !lookupRow ? names.of(table) : `${lookupRow}(${names.of(table)})`);
  const fields: string[] = [];
  for (const column of summary.selectColumns) {
    if (column.star !== undefined) {
      for (const table of column.star ? [summary.aliases[column.star]] : summary.tables) fields.push(`...${rowOf(table)}`);
    } else fields.push(`${propertyKey(e, column.alias ?? column.column!.column)}: ${rowOf(column.column!.table!)}${member(e, column.column!.column)}`);
  }
  return fields.join(', ');
}

/** The joined row's field an ORDER BY column is found under, or undefined when it is not selected. */
function sortName(summary: StatementSummary, column: ColumnRef, output: string[]): string | undefined {
  const explicit = summary.selectColumns.find((selected) => selected.column && selected.column.table === column.table && selected.column.column === column.column);
  if (explicit) return explicit.alias ?? explicit.column!.column;
  return column.table && output.includes(`*${column.table}`) ? column.column : undefined;
}

function member(e: SiteContext['rewrite']['emit'], name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${quoted(e, name)}]`;
}
