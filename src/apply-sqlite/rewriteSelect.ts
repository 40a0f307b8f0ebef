import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { buildGetItem, buildQueryIndex, buildScanAll, expression, propertyKey, quoted, type Part } from '../emit';
import { findServingIndex } from '../plan/index-resolver';
import type { SqlCondition, SqlValue } from '../scan/sqlite';
import { countExpression, isCountStar } from './countRows';
import { pageFunction } from './pageRows';
import { asRow, keyValue } from './rowShape';
import { retireUniqueCheck } from './retireUniqueCheck';
import { tableTargetOf, valueNode, type SiteContext, type SiteOutcome } from './siteContext';
import { orderFunction } from './sortRows';

/**
 * `SELECT … FROM t WHERE <key> = ?` → GetItem, `WHERE <col> = ?` on a planned GSI (or a string
 * copy of a 0/1 column the design derived for it) → Query, anything else → paginated Scan. The
 * items become the rows the code expects (see rowShape); further `=` conditions filter them,
 * ORDER BY sorts them in memory, a column list (with aliases) maps them.
 */
export function rewriteSelect(ctx: SiteContext): SiteOutcome {
  const check = retireUniqueCheck(ctx);
  if (check) return check;
  const built = selectExpression(ctx);
  if ('todo' in built) return { done: false, todo: built.todo };
  ctx.call.replace(built.expression);
  return { done: true };
}

/** The read a SELECT becomes, as an expression (not placed yet). */
export function selectExpression(ctx: SiteContext): { expression: ExpressionKind } | { todo: string } {
  const todo = (text: string) => ({ todo: text });
  const { summary, site, rewrite } = ctx;
  const e = rewrite.emit;
  if (summary.joins.length || summary.tables.length > 1) return todo(`read ${summary.tables.join(' and ')} with two requests or the plan's denormalised copy (JOIN), then re-run`);
  if (site.method !== 'get' && site.method !== 'all') return todo(`rewrite ${site.method}() over the rows by hand, then re-run`);
  const page = pageValues(ctx);
  if (!page) return todo('LIMIT/OFFSET: bind them from parameters or literals, then re-run');
  if (isCountStar(ctx)) return page.limit || page.offset ? todo('COUNT(*) with LIMIT/OFFSET: count in code, then re-run') : countExpression(ctx);
  const projection = projectionOf(ctx);
  if (projection === undefined) return todo('aggregates and computed columns: compute them from the items in code, then re-run');
  if (summary.where.some((condition) => condition.inOr || condition.operator !== '=' || condition.column.column === undefined)) {
    return todo('only `column = value` conditions joined by AND are rewritten: express this condition as a key, index or filter, then re-run');
  }
  const values = new Map<SqlCondition, ExpressionKind>();
  for (const condition of summary.where) {
    const value = valueNode(ctx, condition.value);
    if (!value) return todo(`WHERE ${condition.column.column}: compare with a parameter or a literal, then re-run`);
    values.set(condition, value);
  }
  const table = tableTargetOf(ctx);
  const byKey = summary.where.length === 1 && summary.where[0].column.column === ctx.target.keyName ? summary.where[0] : undefined;
  let rows: ExpressionKind;
  let rest = summary.where;
  if (byKey) {
    const get = buildGetItem(e, table, keyValue(ctx, values.get(byKey)!, ctx.target.table.partitionKey.type));
    const item = visibleItem(ctx, expression(e, ['(', get, ').Item']));
    rows = site.method === 'get' && !projection.length ? asRow(ctx, item, false) : asRow(ctx, expression(e, ['[', item, '].filter(Boolean)']), true);
    rest = [];
  } else if (guardLookup(ctx)) {
    // `WHERE name = ?` on a UNIQUE column the plan reads through its guard item: the guard holds the id
    const [condition] = summary.where;
    const found = expression(e, [`await ${e.name('findByUnique')}(${e.name(table.constName)}, ${quoted(e, condition.column.column!)}, `, compared(ctx, condition, values.get(condition)!), ')']);
    rows = asRow(ctx, found, true);
    rest = [];
  } else {
    const indexed = findIndexedCondition(ctx);
    if (indexed) {
      const value = indexed.derived ? expression(e, ['String(Boolean(', values.get(indexed.condition)!, '))']) : keyValue(ctx, values.get(indexed.condition)!, indexed.type);
      rows = asRow(ctx, buildQueryIndex(e, table, { index: indexed.index, attribute: indexed.attribute, value }), true);
      rest = summary.where.filter((condition) => condition !== indexed.condition);
    } else rows = asRow(ctx, listAll(ctx), true);
  }
  const row = rest.length || summary.orderBy.length || projection.length ? rewrite.freshName(['row']) : 'row';
  const parts: Part[] = ['', rows];
  if (rest.length) {
    const tests: Part[] = [];
    rest.forEach((condition, index) => tests.push(index ? ' && ' : '', `${row}.${condition.column.column} === `, compared(ctx, condition, values.get(condition)!)));
    parts.push(`.filter((${row}) => `, ...tests, ')');
  }
  if (ctx.runtimeOrder || summary.orderBy.length) {
    const order = orderFunction(rewrite);
    const keys = ctx.runtimeOrder
      ? [ctx.runtimeOrder]
      : summary.orderBy.map(({ column, order: direction }) => (direction === 'desc' ? `${order}(b.${column.column}, a.${column.column})` : `${order}(a.${column.column}, b.${column.column})`));
    // ties beyond the ORDER BY come out of SQLite in rowid order (its sorter is stable over a rowid scan)
    const rowid = ctx.target.schema?.columns.find((column) => column.primaryKey && column.type === 'number' && column.name === ctx.target.keyName);
    if (rowid && !summary.orderBy.some(({ column }) => column.column === rowid.name)) keys.push(`${order}(a.${rowid.name}, b.${rowid.name})`);
    parts.push(`.sort((a, b) => ${keys.join(' || ')})`);
  }
  if (page.limit || page.offset) {
    const sliced = [`${pageFunction(rewrite)}(`, ...parts, ', ', page.limit ?? '-1', ...(page.offset ? [', ', page.offset] : []), ')'];
    parts.splice(0, parts.length, ...sliced);
  }
  if (projection.length) parts.push(`.map((${row}) => ({ ${projection.map(([name, column]) => (name === column ? `${propertyKey(e, name)}: ${row}.${column}` : `${propertyKey(e, name)}: ${row}.${column}`)).join(', ')} }))`);
  const single = site.method === 'get' && (!byKey || projection.length > 0);
  const result = parts.length === 2 && !single ? rows : expression(e, single ? ['(', ...parts, ')[0]'] : parts);
  return { expression: result };
}

/** LIMIT and OFFSET as code (absent when the SQL has none); undefined when one is not a parameter or literal. */
function pageValues(ctx: SiteContext): { limit?: ExpressionKind; offset?: ExpressionKind } | undefined {
  const read = (value: SqlValue | undefined) => (value ? valueNode(ctx, value) : undefined);
  const limit = read(ctx.summary.limit);
  const offset = read(ctx.summary.offset);
  if ((ctx.summary.limit && !limit) || (ctx.summary.offset && !offset)) return undefined;
  return { ...(limit ? { limit } : {}), ...(offset ? { offset } : {}) };
}

/**
 * Every item of the entity: a Query on the index the plan gives the whole entity (a constant
 * partition key such as itemType, planned for sorted or paged lists) when it has one, else a Scan.
 */
export function listAll(ctx: SiteContext): ExpressionKind {
  const e = ctx.rewrite.emit;
  const whole = wholeEntityIndex(ctx);
  if (!whole) return buildScanAll(e, tableTargetOf(ctx));
  return buildQueryIndex(e, tableTargetOf(ctx), { index: whole.index, attribute: whole.attribute, value: expression(e, [quoted(e, whole.value)]) });
}

/** The GSI whose partition key is a constant the design writes on every item of the entity. */
export function wholeEntityIndex(ctx: SiteContext): { index: string; attribute: string; value: string } | undefined {
  const sort = ctx.summary.orderBy[0]?.column.column;
  const serving = findServingIndex(ctx.rewrite.analysis.design, ctx.target.entityName, null, sort);
  const gsi = serving && ctx.target.table.gsis.find((candidate) => candidate.name === serving.name);
  const constant = gsi && (ctx.target.entity.derivedAttributes ?? []).find((derived) => derived.name === gsi.partitionKey.name && derived.as === 'constant');
  return gsi && constant?.value !== undefined ? { index: gsi.name, attribute: gsi.partitionKey.name, value: constant.value } : undefined;
}

/** `[name, column]` per selected column; `[]` for `SELECT *`; undefined for aggregates and expressions. */
function projectionOf(ctx: SiteContext): [string, string][] | undefined {
  const columns = ctx.summary.selectColumns;
  if (columns.length === 1 && columns[0].star !== undefined && !columns[0].column) return [];
  const pairs: [string, string][] = [];
  for (const column of columns) {
    if (column.star !== undefined || column.aggregate || !column.column) return undefined;
    pairs.push([column.alias ?? column.column.column, column.column.column]);
  }
  return pairs;
}

/** Items from GetItem keep the attributes the design derives unless the row function drops them. */
function visibleItem(ctx: SiteContext, item: ExpressionKind): ExpressionKind {
  if (ctx.target.schema?.columns.length || !(ctx.target.entity.derivedAttributes ?? []).length) return item;
  const e = ctx.rewrite.emit;
  return expression(e, [`${e.name('withoutDerived')}(${e.name(ctx.target.table.envVar)}, `, item, ')']);
}

/** One `column = value` condition on a unique attribute the plan looks up through its guard item (lookup 'guard'). */
function guardLookup(ctx: SiteContext): boolean {
  const [condition, ...more] = ctx.summary.where;
  if (!condition || more.length || condition.operator !== '=' || condition.inOr || !tableTargetOf(ctx).guarded) return false;
  return (ctx.target.entity.uniqueAttributes ?? []).some((unique) => unique.attribute === condition.column.column && unique.lookup === 'guard');
}

/** The first `=` condition a GSI of the plan answers: on the column itself, or on its string copy (0/1 columns). */
export function findIndexedCondition(ctx: SiteContext): { condition: SqlCondition; index: string; attribute: string; type: string; derived: boolean } | undefined {
  for (const condition of ctx.summary.where) {
    const column = condition.column.column;
    for (const gsi of ctx.target.table.gsis) {
      if (gsi.partitionKey.name === column) return { condition, index: gsi.name, attribute: column, type: gsi.partitionKey.type, derived: false };
      const copy = (ctx.target.entity.derivedAttributes ?? []).find((derived) => derived.name === gsi.partitionKey.name && derived.as === 'string' && derived.from === column);
      if (copy && ctx.target.entity.attributes?.[column] === 'boolean') return { condition, index: gsi.name, attribute: copy.name, type: 'string', derived: true };
    }
  }
  return undefined;
}

/** The value a row's column is compared with: numbers for numeric and 0/1 columns, as SQLite's affinity does. */
function compared(ctx: SiteContext, condition: SqlCondition, value: ExpressionKind): ExpressionKind {
  const column = ctx.target.schema?.columns.find((candidate) => candidate.name === condition.column.column);
  const numeric = column?.type === 'number' || ctx.target.entity.attributes?.[condition.column.column] === 'boolean';
  return keyValue(ctx, value, numeric ? 'number' : undefined);
}
