import type { SqlNode } from './parseSql';
import { columnRefOf, exprText, isNode, literalOf, nameOf, nodeList, walkSql } from './sqlAst';

export type SqlFieldType = 'number' | 'string' | 'boolean' | 'object' | 'Buffer';

export interface SqlForeignKey {
  table: string;
  /** Referenced column; undefined when the schema names only the table (its primary key). */
  column?: string;
  onDelete?: string;
  onUpdate?: string;
}

export interface SqlColumn {
  name: string;
  /** Declared type as written, upper case (`INTEGER`, `VARCHAR`); undefined when none. */
  sqlType?: string;
  /** JS type the driver returns, from SQLite's type affinity (BOOLEAN → boolean). */
  type?: SqlFieldType;
  primaryKey: boolean;
  notNull: boolean;
  unique: boolean;
  /** DEFAULT as SQL text: `0`, `'normal'`, `CURRENT_TIMESTAMP`, `DATETIME('now')`. */
  default?: string;
  references?: SqlForeignKey;
  /** `CHECK (col IN (0, 1))`: a 0/1 boolean. */
  booleanCheck: boolean;
}

export interface SqlTableSchema {
  name: string;
  columns: SqlColumn[];
  /** Primary key columns in order (one for most tables, two or more for join tables). */
  primaryKey: string[];
  /** The column that aliases SQLite's rowid (`INTEGER PRIMARY KEY`), whose values SQLite assigns. */
  rowidAlias?: string;
  /** `AUTOINCREMENT` written (ids are never reused). */
  autoincrementKeyword: boolean;
  /** Multi-column and single-column UNIQUE constraints. */
  uniques: string[][];
  withoutRowid: boolean;
}

/** Reads a CREATE TABLE AST into a schema; undefined when the AST is not one. */
export function readCreateTable(ast: SqlNode): SqlTableSchema | undefined {
  if (ast.type !== 'create' || ast.keyword !== 'table') return undefined;
  const name = nodeList(ast.table).map((t) => (typeof t.table === 'string' ? t.table : undefined)).find(Boolean);
  if (!name) return undefined;
  const columns: SqlColumn[] = [];
  const primaryKey: string[] = [];
  const uniques: string[][] = [];
  let autoincrementKeyword = false;
  let rowidAlias: string | undefined;
  const constraints: SqlNode[] = [];

  for (const definition of nodeList(ast.create_definitions)) {
    if (definition.resource !== 'column') {
      constraints.push(definition);
      continue;
    }
    const columnName = columnRefOf(definition.column)?.column ?? nameOf(definition.column);
    if (!columnName) continue;
    const sqlType = isNode(definition.definition) && typeof definition.definition.dataType === 'string' ? definition.definition.dataType.toUpperCase() : undefined;
    const column: SqlColumn = {
      name: columnName,
      primaryKey: Boolean(definition.primary_key),
      notNull: isNode(definition.nullable) && String(definition.nullable.type).toLowerCase() === 'not null',
      unique: Boolean(definition.unique),
      booleanCheck: isBooleanCheck(definition.check, columnName),
    };
    if (sqlType) column.sqlType = sqlType;
    const type = affinityType(sqlType);
    if (type) column.type = type;
    if (isNode(definition.default_val)) column.default = exprText(definition.default_val.value);
    const references = readReference(definition.reference_definition);
    if (references) column.references = references;
    if (column.primaryKey) {
      primaryKey.push(columnName);
      if (sqlType === 'INTEGER') rowidAlias = columnName;
      if (definition.auto_increment) autoincrementKeyword = true;
    }
    if (column.unique) uniques.push([columnName]);
    columns.push(column);
  }

  for (const constraint of constraints) {
    const kind = String(constraint.constraint_type ?? '').toLowerCase();
    const names = nodeList(constraint.definition).map((d) => columnRefOf(d)?.column ?? nameOf(d)).filter((n): n is string => Boolean(n));
    if (kind === 'primary key') {
      for (const n of names) if (!primaryKey.includes(n)) primaryKey.push(n);
      for (const column of columns) if (names.includes(column.name)) column.primaryKey = true;
      if (names.length === 1 && columns.find((c) => c.name === names[0])?.sqlType === 'INTEGER') rowidAlias = names[0];
    } else if (kind.startsWith('unique')) {
      uniques.push(names);
      if (names.length === 1) for (const column of columns) if (column.name === names[0]) column.unique = true;
    } else if (kind === 'foreign key') {
      const references = readReference(constraint.reference_definition);
      names.forEach((n, index) => {
        const column = columns.find((c) => c.name === n);
        if (column && references) {
          const referencedColumns = isNode(constraint.reference_definition) ? nodeList(constraint.reference_definition.definition) : [];
          const target = columnRefOf(referencedColumns[index])?.column;
          column.references = { ...references, column: target ?? references.column };
          if (column.references.column === undefined) delete column.references.column;
        }
      });
    } else if (kind === 'check') {
      for (const column of columns) if (isBooleanCheck(constraint, column.name)) column.booleanCheck = true;
    }
  }
  if (primaryKey.length > 1) rowidAlias = undefined;
  for (const column of columns) if (column.booleanCheck && column.type === 'number') column.type = 'boolean';

  const withoutRowid = nodeList(ast.table_options).some((o) => String(o.keyword ?? '').toLowerCase() === 'without rowid');
  const schema: SqlTableSchema = { name, columns, primaryKey, autoincrementKeyword, uniques, withoutRowid };
  if (rowidAlias && !withoutRowid) schema.rowidAlias = rowidAlias;
  return schema;
}

/** SQLite type affinity (https://sqlite.org/datatype3.html §3.1), with BOOLEAN and JSON as apps mean them. */
export function affinityType(sqlType: string | undefined): SqlFieldType | undefined {
  if (!sqlType) return undefined;
  const t = sqlType.toUpperCase();
  if (t.includes('BOOL')) return 'boolean';
  if (t.includes('INT')) return 'number';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'string';
  if (t.includes('BLOB')) return 'Buffer';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'number';
  if (t.includes('JSON')) return 'object';
  if (t.includes('DATE') || t.includes('TIME') || t === 'UUID') return 'string';
  if (t.includes('NUMERIC') || t.includes('DECIMAL')) return 'number';
  return undefined;
}

function readReference(value: unknown): SqlForeignKey | undefined {
  if (!isNode(value)) return undefined;
  const table = nodeList(value.table).map((t) => (typeof t.table === 'string' ? t.table : undefined)).find(Boolean);
  if (!table) return undefined;
  const reference: SqlForeignKey = { table };
  const column = columnRefOf(nodeList(value.definition)[0])?.column;
  if (column && column !== REPAIRED_PK_COLUMN) reference.column = column;
  for (const action of nodeList(value.on_action)) {
    const text = String(action.value && isNode(action.value) ? action.value.value : action.value).toUpperCase();
    if (String(action.type).toLowerCase() === 'on delete') reference.onDelete = text;
    if (String(action.type).toLowerCase() === 'on update') reference.onUpdate = text;
  }
  return reference;
}

/** Column name the parser repair gives `REFERENCES users` (no column list): the referenced table's key. */
export const REPAIRED_PK_COLUMN = '__primary_key__';

function isBooleanCheck(check: unknown, column: string): boolean {
  let found = false;
  walkSql(check, (node) => {
    if (node.type !== 'binary_expr' || String(node.operator).toUpperCase() !== 'IN') return;
    if (columnRefOf(node.left)?.column !== column) return;
    const values = isNode(node.right) ? nodeList(node.right.value).map((v) => literalOf(v)?.value) : [];
    if (values.length === 2 && values.includes(0) && values.includes(1)) found = true;
  });
  return found;
}
