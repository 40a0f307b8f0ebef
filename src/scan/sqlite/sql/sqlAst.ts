/**
 * Tolerant readers over node-sql-parser ASTs. The SQLite, PostgreSQL and MySQL grammars spell a
 * few things differently (a column is `"id"` in one and `{ expr: { value: "id" } }` in another),
 * so every read goes through these helpers and unknown shapes read as `undefined`.
 */
import type { SqlNode } from './parseSql';

export function isNode(value: unknown): value is SqlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function nodeList(value: unknown): SqlNode[] {
  if (Array.isArray(value)) return value.filter(isNode);
  if (isNode(value)) return [value];
  return [];
}

/** A name written as a string, `{ type: 'default', value }`, `{ expr: { value } }` or `{ value }`. */
export function nameOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!isNode(value)) return undefined;
  if (typeof value.value === 'string') return value.value;
  if (isNode(value.expr)) return nameOf(value.expr);
  if (typeof value.column === 'string' || isNode(value.column)) return nameOf(value.column);
  return undefined;
}

/** `{ type: 'column_ref', table, column }` → table qualifier and column name. */
export function columnRefOf(node: unknown): { table?: string; column: string } | undefined {
  if (!isNode(node) || node.type !== 'column_ref') return undefined;
  const column = nameOf(node.column);
  if (column === undefined) return undefined;
  const table = typeof node.table === 'string' ? node.table : nameOf(node.table);
  return table ? { table, column } : { column };
}

/** Table reference of FROM/INTO/UPDATE lists: `{ table, as }` (joins carry `join` and `on`). */
export function tableRefOf(node: unknown): { table: string; as?: string } | undefined {
  if (!isNode(node)) return undefined;
  const table = typeof node.table === 'string' ? node.table : undefined;
  if (!table) return undefined;
  const as = typeof node.as === 'string' ? node.as : undefined;
  return as ? { table, as } : { table };
}

/** Function name of a `{ type: 'function', name }` node, upper case. */
export function functionNameOf(node: unknown): string | undefined {
  if (!isNode(node) || (node.type !== 'function' && node.type !== 'aggr_func')) return undefined;
  const name = node.name;
  if (typeof name === 'string') return name.toUpperCase();
  if (isNode(name) && Array.isArray(name.name)) {
    return name.name.map((part) => nameOf(part) ?? '').join('.').toUpperCase();
  }
  return nameOf(name)?.toUpperCase();
}

/** Arguments of a function node. */
export function functionArgs(node: SqlNode): SqlNode[] {
  const args = node.args;
  if (isNode(args) && Array.isArray(args.value)) return nodeList(args.value);
  if (isNode(args) && isNode(args.expr)) return [args.expr];
  return nodeList(args);
}

/** Canonical placeholder name (`__p3`) when the node is a bind parameter. */
export function paramNameOf(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  if (node.type === 'param' && typeof node.value === 'string') return node.value;
  if (node.type === 'var' && typeof node.name === 'string' && node.prefix === ':') return node.name;
  return undefined;
}

/** A literal's JS value, when the node is one. */
export function literalOf(node: unknown): { value: string | number | boolean | null } | undefined {
  if (!isNode(node)) return undefined;
  switch (node.type) {
    case 'number':
      return { value: Number(node.value) };
    case 'single_quote_string':
    case 'double_quote_string':
    case 'string':
      return { value: String(node.value) };
    case 'bool':
    case 'boolean':
      return { value: Boolean(node.value) };
    case 'null':
      return { value: null };
    default:
      return undefined;
  }
}

/** Short SQL-ish text of a value expression, for messages and schema defaults. */
export function exprText(node: unknown): string {
  if (!isNode(node)) return '?';
  const literal = literalOf(node);
  if (literal) return typeof literal.value === 'string' ? `'${literal.value}'` : String(literal.value);
  if (node.type === 'default' && isNode(node.value)) return exprText(node.value);
  const fn = functionNameOf(node);
  if (fn) {
    const args = functionArgs(node);
    return node.args === undefined && args.length === 0 ? fn : `${fn}(${args.map(exprText).join(', ')})`;
  }
  const column = columnRefOf(node);
  if (column) return column.table ? `${column.table}.${column.column}` : column.column;
  if (paramNameOf(node)) return '?';
  if (node.type === 'binary_expr') return `${exprText(node.left)} ${String(node.operator)} ${exprText(node.right)}`;
  return typeof node.value === 'string' || typeof node.value === 'number' ? String(node.value) : '…';
}

/** Visits every object node under `root` (depth first). */
export function walkSql(root: unknown, visit: (node: SqlNode) => void): void {
  const stack: unknown[] = [root];
  let guard = 0;
  while (stack.length > 0 && guard++ < 100000) {
    const current = stack.pop();
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push(current[i]);
    } else if (isNode(current)) {
      visit(current);
      for (const value of Object.values(current)) if (typeof value === 'object' && value !== null) stack.push(value);
    }
  }
}
