/**
 * Rewrite step of sqlite-to-dynamodb: every SQL execution the scanner found in this file becomes
 * the matching DynamoDB command (see rewriteSelect/Insert/Update/Delete), at the execution site;
 * anything else gets one TODO marker and a diagnostic. Prepared statements left unused are retired.
 */
import type { ASTPath } from 'jscodeshift';
import { addTodo } from '../apply/rewrite/addTodo';
import type { FileRewrite } from '../apply/rewrite/FileRewrite';
import { findSqlCallSites, findSqlSchema, type SqlCallSite, type SqlTableSchema } from '../scan/sqlite';
import { currentPath } from './currentPath';
import { inlineCallback } from './inlineCallback';
import { isIdleHelperBody, isPassThroughHelper } from './isPassThroughHelper';
import { retireSchemaStatement } from './retireSchemaStatement';
import { retireSeedBlocks } from './retireSeedBlocks';
import { retireExportedStatements } from './retireExportedStatements';
import { keptStatements, statementId } from './keptStatements';
import { rewriteVariants } from './rewriteVariants';
import { isTemplateSql, templateSqlExpression } from './rewriteTemplateSql';
import { findRewritePath } from './findRewritePath';
import { findSqliteTarget } from './findSqliteTarget';
import { findTransactionCall } from './findTransactionCall';
import { unwrapTransactions, type TransactionSites } from './unwrapTransactions';
import { retirePreparedStatements } from './retirePreparedStatements';
import { retireConnections } from './retireConnections';
import { retireConnectionChain } from './retireConnectionChain';
import { retireStatementFields } from './retireStatementFields';
import { rewriteConstraintChecks } from './rewriteConstraintChecks';
import { splitDestructuredChanges } from './resultUses';
import { rewriteDelete } from './rewriteDelete';
import { deletesManyRows } from './deleteRows';
import { findCounterReset, isSequenceTable, rewriteCounterReset } from './resetCounter';
import { keepCallback } from './keepCallback';
import { inlineErrorCallback } from './inlineErrorCallback';
import { rewriteInsert } from './rewriteInsert';
import { rewriteJoin, type FindTarget } from './rewriteJoin';
import { rewriteSelect } from './rewriteSelect';
import { rewriteUpdate } from './rewriteUpdate';
import { isSetListSite, retireSetLists } from './findSetList';
import type { SiteContext, SiteOutcome } from './siteContext';

export function rewriteSqlCalls(rewrite: FileRewrite): void {
  const scanContext = { root: rewrite.analysis.root, project: rewrite.analysis.project, diagnostics: { report: () => undefined } as never };
  const schemas = new Map(findSqlSchema(scanContext).flatMap((table) => (table.schema ? [[table.name, table.schema] as const] : [])));
  // innermost (last) first: a callback inlined later carries the already rewritten calls inside it
  const allSites = findSqlCallSites(scanContext);
  const sites = allSites
    .filter((site) => site.file.rel === rewrite.rel)
    .sort((a, b) => (b.path.node.start ?? 0) - (a.path.node.start ?? 0));
  const rewritten: SqlCallSite[] = [];
  const transactions = new Map<unknown, TransactionSites>();
  const seeded = retireSeedBlocks(rewrite, sites);
  for (const site of sites) {
    if (isIdleHelperBody(site) || seeded.has(site)) continue;
    const found = findRewritePath(rewrite, site.path.node);
    const call = found && currentPath(rewrite, found.node);
    if (!call) {
      // never a silent skip: say where, even without a place for the marker
      const line = site.path.node.loc?.start.line ?? 0;
      rewrite.report.diagnostics.push({ severity: 'warning', code: 'apply-sqlite-unmatched', file: rewrite.rel, line, message: `${site.method}() call not found in the rewrite tree; rewrite it by hand` });
      if (site.prepare) keptStatements(rewrite.analysis).add(statementId(site.prepare));
      continue;
    }
    // better-sqlite3 `db.transaction(fn)`: its statements are rewritten, then the wrapper goes (unwrapTransactions)
    const transactionCall = site.inTransaction ? findTransactionCall(call) : undefined;
    const transaction = transactionCall && (transactions.get(transactionCall.node) ?? { call: transactionCall, done: 0, failed: 0 });
    if (transaction) transactions.set(transaction.call.node, transaction);
    const outcome = rewriteSite(rewrite, site, call, schemas, Boolean(transaction));
    if (transaction) transaction[outcome.done ? 'done' : 'failed'] += 1;
    if (outcome.done) {
      rewrite.operationDone();
      rewrite.markAwait(outcome.at ?? call);
      rewritten.push(site);
    } else {
      addTodo(rewrite, currentPath(rewrite, call.node) ?? call, outcome.todo);
      if (site.prepare) keptStatements(rewrite.analysis).add(statementId(site.prepare));
    }
  }
  unwrapTransactions(rewrite, transactions.values(), sites);
  retireExportedStatements(rewrite, allSites);
  if (rewritten.length) {
    retirePreparedStatements(rewrite, rewritten);
    retireSetLists(rewrite);
    retireStatementFields(rewrite, rewritten);
    rewriteConstraintChecks(rewrite);
    retireConnections(rewrite, sites);
  }
  // a connection handed on through parameters, returns and exports (files without SQL too)
  retireConnectionChain(rewrite);
}

function rewriteSite(rewrite: FileRewrite, site: SqlCallSite, call: ASTPath<any>, schemas: Map<string, SqlTableSchema>, inTransactionFn = false): SiteOutcome & { at?: ASTPath<any> } {
  if (retireSchemaStatement(rewrite, site, call)) return { done: true, at: call };
  if (site.inTransaction && !inTransactionFn) return { done: false, todo: 'db.serialize(): rewrite its statements as awaited requests in the same order, then re-run' };
  // `UPDATE t SET ${list} WHERE …` with a list built from the request's keys: rewriteUpdate follows the list
  const setList = isSetListSite(site);
  if ((site.interpolatedValues.length || site.interpolatedIdentifiers.length) && !setList) return { done: false, todo: unknownPiecesTodo(site) };
  if (site.helpers.length && !isPassThroughHelper(site)) return { done: false, todo: 'SQL passed through a helper: rewrite the helper\'s callers with the shared client, then re-run' };
  if ((site.dynamic && !setList) || site.variants.length !== 1) {
    const first = site.variants[0]?.statements[0];
    const firstTarget = first?.table ? findSqliteTarget(rewrite.analysis, first.table, schemas.get(first.table)) : undefined;
    if (!site.variants.length || !first || !firstTarget) return { done: false, todo: 'SQL built at run time: write one DynamoDB request per variant, then re-run' };
    if (runsAtCommonJsLoad(rewrite, call)) return { done: false, todo: 'SQL run while a CommonJS module loads cannot be awaited there: move it into an async start-up function, then re-run' };
    const ctx: SiteContext = { rewrite, site, variant: site.variants[0], summary: first, target: firstTarget, call };
    if (ctx.call.parent?.node.type === 'AwaitExpression') ctx.call = ctx.call.parent;
    const targetOf = (table: string) => findSqliteTarget(rewrite.analysis, table, schemas.get(table));
    const callback = site.result.style === 'callback' && !site.helpers.length;
    if (isTemplateSql(ctx)) {
      // `${…}` pieces with known texts: one read (built first: a sqlite3 callback is inlined only when it can be rewritten)
      const built = templateSqlExpression(ctx, rewrite.analysis.project, targetOf);
      if ('todo' in built) return { done: false, todo: built.todo };
      if (callback) {
        const inlined = inlineCallback(ctx);
        if (!inlined.done) return inlined;
      }
      ctx.call.replace(built.expression);
      return { done: true, at: currentPath(rewrite, built.expression) ?? ctx.holder ?? call };
    }
    if (callback) return { done: false, todo: 'SQL built at run time: write one DynamoDB request per variant, then re-run' };
    const outcome = rewriteVariants(ctx, call.node, targetOf);
    return outcome.done ? { ...outcome, at: currentPath(rewrite, ctx.call.node) ?? call } : outcome;
  }
  const [variant] = site.variants;
  const summary = variant.statements.length === 1 ? variant.statements[0] : undefined;
  if (!summary) return { done: false, todo: 'several or unparsed SQL statements: move schema to the plan and rewrite each statement, then re-run' };
  if (!['select', 'insert', 'update', 'delete'].includes(summary.kind)) return { done: false, todo: `${summary.kind.toUpperCase()} statement: the schema now lives in .migration/dynamodb.json; remove this call, then re-run` };
  // rows of a join table (composite key) are written whole: an INSERT names both key columns
  // sqlite_sequence (SQLite's AUTOINCREMENT reset): the table it names, whose counter is reset
  const reset = findCounterReset(rewrite, site, variant, summary, call, (table) => findSqliteTarget(rewrite.analysis, table, schemas.get(table)));
  if (reset && !('target' in reset)) return reset;
  const target = reset ? reset.target : summary.table ? findSqliteTarget(rewrite.analysis, summary.table, schemas.get(summary.table), { composite: summary.kind === 'insert' }) : undefined;
  if (!target) return { done: false, todo: `table ${summary.table ?? '?'} has no simple-key table in the plan; run \`dynamodb-codemod plan\`, then re-run` };
  const ctx: SiteContext = { rewrite, site, variant, summary, target, call };
  if (!['get', 'all', 'run'].includes(site.method)) return { done: false, todo: `${site.method}(): read the rows with the shared client (scanAll/queryAll) and loop over them, then re-run` };
  if (runsAtCommonJsLoad(rewrite, call)) return { done: false, todo: 'SQL run while a CommonJS module loads cannot be awaited there: move it into an async start-up function, then re-run' };
  // a TODO after the callback was inlined puts the callback back (keepCallback): never a fire-and-forget call
  let keep: (() => void) | undefined;
  if (site.driver === 'sqlite3-callback' && site.result.style === 'callback' && !site.helpers.length) {
    keep = keepCallback(ctx);
    const inlined = inlineCallback(ctx);
    if (!inlined.done && !inlineErrorCallback(ctx).done) return inlined;
  }
  // `await db.get(…)` (sqlite wrapper): the emitted command carries its own await
  if (ctx.call.parent?.node.type === 'AwaitExpression') ctx.call = ctx.call.parent;
  const outcome = rewriteStatement(ctx, (table, options) => findSqliteTarget(rewrite.analysis, table, schemas.get(table), options));
  if (!outcome.done) keep?.();
  return outcome.done ? { ...outcome, at: currentPath(rewrite, ctx.call.node) ?? ctx.holder ?? call } : outcome;
}

function rewriteStatement(ctx: SiteContext, findTarget: FindTarget): SiteOutcome {
  // `const { changes } = …`: a result variable and `const changes = <result>.Attributes ? 1 : 0`
  const split = ['delete', 'update'].includes(ctx.summary.kind) && !deletesManyRows(ctx.summary, ctx.target.keyName) ? splitDestructuredChanges(ctx) : undefined;
  if (split) {
    const outcome = rewriteKind({ ...ctx, site: { ...ctx.site, result: { ...ctx.site.result, changesUses: [] } } }, findTarget);
    if (!outcome.done) split.undo();
    return outcome;
  }
  return rewriteKind(ctx, findTarget);
}

function rewriteKind(ctx: SiteContext, findTarget: FindTarget): SiteOutcome {
  if (isSequenceTable(ctx.summary.table ?? '')) return rewriteCounterReset(ctx);
  if (ctx.summary.kind === 'select') return ctx.summary.joins.length ? rewriteJoin(ctx, findTarget) : rewriteSelect(ctx);
  if (ctx.summary.kind === 'insert') return rewriteInsert(ctx);
  if (ctx.summary.kind === 'update') return rewriteUpdate(ctx);
  return rewriteDelete(ctx);
}

/** Names the interpolated pieces without a known text, so the TODO says what to change. */
function unknownPiecesTodo(site: SqlCallSite): string {
  const written = [...new Set([...site.interpolatedValues, ...site.interpolatedIdentifiers].map((hole) => hole.file.text.slice(hole.path.node.start ?? 0, hole.path.node.end ?? 0)).filter(Boolean))];
  if (!written.length) return 'SQL built at run time: write one DynamoDB request per variant, then re-run';
  const list = written.slice(0, 3).map((text) => `\${${text.length > 40 ? `${text.slice(0, 37)}...` : text}}`).join(', ');
  return `SQL built at run time (${list} ${written.length === 1 ? 'has' : 'have'} no known text: bind values as parameters, pick names from literals with a ternary or a look-up): write one DynamoDB request per variant, then re-run`;
}

/** Not inside any function, in a file without import/export: a DynamoDB call there would be a top-level await, which CommonJS refuses. */
function runsAtCommonJsLoad(rewrite: FileRewrite, call: ASTPath<any>): boolean {
  if (rewrite.enclosingFunction(call)) return false;
  const { j } = rewrite;
  const esm = rewrite.rel.endsWith('.mjs') || rewrite.rel.endsWith('.mts') || rewrite.root.find(j.ImportDeclaration).size() > 0 || rewrite.root.find(j.ExportNamedDeclaration).size() > 0 || rewrite.root.find(j.ExportDefaultDeclaration).size() > 0;
  return !esm;
}
