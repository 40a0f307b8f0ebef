import type { ASTPath } from 'jscodeshift';
import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import type { FileRewrite } from '../apply/rewrite/FileRewrite';
import type { SqlCallSite, SqlVariant, StatementSummary, SqlValue } from '../scan/sqlite';
import type { TableTarget } from '../emit';
import { findRewritePath } from './findRewritePath';
import type { SqliteTarget } from './findSqliteTarget';
import { nowExpression } from './rowShape';

/** One SQL execution being rewritten: the call in the rewrite tree, its statement and its table. */
export interface SiteContext {
  rewrite: FileRewrite;
  site: SqlCallSite;
  variant: SqlVariant;
  summary: StatementSummary;
  target: SqliteTarget;
  call: ASTPath<any>;
  /** sqlite3 callbacks: the variable that now holds the result (`let info; try { info = … }`). */
  resultName?: string;
  /** SQL chosen at run time: the array the code binds `?` from (`params` built with push). */
  paramsArray?: ExpressionKind;
  /** sqlite3 callbacks: the statement new declarations go before (outside the try block). */
  holder?: ASTPath<any>;
  /** Values of placeholders bound through a spread argument (`...filterParams`), by canonical name. */
  boundValues?: Map<string, ExpressionKind>;
  /** ORDER BY chosen at run time: the comparator's body over rows `a` and `b` (replaces the SQL's). */
  runtimeOrder?: string;
}

/** Result of a shape rewriter: done, or what the developer must do (becomes the TODO marker). */
export type SiteOutcome = { done: true } | { done: false; todo: string };

export function tableTargetOf(ctx: SiteContext): TableTarget {
  // UNIQUE columns the plan keeps with guard items: writes go through putUnique/updateUnique/deleteUnique
  const design = ctx.rewrite.analysis.design;
  const guarded = (ctx.target.entity.uniqueAttributes ?? []).some((unique) => design.tables.some((table) => table.name === unique.table));
  return { constName: ctx.target.table.envVar, keyName: ctx.target.keyName, ...(guarded ? { guarded } : {}) };
}

/** The argument node bound to a placeholder, or a literal's code; undefined when not known. */
export function valueNode(ctx: SiteContext, value: SqlValue): ExpressionKind | undefined {
  const { j } = ctx.rewrite;
  if (value.kind === 'literal') return value.value === null ? j.literal(null) : j.literal(value.value);
  if (value.kind === 'now') return nowExpression(ctx, value.text);
  if (value.kind !== 'param') return undefined;
  const binding = ctx.variant.bindings.find((candidate) => candidate.canonical === value.canonical);
  const argument = binding?.argument?.node;
  const spread = ctx.boundValues?.get(value.canonical);
  if (!argument && spread) return spread;
  const property = binding && !argument ? propertyOfWholeObject(ctx, binding.written) : undefined;
  if (property) return property;
  if (!argument) {
    // a positional `?` bound from an array the code fills at run time: its element
    const position = binding ? ctx.variant.bindings.indexOf(binding) : -1;
    if (!ctx.paramsArray || binding?.written !== '?' || ctx.variant.bindings.some((candidate) => candidate.written !== '?')) return undefined;
    return j.memberExpression(ctx.paramsArray, j.literal(position), true);
  }
  return findRewritePath(ctx.rewrite, argument)?.node as ExpressionKind | undefined;
}

/**
 * better-sqlite3 binds `@title` from the one object passed (`insertPost.run(post)`, the object a
 * transaction function received): `post.title`. Its keys carry no prefix, unlike sqlite3's `$id`.
 */
function propertyOfWholeObject(ctx: SiteContext, written: string): ExpressionKind | undefined {
  const name = /^[@:$]([A-Za-z_$][\w$]*)$/.exec(written)?.[1];
  const args = ctx.site.driverCall.path.node.arguments;
  if (!name || ctx.site.driver !== 'better-sqlite3' || ctx.site.helpers.length || args.length !== 1 || args[0].type !== 'Identifier') return undefined;
  const { j } = ctx.rewrite;
  return j.memberExpression(j.identifier(args[0].name), j.identifier(name));
}

/** `WHERE <column> = ?` as the only selecting condition, else undefined. */
export function singleEquality(summary: StatementSummary): { column: string; value: SqlValue } | undefined {
  if (summary.where.length !== 1 || summary.whereColumns.length !== 1) return undefined;
  const [condition] = summary.where;
  if (condition.operator !== '=' || condition.inOr) return undefined;
  return { column: condition.column.column, value: condition.value };
}

export function isSelectStar(summary: StatementSummary): boolean {
  return summary.selectColumns.length === 1 && summary.selectColumns[0].star !== undefined && !summary.selectColumns[0].column;
}
