/**
 * better-sqlite3 `db.transaction(fn)` once the statements inside became DynamoDB requests:
 *
 *   const createPost = db.transaction((post, tags) => { …awaited requests… });   →   const createPost = (post, tags) => { … };
 *   db.transaction(fn)(rows)  /  db.transaction(fn).immediate(rows)              →   (fn)(rows)
 *   createPost.immediate(post)  (the same file)                                   →   createPost(post)
 *   db.transaction(insertMany), or an inline function calling functions that now await   →   insertMany / the function
 *
 * The function becomes async (propagateAsync) and its callers await it (the async analysis follows
 * `const f = db.transaction(fn)` to fn). A function that only writes (inserts, deletes, a unique
 * value's claim; ids from nextId) collects its writes into ONE TransactWriteCommand through the
 * shared client's inTransaction (collectTransactionWrites): all or nothing in AWS; dynalite has no
 * TransactWriteItems, so there the client emulates it with compensation, not isolated. Any other
 * function (a read inside, an update, a result used) runs its requests one after another, NOT
 * atomically. Both are reported as a warning at the transaction's line, and plan.md says what a
 * failure leaves behind. A transaction with a statement left as SQL keeps its wrapper and gets a
 * TODO: better-sqlite3 refuses a transaction function that returns a promise.
 */
import type { ASTPath } from 'jscodeshift';
import { addTodo } from '../apply/rewrite/addTodo';
import type { FileRewrite } from '../apply/rewrite/FileRewrite';
import type { SqlCallSite } from '../scan/sqlite';
import { collectTransactionWrites } from './collectTransactionWrites';
import { currentPath } from './currentPath';
import { isTransactionCall } from './findTransactionCall';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const MODES = new Set(['deferred', 'immediate', 'exclusive']);

/** The SQL sites found inside one `db.transaction(fn)`: how many became requests, how many kept a TODO. */
export interface TransactionSites {
  call: ASTPath<any>;
  done: number;
  failed: number;
}

export function unwrapTransactions(rewrite: FileRewrite, transactions: Iterable<TransactionSites>, sites: SqlCallSite[]): void {
  const handled = new Set<unknown>();
  for (const transaction of transactions) {
    const call = currentPath(rewrite, transaction.call.node) ?? transaction.call;
    handled.add(call.node);
    if (transaction.failed) {
      addTodo(rewrite, call, 'transaction: a statement in it is still SQL (see its TODO) while the others now await DynamoDB, and better-sqlite3 refuses a transaction function that returns a promise; rewrite that statement, then re-run');
      continue;
    }
    // a function that only writes: its writes go in one TransactWriteCommand (collectTransactionWrites)
    const writes = collectTransactionWrites(rewrite, call.get('arguments', 0));
    if (writes) {
      unwrap(rewrite, call, `the writes it makes now go in one DynamoDB transaction (the shared client's inTransaction(): one TransactWriteCommand, all or nothing in AWS; at most 100 actions, a unique value's guard counting as one more, so a bigger batch is refused whole; ids are taken before it, so a cancelled batch leaves a gap). On a local engine without transactions (dynalite) the client emulates it: the writes one by one, undone when a condition fails — not isolated from concurrent requests, for local runs only`, true);
      continue;
    }
    unwrap(rewrite, call, `its ${transaction.done} statement${transaction.done === 1 ? '' : 's'} now run as separate DynamoDB requests`);
  }
  if (!sites.some((site) => site.driver === 'better-sqlite3')) return;
  // `db.transaction(insertMany)`, or an inline function whose SQL runs in functions it calls: the function became async
  const { j } = rewrite;
  const file = rewrite.analysis.project.getSource(rewrite.rel);
  rewrite.root.find(j.CallExpression).forEach((call: ASTPath<any>) => {
    if (handled.has(call.node) || !isTransactionCall(call.node, true)) return;
    const scanner = file && rewrite.scannerPathOf(call.node.arguments[0]);
    const fn = scanner ? rewrite.analysis.project.resolveFunction(file, scanner) : undefined;
    if (!fn || !rewrite.analysis.asyncFunctions.has(fn.path.node)) return;
    unwrap(rewrite, call, 'its function now awaits DynamoDB requests, one after another');
  });
}

function unwrap(rewrite: FileRewrite, call: ASTPath<any>, what: string, atomic = false): void {
  const line = rewrite.lineOf(call);
  const fn = call.node.arguments[0] as AnyNode;
  if (fn.type !== 'Identifier') fn.comments = [...(call.node.comments ?? []), ...(fn.comments ?? [])];
  const parent = call.parent as ASTPath<any> | undefined;
  // `db.transaction(fn).immediate(rows)`: the mode is SQLite's locking, nothing to keep
  const mode = parent?.node.type === 'MemberExpression' && parent.node.object === call.node && MODES.has(parent.node.property?.name);
  if (mode) parent!.replace(fn);
  else call.replace(fn);
  if (parent?.node.type === 'VariableDeclarator' && parent.node.id.type === 'Identifier') dropModeCalls(rewrite, parent.node.id.name);
  rewrite.modified = true;
  rewrite.report.diagnostics.push({
    severity: 'warning',
    code: 'apply-sqlite-transaction',
    file: rewrite.rel,
    line,
    message: atomic
      ? `db.transaction(…) is gone: ${what} (see plan.md)`
      : `db.transaction(…) is gone: ${what}, not atomically; a failure in the middle leaves the writes before it in place, where SQLite rolled them all back (see plan.md)`,
  });
}

/** `createPost.immediate(post)` → `createPost(post)` in this file (the function has no modes any more). */
function dropModeCalls(rewrite: FileRewrite, name: string): void {
  const { j } = rewrite;
  rewrite.root
    .find(j.CallExpression, { callee: { type: 'MemberExpression', object: { type: 'Identifier', name } } })
    .forEach((path: ASTPath<any>) => {
      const callee = path.node.callee as AnyNode;
      if (callee.computed || !MODES.has(callee.property?.name)) return;
      path.node.callee = callee.object;
      // the call now awaits the function (propagateAsync): its handler reaches DynamoDB
      rewrite.markAwait(path);
    });
}
