import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { SqlCallSite } from '../types';
import { memberPropertyName } from './astUtils';

/** A better-sqlite3 `db.transaction(fn)` whose function writes rows, with the tables it writes. */
export interface SqlTransaction {
  call: NodePath<t.CallExpression>;
  site: SqlCallSite;
  tables: string[];
  /** Every statement inside is an INSERT (no conflict clause) or a DELETE: apply can send them as one TransactWriteCommand. */
  writesOnly: boolean;
}

const WRITES = new Set(['insert', 'update', 'delete']);

/**
 * Transactions that write data the app sends at run time. A seed (every value a literal written in
 * the code, or the transaction called only with literal rows) is left out: apply removes seeds,
 * migrate-data copies their rows.
 */
export function findTransactions(sites: SqlCallSite[]): SqlTransaction[] {
  const found = new Map<t.Node, SqlTransaction & { literal: boolean }>();
  const notCollectable = new Set<t.Node>();
  for (const site of sites) {
    if (site.driver !== 'better-sqlite3') continue;
    const direct = site.inTransaction ? transactionCallOf(site.path) : undefined;
    // `db.transaction(addBooks)`, or SQL in a function the transaction's function calls (each transaction)
    for (const call of direct ? [direct] : transactionCallsThroughNames(site.path)) {
      // apply collects only the writes written inside the transaction's own function
      if (!direct) notCollectable.add(call.node);
      addSite(site, call);
    }
  }
  return finish();

  function addSite(site: SqlCallSite, call: NodePath<t.CallExpression>): void {
    const tables = site.variants.flatMap((variant) => variant.statements.flatMap((summary) => (summary && WRITES.has(summary.kind) && summary.table ? [summary.table] : [])));
    // a read, an UPDATE, INSERT OR IGNORE, SQL chosen at run time: apply runs the transaction's requests one by one
    const collectable = site.variants.length === 1 && site.variants[0].statements.every((summary) => summary?.kind === 'delete' || (summary?.kind === 'insert' && !summary.insert?.conflict));
    if (!collectable) notCollectable.add(call.node);
    if (!tables.length) return;
    const entry = found.get(call.node) ?? { call, site, tables: [], literal: true, writesOnly: true };
    for (const table of tables) if (!entry.tables.includes(table)) entry.tables.push(table);
    if (!site.bindings.every((binding) => binding.argument && isStatic(binding.argument.node))) entry.literal = false;
    found.set(call.node, entry);
  }

  function finish(): SqlTransaction[] {
    return [...found.values()]
      .filter((entry) => !entry.literal && !calledOnlyWithLiterals(entry.call))
      .map(({ literal: _literal, ...entry }) => ({ ...entry, writesOnly: !notCollectable.has(entry.call.node) }));
  }
}

function transactionCallOf(path: NodePath): NodePath<t.CallExpression> | undefined {
  for (let current: NodePath | null = path.parentPath; current; current = current.parentPath) {
    if (!current.isFunction()) continue;
    const call = current.parentPath;
    if (call?.isCallExpression() && memberPropertyName(call.node.callee) === 'transaction' && call.node.arguments[0] === current.node) return call;
  }
  return undefined;
}

/**
 * The transactions a function runs in when it is handed over by name (`db.transaction(addBooks)`)
 * or called, in the same file, from a function that is (up to a few calls deep).
 */
function transactionCallsThroughNames(path: NodePath, depth = 0, seen = new Set<t.Node>()): NodePath<t.CallExpression>[] {
  const fn = path.getFunctionParent();
  if (!fn || depth > 3 || seen.has(fn.node)) return [];
  seen.add(fn.node);
  const call = fn.parentPath;
  if (call?.isCallExpression() && memberPropertyName(call.node.callee) === 'transaction' && call.node.arguments[0] === fn.node) return [call];
  const id = fn.isFunctionDeclaration() ? fn.node.id : fn.parentPath?.isVariableDeclarator() ? fn.parentPath.node.id : undefined;
  if (!t.isIdentifier(id)) return [];
  const calls: NodePath<t.CallExpression>[] = [];
  for (const reference of fn.parentPath?.scope.getBinding(id.name)?.referencePaths ?? []) {
    const parent = reference.parentPath;
    if (parent?.isCallExpression() && memberPropertyName(parent.node.callee) === 'transaction' && parent.node.arguments[0] === reference.node) calls.push(parent);
    else if (parent?.isCallExpression() && parent.node.callee === reference.node) calls.push(...transactionCallsThroughNames(parent, depth + 1, seen));
  }
  return calls;
}

/** `const insertAll = db.transaction(…)` called only as `insertAll([{ … literal rows … }])`. */
function calledOnlyWithLiterals(call: NodePath<t.CallExpression>): boolean {
  const declarator = call.parentPath;
  if (!declarator?.isVariableDeclarator() || !t.isIdentifier(declarator.node.id)) return false;
  const references = declarator.scope.getBinding(declarator.node.id.name)?.referencePaths ?? [];
  return references.length > 0 && references.every((reference) => {
    const parent = reference.parentPath;
    return parent?.isCallExpression() && parent.node.callee === reference.node && parent.node.arguments.every((argument) => isStatic(argument));
  });
}

function isStatic(node: t.Node | null | undefined): boolean {
  if (!node) return true;
  if (t.isStringLiteral(node) || t.isNumericLiteral(node) || t.isBooleanLiteral(node) || t.isNullLiteral(node)) return true;
  if (t.isTemplateLiteral(node)) return node.expressions.length === 0;
  if (t.isUnaryExpression(node) && node.operator === '-') return isStatic(node.argument);
  if (t.isArrayExpression(node)) return node.elements.every((element) => !t.isSpreadElement(element) && isStatic(element));
  if (t.isObjectExpression(node)) return node.properties.every((property) => t.isObjectProperty(property) && !property.computed && isStatic(property.value as t.Node));
  return false;
}
