import type { SqlNode } from './parseSql';
import { buildTableSchema, type ColumnDefinition, type ConstraintDefinition, type TableDefinition } from './buildTableSchema';
import { columnRefOf, exprText, isNode, nameOf, nodeList } from './sqlAst';

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
  const definition: TableDefinition = { name, columns: [], constraints: [], withoutRowid: false };
  for (const item of nodeList(ast.create_definitions)) {
    if (item.resource !== 'column') {
      const constraint = readConstraint(item);
      if (constraint) definition.constraints.push(constraint);
      continue;
    }
    const columnName = columnRefOf(item.column)?.column ?? nameOf(item.column);
    if (!columnName) continue;
    const column: ColumnDefinition = {
      name: columnName,
      primaryKey: Boolean(item.primary_key),
      autoincrement: Boolean(item.auto_increment),
      notNull: isNode(item.nullable) && String(item.nullable.type).toLowerCase() === 'not null',
      unique: Boolean(item.unique),
      checks: item.check ? [item.check] : [],
    };
    if (isNode(item.definition) && typeof item.definition.dataType === 'string') column.sqlType = item.definition.dataType.toUpperCase();
    if (isNode(item.default_val)) column.default = exprText(item.default_val.value);
    const references = readReference(item.reference_definition);
    if (references) column.references = references;
    definition.columns.push(column);
  }
  definition.withoutRowid = nodeList(ast.table_options).some((o) => String(o.keyword ?? '').toLowerCase() === 'without rowid');
  return buildTableSchema(definition);
}

function readConstraint(constraint: SqlNode): ConstraintDefinition | undefined {
  const kind = String(constraint.constraint_type ?? '').toLowerCase();
  const names = nodeList(constraint.definition).map((d) => columnRefOf(d)?.column ?? nameOf(d)).filter((n): n is string => Boolean(n));
  if (kind === 'primary key') return { kind, columns: names };
  if (kind.startsWith('unique')) return { kind: 'unique', columns: names };
  if (kind === 'check') return { kind, check: constraint };
  if (kind !== 'foreign key') return undefined;
  const references = readReference(constraint.reference_definition);
  if (!references) return undefined;
  const referenced = isNode(constraint.reference_definition) ? nodeList(constraint.reference_definition.definition) : [];
  const referencedColumns = names.map((_, index) => {
    const column = columnRefOf(referenced[index])?.column;
    return column === REPAIRED_PK_COLUMN ? undefined : column;
  });
  return { kind, columns: names, references, referencedColumns };
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
