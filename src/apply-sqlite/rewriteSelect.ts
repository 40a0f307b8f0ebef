import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { buildGetItem, buildQueryIndex, buildScanAll, expression, propertyKey, type Part } from '../emit';
import type { SqlCondition } from '../scan/sqlite';
import { asRow, keyValue } from './rowShape';
import { tableTargetOf, valueNode, type SiteContext, type SiteOutcome } from './siteContext';
import { orderFunction } from './sortRows';

/**
 * `SELECT … FROM t WHERE <key> = ?` → GetItem, `WHERE <col> = ?` on a planned GSI (or a string
 * copy of a 0/1 column the design derived for it) → Query, anything else → paginated Scan. The
 * items become the rows the code expects (see rowShape); further `=` conditions filter them,
 * ORDER BY sorts them in memory, a column list (with aliases) maps them.
 */
export function rewriteSelect(ctx: SiteContext): SiteOutcome {
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
  if (summary.limit || summary.offset) return todo('LIMIT/OFFSET: page with LastEvaluatedKey as the plan says (the API changes), then re-run');
  if (site.method !== 'get' && site.method !== 'all') return todo(`rewrite ${site.method}() over the rows by hand, then re-run`);
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
  } else {
    const indexed = findIndexedCondition(ctx);
    if (indexed) {
      const value = indexed.derived ? expression(e, ['String(Boolean(', values.get(indexed.condition)!, '))']) : keyValue(ctx, values.get(indexed.condition)!, indexed.type);
      rows = asRow(ctx, buildQueryIndex(e, table, { index: indexed.index, attribute: indexed.attribute, value }), true);
      rest = summary.where.filter((condition) => condition !== indexed.condition);
    } else rows = asRow(ctx, buildScanAll(e, table), true);
  }
  const row = rest.length || summary.orderBy.length || projection.length ? rewrite.freshName(['row']) : 'row';
  const parts: Part[] = ['', rows];
  if (rest.length) {
    const tests: Part[] = [];
    rest.forEach((condition, index) => tests.push(index ? ' && ' : '', `${row}.${condition.column.column} === `, compared(ctx, condition, values.get(condition)!)));
    parts.push(`.filter((${row}) => `, ...tests, ')');
  }
  if (summary.orderBy.length) {
    const order = orderFunction(rewrite);
    const keys = summary.orderBy.map(({ column, order: direction }) => (direction === 'desc' ? `${order}(b.${column.column}, a.${column.column})` : `${order}(a.${column.column}, b.${column.column})`));
    parts.push(`.sort((a, b) => ${keys.join(' || ')})`);
  }
  if (projection.length) parts.push(`.map((${row}) => ({ ${projection.map(([name, column]) => (name === column ? `${propertyKey(e, name)}: ${row}.${column}` : `${propertyKey(e, name)}: ${row}.${column}`)).join(', ')} }))`);
  const single = site.method === 'get' && (!byKey || projection.length > 0);
  const result = parts.length === 2 && !single ? rows : expression(e, single ? ['(', ...parts, ')[0]'] : parts);
  return { expression: result };
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

/** The first `=` condition a GSI of the plan answers: on the column itself, or on its string copy (0/1 columns). */
function findIndexedCondition(ctx: SiteContext): { condition: SqlCondition; index: string; attribute: string; type: string; derived: boolean } | undefined {
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
