/**
 * Statement summary → access-model operations. The rules (issue 3, SQLite):
 *  INSERT → create; SELECT … WHERE <key> = ? → read-by-id; WHERE <other> = ? → filter-by-attr, or
 *  relations when <other> is a foreign key; SELECT without WHERE → list; ORDER BY → sort;
 *  LIMIT/OFFSET → paginate; JOIN → join on every table involved; UPDATE → update (+ how rows are
 *  found when not by key); DELETE → delete (+ cascaded deletes the schema declares); an expiry
 *  column compared with now → ttl.
 */
import type { FilterMatch, OpKind, OperationRecord } from '../../model/access-model';
import { toEntityName } from '../naming';
import { DYNAMIC_IDENTIFIER } from './js/assembleSql';
import type { SqlTableSchema } from './sql/readCreateTable';
import type { ColumnRef, SqlCondition, SqlValue, StatementSummary } from './sql/summariseStatement';
import { findSequenceReset, isSequenceTable } from './classifySequenceReset';

export interface ClassifiedOp {
  op: OpKind;
  table: string;
  attributes?: string[];
  order?: 'asc' | 'desc';
  pagination?: OperationRecord['pagination'];
  unique?: string[];
  /** filter-by-attr: how the columns are compared (absent: equals). */
  match?: FilterMatch;
  /** delete: every row (no WHERE), or the table's AUTOINCREMENT counter (sqlite_sequence). */
  removes?: 'all' | 'counter';
}

export interface ClassifyContext {
  schemaOf(table: string): SqlTableSchema | undefined;
  /** Names of every table known to the project (for `*_id` → table inference). */
  tableNames: string[];
  /** Is this value "now" (`datetime('now')`, or a parameter bound to `Date.now()` / `new Date()`)? */
  isNow(value: SqlValue): boolean;
  /** `offset` or `page` (the bound offset is computed from a page number). */
  offsetStyle(value: SqlValue): 'offset' | 'page';
  /** Cascading deletes are enforced (`PRAGMA foreign_keys = ON` seen). */
  foreignKeysOn: boolean;
  /** The text of a literal, or of a parameter bound to a string literal. */
  textOf(value: SqlValue): string | undefined;
}

const EXPIRY_COLUMN = /(expir|ttl$|^ttl|valid_?until)/i;
const KEY_OPERATORS = new Set(['=', '==', 'IN', 'IS']);

export function classifyStatement(summary: StatementSummary, ctx: ClassifyContext): ClassifiedOp[] {
  const table = summary.table;
  if (!table || DYNAMIC_IDENTIFIER.test(table)) return [];
  if (isSequenceTable(table)) {
    const reset = findSequenceReset(summary, ctx.textOf);
    return reset ? [{ op: 'delete', table: reset, removes: 'counter' }] : [];
  }
  switch (summary.kind) {
    case 'insert': {
      const op: ClassifiedOp = { op: 'create', table };
      const unique = (ctx.schemaOf(table)?.uniques ?? []).filter((u) => u.length === 1).map((u) => u[0]);
      if (unique.length > 0) op.unique = unique;
      return [op];
    }
    case 'select':
      return classifySelect(summary, table, ctx);
    case 'update': {
      const set = summary.set.map((s) => s.column).filter((c) => !DYNAMIC_IDENTIFIER.test(c));
      const ops: ClassifiedOp[] = [{ op: 'update', table, ...(set.length > 0 ? { attributes: unique(set) } : {}) }];
      if (!isByKey(summary, table, ctx)) ops.push(...lookupOps(summary.where, table, ctx));
      return ops;
    }
    case 'delete': {
      const ops: ClassifiedOp[] = [];
      // not by key: every row, or the rows whose columns equal values (their keys are read, then deleted in batches)
      if (isByKey(summary, table, ctx)) ops.push({ op: 'delete', table });
      else if (!summary.where.length) ops.push({ op: 'delete', table, removes: 'all' });
      else if (isPlainEquality(summary)) ops.push({ op: 'delete', table, attributes: unique(summary.where.map((c) => c.column.column)) });
      else ops.push({ op: 'delete', table }, ...lookupOps(summary.where, table, ctx));
      if (ctx.foreignKeysOn) ops.push(...cascadedDeletes(table, ctx, new Set([table.toLowerCase()])));
      return ops;
    }
    default:
      return [];
  }
}

function classifySelect(summary: StatementSummary, primary: string, ctx: ClassifyContext): ClassifiedOp[] {
  const ops: ClassifiedOp[] = [];
  const tables = summary.tables.filter((t) => !DYNAMIC_IDENTIFIER.test(t));
  for (const table of tables) {
    const conditions = summary.where.filter((c) => tableOfColumn(c.column, summary, ctx) === table);
    if (isByKey(summary, table, ctx)) {
      ops.push({ op: 'read-by-id', table });
      ops.push(...ttlOps(conditions, table, ctx));
      continue;
    }
    ops.push(...lookupOps(conditions, table, ctx));
  }
  // No condition that selects rows (ttl alone still reads them all): the whole table is read.
  const selecting = summary.where.filter((c) => !isTtlCondition(c, ctx) && c.value.kind !== 'column');
  if (selecting.length === 0) ops.push({ op: 'list', table: primary });
  if (hasDynamicCondition(summary) && !ops.some((o) => o.table === primary && (o.op === 'filter-by-attr' || o.op === 'relations' || o.op === 'read-by-id'))) {
    ops.push({ op: 'filter-by-attr', table: primary });
  }
  // ORDER BY: one sort per table, attributes in order, direction of the first key.
  const sorts = new Map<string, ClassifiedOp>();
  for (const { column, order } of summary.orderBy) {
    const table = DYNAMIC_IDENTIFIER.test(column.column) ? primary : (tableOfColumn(column, summary, ctx) ?? primary);
    const sort = sorts.get(table) ?? { op: 'sort' as const, table, attributes: [], order };
    if (!DYNAMIC_IDENTIFIER.test(column.column) && !sort.attributes!.includes(column.column)) sort.attributes!.push(column.column);
    sorts.set(table, sort);
  }
  for (const sort of sorts.values()) {
    if (sort.attributes!.length === 0) delete sort.attributes;
    ops.push(sort);
  }
  if (summary.offset || (summary.limit && !(summary.limit.kind === 'literal' && summary.limit.value === 1))) {
    const pagination = summary.offset ? ctx.offsetStyle(summary.offset) : 'limit';
    ops.push({ op: 'paginate', table: primary, pagination });
  }
  if (summary.joins.length > 0) {
    const keys = unique(
      summary.joins.flatMap((join) => join.keys.flatMap(([a, b]) => [a, b])).map((ref) => `${tableOfColumn(ref, summary, ctx) ?? ref.qualifier ?? primary}.${ref.column}`),
    ).sort();
    for (const table of tables) ops.push({ op: 'join', table, ...(keys.length > 0 ? { attributes: keys } : {}) });
  }
  return ops;
}

/** How rows are found when not by key: filter-by-attr, relations (foreign keys) and ttl. */
function lookupOps(conditions: SqlCondition[], table: string, ctx: ClassifyContext): ClassifiedOp[] {
  const filters = new Map<FilterMatch, string[]>();
  const relations: string[] = [];
  for (const condition of conditions) {
    const column = condition.column.column;
    if (DYNAMIC_IDENTIFIER.test(column) || isTtlCondition(condition, ctx)) continue;
    if (condition.value.kind === 'column') continue; // correlated comparison, not a lookup value
    const match = matchOf(condition);
    if (isForeignKey(table, column, ctx) && match === 'equals') relations.push(column);
    else filters.set(match, [...(filters.get(match) ?? []), column]);
  }
  const ops: ClassifiedOp[] = [];
  if (relations.length > 0) ops.push({ op: 'relations', table, attributes: unique(relations) });
  for (const [match, columns] of filters) ops.push({ op: 'filter-by-attr', table, attributes: unique(columns), ...(match !== 'equals' ? { match } : {}) });
  ops.push(...ttlOps(conditions, table, ctx));
  return ops;
}

/**
 * `=`, `IN`, `IS`: equals. `LIKE '%x%'`, `LIKE '%' || ? || '%'`, a LIKE whose pattern comes from
 * a parameter (built in the code) or GLOB: contains, unless the pattern visibly only ends with `%`
 * (`LIKE 'x%'`, `LIKE ? || '%'`): prefix. `<`, `>`, `<=`, `>=`, BETWEEN: range.
 */
function matchOf(condition: SqlCondition): FilterMatch {
  const operator = condition.operator.replace(/^NOT\s+/, '');
  if (['<', '<=', '>', '>=', 'BETWEEN'].includes(operator)) return 'range';
  if (operator !== 'LIKE' && operator !== 'GLOB') return 'equals';
  const value = condition.value;
  const pattern = value.kind === 'literal' ? String(value.value) : value.kind === 'expression' ? value.text.replace(/\s+/g, '') : undefined;
  if (pattern === undefined) return 'contains';
  const wildcard = operator === 'LIKE' ? /[%_]/ : /[*?[]/;
  const startsOpen = /^'?[%*]/.test(pattern);
  const endsOpen = /[%*]'?$/.test(pattern);
  if (value.kind === 'literal' && !wildcard.test(pattern)) return 'equals';
  return endsOpen && !startsOpen ? 'prefix' : 'contains';
}

function ttlOps(conditions: SqlCondition[], table: string, ctx: ClassifyContext): ClassifiedOp[] {
  const columns = unique(conditions.filter((c) => isTtlCondition(c, ctx)).map((c) => c.column.column));
  return columns.length > 0 ? [{ op: 'ttl', table, attributes: columns }] : [];
}

function isTtlCondition(condition: SqlCondition, ctx: ClassifyContext): boolean {
  return EXPIRY_COLUMN.test(condition.column.column) && ['<', '<=', '>', '>='].includes(condition.operator) && ctx.isNow(condition.value);
}

/** Every primary-key column of `table` is compared with `=`/`IN` to a value (not in an OR). */
function isByKey(summary: StatementSummary, table: string, ctx: ClassifyContext): boolean {
  const key = keyColumns(table, ctx);
  if (key.length === 0) return false;
  return key.every((column) =>
    summary.where.some(
      (c) => !c.inOr && c.column.column.toLowerCase() === column.toLowerCase() && KEY_OPERATORS.has(c.operator) && c.value.kind !== 'column' && tableOfColumn(c.column, summary, ctx) === table,
    ),
  );
}

export function keyColumns(table: string, ctx: Pick<ClassifyContext, 'schemaOf'>): string[] {
  const schema = ctx.schemaOf(table);
  if (schema && schema.primaryKey.length > 0) return schema.primaryKey;
  if (schema && schema.columns.some((c) => c.name === 'id')) return ['id'];
  return schema ? ['rowid'] : ['id'];
}

/** `author_id` with a REFERENCES clause, or named after a known table (`customer_id` → customers). */
export function isForeignKey(table: string, column: string, ctx: Pick<ClassifyContext, 'schemaOf' | 'tableNames'>): boolean {
  const schemaColumn = ctx.schemaOf(table)?.columns.find((c) => c.name === column);
  if (schemaColumn?.references) return true;
  return referencedTableByName(table, column, ctx.tableNames) !== undefined;
}

/** The table a `<stem>_id` / `<stem>Id` column is named after, other than the column's own table. */
export function referencedTableByName(table: string, column: string, tableNames: string[]): string | undefined {
  const stem = /^(.+?)_id$/i.exec(column)?.[1] ?? /^(.+?)Id$/.exec(column)?.[1];
  if (!stem) return undefined;
  const entity = toEntityName(stem);
  return tableNames.find((name) => name.toLowerCase() !== table.toLowerCase() && toEntityName(name) === entity);
}

/** Tables whose rows a DELETE on `table` removes through `ON DELETE CASCADE`, transitively. */
function cascadedDeletes(table: string, ctx: ClassifyContext, seen: Set<string>): ClassifiedOp[] {
  const ops: ClassifiedOp[] = [];
  for (const child of ctx.tableNames) {
    if (seen.has(child.toLowerCase())) continue;
    const columns = (ctx.schemaOf(child)?.columns ?? []).filter((c) => c.references?.table.toLowerCase() === table.toLowerCase() && c.references.onDelete === 'CASCADE');
    if (columns.length === 0) continue;
    seen.add(child.toLowerCase());
    ops.push({ op: 'delete', table: child, attributes: columns.map((c) => c.name) });
    ops.push(...cascadedDeletes(child, ctx, seen));
  }
  return ops;
}

/** The table a column belongs to: its qualifier, the only table, or the table whose schema has it. */
export function tableOfColumn(ref: ColumnRef, summary: StatementSummary, ctx: Pick<ClassifyContext, 'schemaOf'>): string | undefined {
  if (ref.table) return ref.table;
  if (ref.qualifier) return summary.aliases[ref.qualifier];
  if (summary.tables.length === 1) return summary.tables[0];
  const owners = summary.tables.filter((t) => ctx.schemaOf(t)?.columns.some((c) => c.name === ref.column));
  return owners.length === 1 ? owners[0] : summary.table;
}

/** `a = ? AND b = 'x'`: only equalities of plain columns with values, none in an OR. */
function isPlainEquality(summary: StatementSummary): boolean {
  return summary.where.every((c) => c.operator === '=' && !c.inOr && !DYNAMIC_IDENTIFIER.test(c.column.column) && ['param', 'literal'].includes(c.value.kind)) && summary.whereColumns.length === summary.where.length;
}

function hasDynamicCondition(summary: StatementSummary): boolean {
  return summary.where.some((c) => DYNAMIC_IDENTIFIER.test(c.column.column));
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
