/**
 * SQLite rows and DynamoDB items differ in three ways the app can see: a column never written is
 * `null` in a row and absent from an item, a 0/1 boolean column is a boolean in the item (as
 * migrate-data stores it, see src/migrate/normaliseRecord.ts), and SQL defaults are filled by the
 * engine. Reads go through a `<entity>Row(item)` function added once per file (every column in
 * schema order, like `SELECT *`); writes convert booleans and fill the defaults in code.
 */
import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { expression, statements, type Part } from '../emit';
import type { SqlColumn } from '../scan/sqlite';
import type { SiteContext } from './siteContext';
import { withArticle } from '../plan/naming';

const rowFunctions = new WeakMap<object, Map<string, string>>();

function isBooleanColumn(ctx: SiteContext, column: string): boolean {
  return ctx.target.entity.attributes?.[column] === 'boolean';
}

/** The name of the file's item → row function for the target entity (added on first use); undefined without a schema. */
export function rowFunction(ctx: SiteContext): string | undefined {
  const { rewrite, target } = ctx;
  const columns = target.schema?.columns;
  if (!columns?.length) return undefined;
  const known = rowFunctions.get(rewrite) ?? new Map<string, string>();
  rowFunctions.set(rewrite, known);
  const existing = known.get(target.entityName);
  if (existing) return existing;
  const name = rewrite.freshName([`${target.entityName.charAt(0).toLowerCase()}${target.entityName.slice(1)}Row`]);
  known.set(target.entityName, name);
  const i = rewrite.style.indent;
  const end = rewrite.style.semicolons ? ';' : '';
  const fields = columns.map((column) => `${i}${i}${column.name}: ${readColumn(ctx, column)},\n`).join('');
  const typed = rewrite.rel.endsWith('ts');
  const booleans = columns.filter((column) => isBooleanColumn(ctx, column.name)).map((column) => column.name);
  const note = booleans.length ? `, ${booleans.join(', ')} as 0/1` : '';
  // the comment goes inside: a line starting with `/` after a new statement keeps its semicolon
  const text =
    `function ${name}(item${typed ? ': Record<string, any> | undefined' : ''})${typed ? ': any' : ''} {\n` +
    `${i}// ${withArticle(target.entityName)} item as the SQLite row this code expects: every column (null when absent)${note}\n` +
    `${i}return item && {\n${fields}${i}}${end}\n}\n`;
  const body = rewrite.root.find(rewrite.j.Program).paths()[0].node.body as { type: string }[];
  let at = 0;
  body.forEach((statement, index) => {
    if (isImportLike(statement)) at = index + 1;
  });
  body.splice(at, 0, ...statements(rewrite.emit, [text]));
  return name;
}

function readColumn(ctx: SiteContext, column: SqlColumn): string {
  const value = `item.${column.name}`;
  if (isBooleanColumn(ctx, column.name)) return `${value} == null ? null : Number(${value})`;
  if (column.notNull || column.primaryKey) return value;
  return `${value} ?? null`;
}

function isImportLike(statement: any): boolean {
  if (statement.type === 'ImportDeclaration') return true;
  if (statement.type !== 'VariableDeclaration') return false;
  return statement.declarations.every((declarator: any) => {
    let init = declarator.init;
    while (init && (init.type === 'MemberExpression' || (init.type === 'CallExpression' && init.callee.type === 'MemberExpression'))) init = init.type === 'MemberExpression' ? init.object : init.callee.object;
    return init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require';
  });
}

/** A read result as rows: `taskRow(<item>)` / `<items>.map(taskRow)`; the item itself without a schema. */
export function asRow(ctx: SiteContext, item: ExpressionKind, many: boolean): ExpressionKind {
  const name = rowFunction(ctx);
  if (!name) return item;
  return expression(ctx.rewrite.emit, many ? ['', item, `.map(${name})`] : [`${name}(`, item, ')']);
}

/**
 * The value written for a column: 0/1 booleans stored as booleans (as migrate-data stores them); a
 * NULL in a column that keys a GSI is left out of the item (DynamoDB refuses a NULL index key; the
 * row function reads the absent attribute back as null, and migrate-data leaves nulls out too).
 */
export function writtenValue(ctx: SiteContext, column: string, value: ExpressionKind): ExpressionKind {
  const written = booleanValue(ctx, column, value);
  const schemaColumn = ctx.target.schema?.columns.find((candidate) => candidate.name === column);
  const keysIndex = ctx.target.table.gsis.some((gsi) => gsi.partitionKey.name === column || gsi.sortKey?.name === column);
  if (!keysIndex || !schemaColumn || schemaColumn.notNull || schemaColumn.primaryKey) return written;
  const literal = written as { type: string; value?: unknown; name?: string };
  if ((literal.type === 'NullLiteral' || literal.type === 'Literal') && literal.value === null) return ctx.rewrite.j.identifier('undefined');
  if (literal.type === 'StringLiteral' || literal.type === 'NumericLiteral' || literal.type === 'BooleanLiteral' || (literal.type === 'Literal' && literal.value !== null)) return written;
  const simple = literal.type === 'Identifier' || literal.type === 'MemberExpression' || literal.type === 'CallExpression';
  // a parenthesised node: recast would print `year || null ?? undefined`, which does not parse
  return expression(ctx.rewrite.emit, ['', simple ? written : (ctx.rewrite.j.parenthesizedExpression(written as any) as unknown as ExpressionKind), ' ?? undefined']);
}

function booleanValue(ctx: SiteContext, column: string, value: ExpressionKind): ExpressionKind {
  if (!isBooleanColumn(ctx, column)) return value;
  const { j } = ctx.rewrite;
  const literal = value as { type: string; value?: unknown };
  if ((literal.type === 'NumericLiteral' || literal.type === 'Literal') && (literal.value === 0 || literal.value === 1)) return j.booleanLiteral(literal.value === 1);
  if ((literal.type === 'NullLiteral' || literal.type === 'Literal') && literal.value === null) return value;
  const notNull = ctx.target.schema?.columns.find((candidate) => candidate.name === column)?.notNull ?? false;
  if (!notNull && (value.type === 'Identifier' || value.type === 'MemberExpression')) return expression(ctx.rewrite.emit, ['', value, ' == null ? ', value, ' : Boolean(', value, ')']);
  return expression(ctx.rewrite.emit, ['Boolean(', value, ')']);
}

/** The key value as the design types it: SQLite compares `'7'` with INTEGER 7 as equal, DynamoDB does not. */
export function keyValue(ctx: SiteContext, value: ExpressionKind, type: string | undefined): ExpressionKind {
  if (type !== 'number') return value;
  const node = value as any;
  if ((node.type === 'NumericLiteral' || node.type === 'Literal') && typeof node.value === 'number') return value;
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && ['Number', 'parseInt'].includes(node.callee.name)) return value;
  return expression(ctx.rewrite.emit, ['Number(', value, ')']);
}

/** `CURRENT_TIMESTAMP` / `datetime('now')` in SQLite's text format; `CURRENT_DATE` / `date('now')`. */
export function nowExpression(ctx: SiteContext, sql: string): ExpressionKind | undefined {
  const q = ctx.rewrite.style.quote;
  const text = sql.replace(/^\((.*)\)$/s, '$1').trim().toUpperCase().replace(/\s+/g, '').replace(/"/g, "'");
  if (text === 'CURRENT_TIMESTAMP' || text === "DATETIME('NOW')") return expression(ctx.rewrite.emit, [`new Date().toISOString().replace(${q}T${q}, ${q} ${q}).slice(0, 19)`]);
  if (text === 'CURRENT_DATE' || text === "DATE('NOW')") return expression(ctx.rewrite.emit, ['new Date().toISOString().slice(0, 10)']);
  return undefined;
}

/**
 * `name: value` parts for the columns an INSERT leaves out that have a DEFAULT (constants, the
 * current time); `{ todo }` when a default cannot be written in code.
 */
export function defaultParts(ctx: SiteContext, written: string[]): { parts: Part[] } | { todo: string } {
  const parts: Part[] = [];
  for (const column of ctx.target.schema?.columns ?? []) {
    if (written.includes(column.name) || column.name === ctx.target.keyName || column.default === undefined) continue;
    const value = defaultValue(ctx, column);
    if (!value) return { todo: `${column.name} DEFAULT ${column.default}: compute the default in code, then re-run` };
    if (value === 'null') continue;
    parts.push(`, ${column.name}: `, value);
  }
  return { parts };
}

function defaultValue(ctx: SiteContext, column: SqlColumn): ExpressionKind | 'null' | undefined {
  const { j } = ctx.rewrite;
  const text = column.default!.trim().replace(/^\((.*)\)$/s, '$1').trim();
  if (/^null$/i.test(text)) return 'null';
  if (/^-?\d+(\.\d+)?$/.test(text)) return writtenValue(ctx, column.name, j.literal(Number(text)));
  const quoted = /^'((?:[^']|'')*)'$/.exec(text);
  if (quoted) return j.stringLiteral(quoted[1].replace(/''/g, "'"));
  return nowExpression(ctx, text);
}
