/**
 * SQL written as one template literal whose pieces are chosen at run time from known texts:
 *
 *   `SELECT … FROM orders ${where} ORDER BY ${sortColumn} ${direction}, id ${direction} LIMIT ? OFFSET ?`
 *
 * Each `${name}` is evaluated to the texts it can hold (constants, ternaries, whitelist look-ups).
 * A piece that only changes ORDER BY becomes part of an in-memory sort that reads the same
 * variable (`a[sortColumn]`, `direction === 'DESC'`); a piece that changes the request (WHERE)
 * picks one read per text (`where === 'WHERE status = ?' ? <query> : <query>`). Placeholders
 * bound through one spread argument (`...filterParams`) read that array. Anything else: a TODO.
 */
import type { NodePath } from '@babel/traverse';
import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { expression, quoted, type Part } from '../emit';
import type { SqlVariant, StatementSummary } from '../scan/sqlite';
import { StringEvaluator } from '../scan/sqlite/js/evaluateString';
import type { ProjectIndex } from '../scan/types';
import type { SqliteTarget } from './findSqliteTarget';
import { selectExpression } from './rewriteSelect';
import type { SiteContext } from './siteContext';
import { orderFunction } from './sortRows';
import { findChoiceTests } from './findChoiceTests';

const MAX_COMBINATIONS = 64;
const MAX_READS = 4;

interface Piece {
  name: string;
  texts: string[];
  /** The JS condition true when the piece holds `text`. */
  test: (text: string) => string;
  /** A variable holding the piece's text (`a[sortColumn]`); absent for an inline ternary. */
  variable?: string;
  /** An inline ternary whose every text is a bare name, as written (`a[byName ? 'name' : 'id']`). */
  written?: string;
}

export function isTemplateSql(ctx: SiteContext): boolean {
  return ctx.site.sqlArgument.path.isTemplateLiteral() && !ctx.site.helpers.length;
}

/** The read the template SQL becomes (not placed yet: a sqlite3 callback is inlined first), or a TODO. */
export function templateSqlExpression(ctx: SiteContext, project: ProjectIndex, targetOf: (table: string) => SqliteTarget | undefined): { expression: ExpressionKind } | { todo: string } {
  const todo = (why: string) => ({ todo: `SQL built at run time (${why}): write one DynamoDB request per variant, then re-run` });
  const template = ctx.site.sqlArgument.path as NodePath<any>;
  const quasis: string[] = template.node.quasis.map((quasi: any) => quasi.value.cooked ?? quasi.value.raw);
  const evaluator = new StringEvaluator(project);
  const slots: ({ text: string } | { piece: string })[] = [];
  const pieces = new Map<string, Piece>();
  for (const expressionPath of template.get('expressions') as NodePath<any>[]) {
    const evaluated = evaluator.evaluate(ctx.site.sqlArgument.file, expressionPath);
    if (evaluated.truncated || evaluated.alternatives.some((parts) => parts.some((part) => 'hole' in part))) return todo('a piece has unknown text');
    const texts = [...new Set(evaluated.alternatives.map((parts) => parts.map((part) => ('text' in part ? part.text : '')).join('')))];
    if (texts.length === 1) slots.push({ text: texts[0] });
    else if (expressionPath.isIdentifier()) {
      const name = expressionPath.node.name as string;
      pieces.set(name, { name, texts, variable: name, test: (text) => variableTest(ctx, name, text) });
      slots.push({ piece: name });
    } else {
      // `${desc ? 'DESC' : 'ASC'}`: each text is chosen by the ternary's own condition
      const choice = findChoiceTests(evaluator, ctx.site.sqlArgument.file, expressionPath);
      if ('todo' in choice) return todo(choice.todo);
      if (texts.some((text) => !choice.tests.has(text))) return todo('a piece chosen by an expression other than a ternary of known texts: hold it in a variable');
      const name = `(piece ${pieces.size})`;
      const written = ctx.site.sqlArgument.file.text.slice(expressionPath.node.start ?? 0, expressionPath.node.end ?? 0);
      pieces.set(name, { name, texts, test: (text) => choice.tests.get(text)!, ...(texts.every((text) => /^[A-Za-z_]\w*$/.test(text)) && written ? { written } : {}) });
      slots.push({ piece: name });
    }
  }
  const names = [...pieces.keys()];
  const combinations = combine(names.map((name) => pieces.get(name)!.texts));
  if (!names.length || combinations.length > MAX_COMBINATIONS) return todo('too many variants');
  const variants: { choice: string[]; variant: SqlVariant; summary: StatementSummary }[] = [];
  for (const choice of combinations) {
    let text = quasis[0];
    slots.forEach((slot, index) => {
      text += ('text' in slot ? slot.text : choice[names.indexOf(slot.piece)]) + quasis[index + 1];
    });
    const variant = ctx.site.variants.find((candidate) => candidate.text === text);
    const summary = variant?.statements.length === 1 ? variant.statements[0] : undefined;
    if (!variant || summary?.kind !== 'select' || !summary.table) return todo('a variant is not one SELECT');
    variants.push({ choice, variant, summary });
  }
  // a piece changes the request when two variants that differ only in it differ beyond ORDER BY
  const requestPieces = names.filter((_, index) =>
    variants.some((a) => variants.some((b) => differsOnlyAt(a.choice, b.choice, index) && requestShape(a.summary) !== requestShape(b.summary))),
  );
  const groups = new Map<string, typeof variants>();
  for (const entry of variants) {
    const key = JSON.stringify(requestPieces.map((name) => entry.choice[names.indexOf(name)]));
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  if (groups.size > MAX_READS) return todo('too many different requests');
  const orderPieces = names.filter((name) => !requestPieces.includes(name));
  const order = runtimeOrder(ctx, names.map((name) => pieces.get(name)!), orderPieces, variants);
  if (typeof order !== 'string' && order) return todo(order.todo);
  const reads: { test: string; read: ExpressionKind }[] = [];
  for (const [key, entries] of groups) {
    const [first] = entries;
    if (entries.some((entry) => requestShape(entry.summary) !== requestShape(first.summary))) return todo('ORDER BY and WHERE change together');
    const target = targetOf(first.summary.table!);
    if (!target) return todo(`table ${first.summary.table} has no simple-key table in the plan`);
    const boundValues = spreadValues(ctx, first.variant);
    const built = selectExpression({
      ...ctx,
      variant: first.variant,
      summary: first.summary,
      target,
      ...(boundValues ? { boundValues } : {}),
      ...(typeof order === 'string' ? { runtimeOrder: order } : {}),
    });
    if ('todo' in built) return { todo: `one variant of this SQL: ${built.todo}` };
    const values: string[] = JSON.parse(key);
    reads.push({ test: requestPieces.map((name, index) => pieces.get(name)!.test(values[index])).join(' && '), read: built.expression });
  }
  const e = ctx.rewrite.emit;
  const parts: Part[] = [];
  reads.forEach(({ test, read }, index) => {
    if (index < reads.length - 1) parts.push(`${test}\n${e.style.indent}? `, read, `\n${e.style.indent}: `);
    else parts.push(read);
  });
  return { expression: reads.length === 1 ? reads[0].read : expression(e, ['(', ...parts, ')']) };
}

/** What the request reads: everything of the statement but ORDER BY. */
function requestShape(summary: StatementSummary): string {
  return JSON.stringify({ ...summary, orderBy: undefined, schema: undefined });
}

function differsOnlyAt(a: string[], b: string[], index: number): boolean {
  return a[index] !== b[index] && a.every((value, position) => position === index || value === b[position]);
}

function combine(lists: string[][]): string[][] {
  return lists.reduce<string[][]>((result, list) => result.flatMap((prefix) => list.map((value) => [...prefix, value])), [[]]);
}

/**
 * The comparator body when ORDER BY depends on pieces: per ORDER BY term, the column is fixed or
 * the text of one piece (`a[sortColumn]`), the direction fixed or read from one piece
 * (`direction === 'DESC'`). Checked against every variant; undefined when ORDER BY is fixed.
 */
function runtimeOrder(ctx: SiteContext, all: Piece[], orderPieces: string[], variants: { choice: string[]; summary: StatementSummary }[]): string | { todo: string } | undefined {
  if (!orderPieces.length) return undefined;
  const names = all.map((piece) => piece.name);
  const length = variants[0].summary.orderBy.length;
  if (variants.some((entry) => entry.summary.orderBy.length !== length)) return { todo: 'the number of ORDER BY terms changes' };
  const sqlOrder = orderFunction(ctx.rewrite);
  const terms: string[] = [];
  for (let position = 0; position < length; position += 1) {
    const columns = variants.map((entry) => entry.summary.orderBy[position].column.column);
    const directions = variants.map((entry) => entry.summary.orderBy[position].order);
    let a = `a.${columns[0]}`;
    let b = `b.${columns[0]}`;
    if (new Set(columns).size > 1) {
      const name = orderPieces.find((candidate) => variants.every((entry, index) => entry.choice[names.indexOf(candidate)].trim() === columns[index]));
      if (!name) return { todo: 'an ORDER BY column is not one piece' };
      const piece = all[names.indexOf(name)];
      a = columnRead(piece, 'a');
      b = columnRead(piece, 'b');
    }
    if (new Set(directions).size === 1) {
      terms.push(directions[0] === 'desc' ? `${sqlOrder}(${b}, ${a})` : `${sqlOrder}(${a}, ${b})`);
      continue;
    }
    const name = orderPieces.find((candidate) => {
      const byText = new Map<string, string>();
      return variants.every((entry, index) => {
        const text = entry.choice[names.indexOf(candidate)];
        if (byText.has(text) && byText.get(text) !== directions[index]) return false;
        byText.set(text, directions[index]);
        return true;
      });
    });
    if (!name) return { todo: 'an ORDER BY direction is not one piece' };
    const piece = all[names.indexOf(name)];
    const descending = [...new Set(variants.filter((entry, index) => directions[index] === 'desc').map((entry) => entry.choice[names.indexOf(name)]))];
    const test = descending.map((text) => piece.test(text)).join(' || ');
    terms.push(`(${test} ? ${sqlOrder}(${b}, ${a}) : ${sqlOrder}(${a}, ${b}))`);
  }
  return terms.join(' || ');
}

/** The row's value of the column a piece names: `a[sortColumn]`, or per text of an inline ternary `(byName ? a.name : a.id)`. */
function columnRead(piece: Piece, row: string): string {
  if (piece.variable) return `${row}[${piece.variable}]`;
  if (piece.written) return `${row}[${piece.written}]`;
  const reads = piece.texts.map((text) => `${row}${propertyRead(text.trim())}`);
  return `(${piece.texts.slice(0, -1).map((text, index) => `${piece.test(text)} ? ${reads[index]} : `).join('')}${reads[reads.length - 1]})`;
}

function propertyRead(column: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(column) ? `.${column}` : `[${JSON.stringify(column)}]`;
}

/** `name === 'text'`; a number or boolean written into the SQL may be held as one, so compared as its text. */
function variableTest(ctx: SiteContext, name: string, text: string): string {
  const subject = /^(-?\d+(\.\d+)?|true|false)$/i.test(text) ? `String(${name})` : name;
  return `${subject} === ${quoted(ctx.rewrite.emit, text)}`;
}

/**
 * Placeholders no single argument binds, when the arguments after the SQL hold one spread
 * (`db.all(sql, ...filterParams, pageSize, offset)`): those before it bind the first `?`s, those
 * after it the last ones, the spread array the ones in between (`filterParams[0]`).
 */
function spreadValues(ctx: SiteContext, variant: SqlVariant): Map<string, ExpressionKind> | undefined {
  const { j } = ctx.rewrite;
  const call = (ctx.call.node.type === 'AwaitExpression' ? ctx.call.node.argument : ctx.call.node) as any;
  const args: any[] = call.arguments.slice(1).filter((argument: any) => !/Function/.test(argument.type));
  const spreads = args.filter((argument) => argument.type === 'SpreadElement');
  if (spreads.length !== 1 || variant.bindings.some((binding) => binding.written !== '?')) return undefined;
  const before = args.indexOf(spreads[0]);
  const after = args.length - before - 1;
  const count = variant.bindings.length;
  if (count < before + after) return undefined;
  const values = new Map<string, ExpressionKind>();
  variant.bindings.forEach((binding, index) => {
    if (index >= before && index < count - after) values.set(binding.canonical, j.memberExpression(spreads[0].argument, j.literal(index - before), true));
  });
  return values;
}
