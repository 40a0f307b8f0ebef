import type { ParsedStatement, SqlNode } from './parseSql';
import { readCreateTable, type SqlTableSchema } from './readCreateTable';
import { columnRefOf, exprText, functionArgs, functionNameOf, isNode, literalOf, nameOf, nodeList, paramNameOf, tableRefOf } from './sqlAst';

/** A column as a statement names it; `table` is the real table when the qualifier (alias) is known. */
export interface ColumnRef {
  qualifier?: string;
  table?: string;
  column: string;
}

export type SqlValue =
  | { kind: 'param'; canonical: string }
  | { kind: 'literal'; value: string | number | boolean | null }
  /** `datetime('now')`, `CURRENT_TIMESTAMP`, `unixepoch()`, `strftime('%s','now')` … */
  | { kind: 'now'; text: string }
  | { kind: 'column'; ref: ColumnRef }
  | { kind: 'expression'; text: string; params: string[] };

export interface SqlCondition {
  column: ColumnRef;
  /** Upper case: `=`, `>`, `IN`, `LIKE`, `IS` … (flipped when the column was on the right). */
  operator: string;
  value: SqlValue;
  /** Part of an OR: the condition alone does not select the rows. */
  inOr: boolean;
}

export interface SqlJoin {
  table: string;
  alias?: string;
  /** `INNER JOIN`, `LEFT JOIN` … */
  type: string;
  /** Column pairs compared with `=` in ON (or named in USING). */
  keys: [ColumnRef, ColumnRef][];
}

export interface SqlSetClause {
  column: string;
  value: SqlValue;
  /** `col = COALESCE(?, col)` / `IFNULL(?, col)`: keeps the old value when the parameter is null. */
  partial: boolean;
}

export type StatementKind = 'select' | 'insert' | 'update' | 'delete' | 'create-table' | 'create-index' | 'drop' | 'alter' | 'other';

export interface StatementSummary {
  kind: StatementKind;
  /** The table the statement is about: FROM (first), INSERT INTO, UPDATE, DELETE FROM. */
  table?: string;
  /** Every table at the top level (FROM list and joins). */
  tables: string[];
  /** alias → table, table → table. */
  aliases: Record<string, string>;
  where: SqlCondition[];
  /** Every column the WHERE clause mentions (outside subqueries). */
  whereColumns: ColumnRef[];
  orderBy: { column: ColumnRef; order: 'asc' | 'desc' }[];
  limit?: SqlValue;
  offset?: SqlValue;
  joins: SqlJoin[];
  set: SqlSetClause[];
  insert?: { columns: string[]; rows: SqlValue[][]; fromSelect: boolean; conflict?: string };
  /** Selected columns (`*` as `{ star: 'p' }` for `p.*`); aggregate functions by name. */
  selectColumns: { column?: ColumnRef; alias?: string; aggregate?: string; star?: string }[];
  returning: boolean;
  schema?: SqlTableSchema;
  index?: { table: string; columns: string[]; unique: boolean };
}

const NOW_FUNCTIONS = new Set(['DATETIME', 'DATE', 'TIME', 'STRFTIME', 'JULIANDAY', 'UNIXEPOCH']);
const NOW_KEYWORDS = new Set(['CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'NOW']);
const FLIPPED: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=' };

/** What a statement does: from its AST, or from the schema of a CREATE TABLE read leniently; undefined when unread. */
export function summariseParsed(statement: ParsedStatement): StatementSummary | undefined {
  if (statement.ast) return summariseStatement(statement.ast);
  if (!statement.lenientSchema) return undefined;
  const summary = emptySummary(false);
  readSchema(statement.lenientSchema, summary);
  return summary;
}

function emptySummary(returning: boolean): StatementSummary {
  return { kind: 'other', tables: [], aliases: {}, where: [], whereColumns: [], orderBy: [], joins: [], set: [], selectColumns: [], returning };
}

function readSchema(schema: SqlTableSchema, summary: StatementSummary): void {
  summary.kind = 'create-table';
  summary.schema = schema;
  summary.table = schema.name;
  summary.tables = [schema.name];
}

/** What a parsed statement does, in terms the classifier needs. */
export function summariseStatement(ast: SqlNode): StatementSummary {
  const summary = emptySummary(Boolean(ast.returning));
  const type = String(ast.type ?? '').toLowerCase();
  if (type === 'select') readSelect(ast, summary);
  else if (type === 'insert' || type === 'replace') readInsert(ast, summary, type === 'replace');
  else if (type === 'update') {
    summary.kind = 'update';
    addTables(summary, nodeList(ast.table));
    for (const clause of nodeList(ast.set)) {
      const column = typeof clause.column === 'string' ? clause.column : nameOf(clause.column);
      if (!column) continue;
      const { value, partial } = readSetValue(clause.value, column);
      summary.set.push({ column, value, partial });
    }
    readWhere(ast.where, summary);
  } else if (type === 'delete') {
    summary.kind = 'delete';
    addTables(summary, nodeList(ast.from).length > 0 ? nodeList(ast.from) : nodeList(ast.table));
    readWhere(ast.where, summary);
  } else if (type === 'create' && ast.keyword === 'table') {
    summary.kind = 'create-table';
    const schema = readCreateTable(ast);
    if (schema) readSchema(schema, summary);
  } else if (type === 'create' && ast.keyword === 'index') {
    summary.kind = 'create-index';
    const table = tableRefOf(ast.table)?.table;
    if (table) {
      summary.table = table;
      summary.tables = [table];
      const columns = nodeList(ast.index_columns).map((c) => columnRefOf(c)?.column ?? nameOf(c)).filter((c): c is string => Boolean(c));
      summary.index = { table, columns, unique: String(ast.index_type ?? '').toLowerCase() === 'unique' };
    }
  } else if (type === 'drop') {
    summary.kind = 'drop';
    addTables(summary, nodeList(ast.name));
  } else if (type === 'alter') {
    summary.kind = 'alter';
    addTables(summary, nodeList(ast.table));
  }
  return summary;
}

function readSelect(ast: SqlNode, summary: StatementSummary): void {
  summary.kind = 'select';
  const from = nodeList(ast.from);
  addTables(summary, from);
  for (const item of from.slice(1)) {
    const ref = tableRefOf(item);
    if (!ref || typeof item.join !== 'string') continue;
    const join: SqlJoin = { table: ref.table, type: item.join.toUpperCase(), keys: [] };
    if (ref.as) join.alias = ref.as;
    collectJoinKeys(item.on, summary, join.keys);
    for (const name of Array.isArray(item.using) ? item.using : []) {
      const column = nameOf(name);
      if (column) join.keys.push([{ table: summary.table, column }, { table: ref.table, column }]);
    }
    summary.joins.push(join);
  }
  if (Array.isArray(ast.columns)) {
    for (const entry of nodeList(ast.columns)) {
      const expr = isNode(entry.expr) ? entry.expr : entry;
      const alias = typeof entry.as === 'string' ? entry.as : undefined;
      const column = columnRefOf(expr);
      if (column?.column === '*') summary.selectColumns.push({ star: column.table ?? '*' });
      else if (column) summary.selectColumns.push({ column: resolveRef(column, summary), ...(alias ? { alias } : {}) });
      else if (expr.type === 'aggr_func' || expr.type === 'function') {
        summary.selectColumns.push({ aggregate: functionNameOf(expr) ?? 'FUNCTION', ...(alias ? { alias } : {}) });
      }
    }
  } else if (ast.columns === '*') summary.selectColumns.push({ star: '*' });
  readWhere(ast.where, summary);
  for (const item of nodeList(ast.orderby)) {
    const column = columnRefOf(item.expr);
    if (!column) continue;
    summary.orderBy.push({ column: resolveRef(column, summary), order: String(item.type ?? 'ASC').toUpperCase() === 'DESC' ? 'desc' : 'asc' });
  }
  readLimit(ast.limit, summary);
}

function readInsert(ast: SqlNode, summary: StatementSummary, replace: boolean): void {
  summary.kind = 'insert';
  addTables(summary, nodeList(ast.table));
  const columns = (Array.isArray(ast.columns) ? ast.columns : []).map((c) => nameOf(c)).filter((c): c is string => Boolean(c));
  const values = isNode(ast.values) ? ast.values : undefined;
  const fromSelect = values !== undefined && String(values.type) === 'select';
  const rows = values && !fromSelect ? nodeList(values.values).map((row) => nodeList(row.value).map((v) => readValue(v, summary))) : [];
  const insert: NonNullable<StatementSummary['insert']> = { columns, rows, fromSelect };
  const or = nodeList(ast.or).map((o) => String(o.value).toLowerCase()).filter((o) => o !== 'or');
  if (replace) insert.conflict = 'replace';
  else if (or.length > 0) insert.conflict = or[0];
  else if (isNode(ast.conflict)) {
    const action = isNode(ast.conflict.action) ? ast.conflict.action : undefined;
    insert.conflict = action && isNode(action.expr) && action.expr.type === 'update' ? 'update' : 'nothing';
  }
  summary.insert = insert;
}

function addTables(summary: StatementSummary, refs: SqlNode[]): void {
  for (const node of refs) {
    const ref = tableRefOf(node);
    if (!ref) continue;
    summary.table ??= ref.table;
    if (!summary.tables.includes(ref.table)) summary.tables.push(ref.table);
    summary.aliases[ref.table] = ref.table;
    if (ref.as) summary.aliases[ref.as] = ref.table;
  }
}

function resolveRef(ref: { table?: string; column: string }, summary: StatementSummary): ColumnRef {
  if (!ref.table) return summary.tables.length === 1 ? { table: summary.tables[0], column: ref.column } : { column: ref.column };
  const table = summary.aliases[ref.table];
  return table ? { qualifier: ref.table, table, column: ref.column } : { qualifier: ref.table, column: ref.column };
}

function readValue(node: unknown, summary: StatementSummary): SqlValue {
  const param = paramNameOf(node);
  if (param) return { kind: 'param', canonical: param };
  const literal = literalOf(node);
  if (literal) return { kind: 'literal', value: literal.value };
  if (isNow(node)) return { kind: 'now', text: exprText(node) };
  const column = columnRefOf(node);
  if (column) return { kind: 'column', ref: resolveRef(column, summary) };
  const params: string[] = [];
  collect(node, (n) => {
    const p = paramNameOf(n);
    if (p) params.push(p);
  });
  return { kind: 'expression', text: exprText(node), params };
}

function isNow(node: unknown): boolean {
  const fn = functionNameOf(node);
  if (!fn || !isNode(node)) return false;
  if (NOW_KEYWORDS.has(fn)) return true;
  if (!NOW_FUNCTIONS.has(fn)) return false;
  const args = functionArgs(node);
  return (fn === 'UNIXEPOCH' && args.length === 0) || args.some((a) => String(literalOf(a)?.value).toLowerCase() === 'now');
}

function readSetValue(node: unknown, column: string): { value: SqlValue; partial: boolean } {
  const fn = functionNameOf(node);
  if ((fn === 'COALESCE' || fn === 'IFNULL') && isNode(node)) {
    const args = functionArgs(node);
    const keepsOld = args.slice(1).some((a) => columnRefOf(a)?.column === column);
    const param = paramNameOf(args[0]);
    if (keepsOld && param) return { value: { kind: 'param', canonical: param }, partial: true };
  }
  const empty: StatementSummary = { kind: 'other', tables: [], aliases: {}, where: [], whereColumns: [], orderBy: [], joins: [], set: [], selectColumns: [], returning: false };
  return { value: readValue(node, empty), partial: false };
}

function readWhere(where: unknown, summary: StatementSummary): void {
  if (!isNode(where)) return;
  collect(where, (node) => {
    const column = columnRefOf(node);
    if (column) summary.whereColumns.push(resolveRef(column, summary));
  });
  const visit = (node: unknown, inOr: boolean): void => {
    if (!isNode(node) || node.type !== 'binary_expr') return;
    const operator = String(node.operator).toUpperCase();
    if (operator === 'AND') {
      visit(node.left, inOr);
      visit(node.right, inOr);
      return;
    }
    if (operator === 'OR') {
      visit(node.left, true);
      visit(node.right, true);
      return;
    }
    const left = columnRefOf(node.left);
    const right = columnRefOf(node.right);
    if (left && !(right && paramNameOf(node.left))) {
      summary.where.push({ column: resolveRef(left, summary), operator, value: readValue(node.right, summary), inOr });
    } else if (right) {
      summary.where.push({ column: resolveRef(right, summary), operator: FLIPPED[operator] ?? operator, value: readValue(node.left, summary), inOr });
    }
  };
  visit(where, false);
}

function readLimit(limit: unknown, summary: StatementSummary): void {
  if (!isNode(limit)) return;
  const values = nodeList(limit.value);
  if (values.length === 0) return;
  const separator = String(limit.seperator ?? limit.separator ?? '').toLowerCase();
  if (separator === ',' && values.length === 2) {
    // `LIMIT offset, count`
    summary.offset = readValue(values[0], summary);
    summary.limit = readValue(values[1], summary);
    return;
  }
  summary.limit = readValue(values[0], summary);
  if (values[1]) summary.offset = readValue(values[1], summary);
}

function collectJoinKeys(on: unknown, summary: StatementSummary, keys: [ColumnRef, ColumnRef][]): void {
  if (!isNode(on) || on.type !== 'binary_expr') return;
  const operator = String(on.operator).toUpperCase();
  if (operator === 'AND') {
    collectJoinKeys(on.left, summary, keys);
    collectJoinKeys(on.right, summary, keys);
    return;
  }
  const left = columnRefOf(on.left);
  const right = columnRefOf(on.right);
  if ((operator === '=' || operator === '==') && left && right) keys.push([resolveRef(left, summary), resolveRef(right, summary)]);
}

/** Visits nodes under `root` without entering subqueries. */
function collect(root: unknown, visit: (node: SqlNode) => void): void {
  if (Array.isArray(root)) {
    for (const item of root) collect(item, visit);
    return;
  }
  if (!isNode(root)) return;
  if (root.type === 'select' || 'ast' in root) return;
  visit(root);
  for (const value of Object.values(root)) if (typeof value === 'object' && value !== null) collect(value, visit);
}
