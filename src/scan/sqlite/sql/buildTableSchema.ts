import type { SqlColumn, SqlFieldType, SqlForeignKey, SqlTableSchema } from './readCreateTable';
import { columnRefOf, isNode, literalOf, nodeList, walkSql } from './sqlAst';

/**
 * A CREATE TABLE as written, before SQLite's rules are applied. Both readers fill it: the one over
 * node-sql-parser's AST and the lenient one over the text, so both give the same schema.
 */
export interface TableDefinition {
  name: string;
  columns: ColumnDefinition[];
  constraints: ConstraintDefinition[];
  withoutRowid: boolean;
}

export interface ColumnDefinition {
  name: string;
  /** Declared type, upper case, without its `(n, m)`. */
  sqlType?: string;
  primaryKey: boolean;
  /** `PRIMARY KEY DESC`: SQLite does not make such a column an alias of the rowid. */
  primaryKeyDesc?: boolean;
  autoincrement: boolean;
  notNull: boolean;
  unique: boolean;
  /** DEFAULT as SQL text (see SqlColumn.default). */
  default?: string;
  references?: SqlForeignKey;
  /** CHECK expressions as node-sql-parser ASTs. */
  checks: unknown[];
}

export type ConstraintDefinition =
  | { kind: 'primary key'; columns: string[] }
  | { kind: 'unique'; columns: string[] }
  | { kind: 'foreign key'; columns: string[]; references: SqlForeignKey; referencedColumns: (string | undefined)[] }
  | { kind: 'check'; check: unknown };

/** Applies SQLite's rules (rowid alias, type affinity, 0/1 booleans) to a CREATE TABLE as written. */
export function buildTableSchema(definition: TableDefinition): SqlTableSchema {
  const columns: SqlColumn[] = [];
  const primaryKey: string[] = [];
  const uniques: string[][] = [];
  let autoincrementKeyword = false;
  let rowidAlias: string | undefined;

  for (const written of definition.columns) {
    const column: SqlColumn = {
      name: written.name,
      primaryKey: written.primaryKey,
      notNull: written.notNull,
      unique: written.unique,
      booleanCheck: written.checks.some((check) => isBooleanCheck(check, written.name)),
    };
    if (written.sqlType) column.sqlType = written.sqlType;
    const type = affinityType(written.sqlType);
    if (type) column.type = type;
    if (written.default !== undefined) column.default = written.default;
    if (written.references) column.references = written.references;
    if (column.primaryKey) {
      primaryKey.push(written.name);
      if (written.sqlType === 'INTEGER' && !written.primaryKeyDesc) rowidAlias = written.name;
      if (written.autoincrement) autoincrementKeyword = true;
    }
    if (column.unique) uniques.push([written.name]);
    columns.push(column);
  }

  for (const constraint of definition.constraints) {
    if (constraint.kind === 'primary key') {
      const names = constraint.columns;
      for (const n of names) if (!primaryKey.includes(n)) primaryKey.push(n);
      for (const column of columns) if (names.includes(column.name)) column.primaryKey = true;
      if (names.length === 1 && columns.find((c) => c.name === names[0])?.sqlType === 'INTEGER') rowidAlias = names[0];
    } else if (constraint.kind === 'unique') {
      const names = constraint.columns;
      uniques.push(names);
      if (names.length === 1) for (const column of columns) if (column.name === names[0]) column.unique = true;
    } else if (constraint.kind === 'foreign key') {
      constraint.columns.forEach((n, index) => {
        const column = columns.find((c) => c.name === n);
        if (!column) return;
        column.references = { ...constraint.references, column: constraint.referencedColumns[index] ?? constraint.references.column };
        if (column.references.column === undefined) delete column.references.column;
      });
    } else if (constraint.kind === 'check') {
      for (const column of columns) if (isBooleanCheck(constraint.check, column.name)) column.booleanCheck = true;
    }
  }
  if (primaryKey.length > 1) rowidAlias = undefined;
  for (const column of columns) if (column.booleanCheck && column.type === 'number') column.type = 'boolean';

  const { name, withoutRowid } = definition;
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

/** `CHECK (col IN (0, 1))`: the column holds a 0/1 boolean. */
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
