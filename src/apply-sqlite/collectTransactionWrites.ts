/**
 * A better-sqlite3 transaction function that only WRITES (its statements already rewritten) becomes
 * one DynamoDB transaction through the shared client's `inTransaction(body)`:
 *
 *   (batch) => {                                   async (batch) => await inTransaction(async (tx) => {
 *     for (const input of batch) {                   for (const input of batch) {
 *       try {                                            const userId = await nextId(…);
 *         const userId = await nextId(…);                tx.putUnique({ … }, (err) => {
 *         await putUnique({ … });              →           if (isUniqueViolation(err)) throw new EmailTakenError(input.email);
 *         ids.push(Number(userId));                        throw err;
 *       } catch (err) {                                  });
 *         if (isUniqueViolation(err)) throw …;           ids.push(Number(userId));
 *         throw err;                                   }
 *       }                                              return ids;
 *     }                                              })
 *     return ids;
 *   }
 *
 * The body then only collects the writes (ids are still allocated by nextId inside it, before
 * anything is written) and they go in ONE TransactWriteCommand when it returns. The app's catch
 * around a write becomes that write's onConditionFailed: the client calls it when the transaction
 * is cancelled by that write's condition, so the app answers as SQLite's UNIQUE error made it.
 *
 * Only what can be collected is: every await in the body is a nextId, or a put/putUnique/delete
 * whose result is not used; no call of a function that now awaits; a write's try has a catch that
 * only maps errors and always throws (`if (<test>) throw …; throw err;`) and no finally, so moving
 * it to the write changes nothing for the statements left in the try (nextId fails with no
 * condition). Anything else (a read in the body, an update, a result used) returns false: the
 * caller unwraps the transaction into sequential writes as before.
 */
import type { ASTPath } from 'jscodeshift';
import type { FileRewrite } from '../apply/rewrite/FileRewrite';
import { expression } from '../emit/emitContext';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const FUNCTION_TYPES = new Set(['FunctionExpression', 'ArrowFunctionExpression', 'FunctionDeclaration', 'ObjectMethod', 'ClassMethod']);

interface Write {
  statement: ASTPath<any>;
  kind: 'put' | 'putUnique' | 'delete';
  params: AnyNode;
  tryPath?: ASTPath<any>;
}

/** Rewrites the transaction function `fnPath` to collect its writes; the number of writes, or 0 when it cannot. */
export function collectTransactionWrites(rewrite: FileRewrite, fnPath: ASTPath<any>): number {
  const fn = fnPath.node as AnyNode;
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return 0;
  if (fn.body?.type !== 'BlockStatement' || fn.generator) return 0;
  const writes = findWrites(rewrite, fnPath);
  if (!writes?.length) return 0;
  const handlers = new Map<ASTPath<any>, { param: string; body: AnyNode }>();
  for (const write of writes) {
    if (!write.tryPath) continue;
    const handler = catchHandler(write.tryPath.node);
    if (!handler) return 0;
    handlers.set(write.tryPath, handler);
  }
  const { j } = rewrite;
  const ctx = rewrite.emit;
  const tx = ['tx', 'writes', 'transactionWrites'].find((name) => j(fnPath).find(j.Identifier, { name }).size() === 0) ?? rewrite.freshName(['tx']);
  const placed = new Set<unknown>();
  for (const write of writes) {
    const handler = write.tryPath && handlers.get(write.tryPath);
    // the catch block itself goes to the first write of its try (printed as written), copies to the others
    const body = handler && (placed.has(handler) ? cloneFresh(handler.body) : handler.body);
    if (handler) placed.add(handler);
    write.statement.node.expression = handler
      ? expression(ctx, [`${tx}.${write.kind}(`, write.params, `, (${handler.param}) => `, body, ')'])
      : expression(ctx, [`${tx}.${write.kind}(`, write.params, ')']);
  }
  // the catch now answers through each write; the try's other statements (nextId, pushes) cannot fail a condition
  for (const tryPath of handlers.keys()) {
    const parent = tryPath.parent?.node as AnyNode;
    if (parent && Array.isArray(parent.body)) tryPath.replace(...tryPath.node.block.body);
    else tryPath.replace(tryPath.node.block);
  }
  const collected = expression(ctx, [`await ${ctx.name('inTransaction')}(async (${tx}) => `, fn.body, ')']);
  // propagateAsync makes fn async (it now awaits) and wraps a TypeScript return type in Promise<…>
  fn.body = fn.type === 'ArrowFunctionExpression' ? collected : j.blockStatement([j.returnStatement(collected)]);
  forgetUnused(rewrite, ['putUnique', 'PutCommand', 'DeleteCommand', 'db']);
  rewrite.modified = true;
  return writes.length;
}

/** The writes of the function, or undefined when it does anything else that awaits. */
function findWrites(rewrite: FileRewrite, fnPath: ASTPath<any>): Write[] | undefined {
  const { j } = rewrite;
  const local = (exported: string) => rewrite.used.get(exported);
  const writes: Write[] = [];
  let other = false;
  j(fnPath.get('body')).find(j.AwaitExpression).forEach((path: ASTPath<any>) => {
    if (other) return;
    const { tryPath, nested } = surroundings(path, fnPath.node);
    const argument = path.node.argument as AnyNode;
    const callee = argument?.type === 'CallExpression' ? argument.callee : undefined;
    if (nested || !callee) return void (other = true);
    if (callee.type === 'Identifier' && callee.name === local('nextId')) return;
    const statement = path.parent as ASTPath<any>;
    if (statement?.node.type !== 'ExpressionStatement') return void (other = true);
    if (callee.type === 'Identifier' && callee.name === local('putUnique') && argument.arguments.length === 1) {
      writes.push({ statement, kind: 'putUnique', params: argument.arguments[0], tryPath });
      return;
    }
    const command = argument.arguments[0] as AnyNode;
    const sends = callee.type === 'MemberExpression' && callee.object?.name === local('db') && callee.property?.name === 'send' && argument.arguments.length === 1;
    const kind = sends && command?.type === 'NewExpression' && command.arguments.length === 1 ? commandKind(rewrite, command.callee) : undefined;
    if (!kind) return void (other = true);
    writes.push({ statement, kind, params: command.arguments[0], tryPath });
  });
  if (other || callsAsyncFunction(rewrite, fnPath)) return undefined;
  return writes;
}

function commandKind(rewrite: FileRewrite, callee: AnyNode): Write['kind'] | undefined {
  if (callee?.type !== 'Identifier') return undefined;
  if (callee.name === rewrite.used.get('PutCommand')) return 'put';
  if (callee.name === rewrite.used.get('DeleteCommand')) return 'delete';
  return undefined;
}

/** The try whose block holds `path` (one at most), and whether a function inside the transaction's holds it. */
function surroundings(path: ASTPath<any>, fn: AnyNode): { tryPath?: ASTPath<any>; nested: boolean } {
  let tryPath: ASTPath<any> | undefined;
  for (let current: ASTPath<any> | null = path.parent; current && current.node !== fn; current = current.parent) {
    if (FUNCTION_TYPES.has(current.node.type)) return { nested: true };
    const parent = current.parent?.node as AnyNode;
    if (parent?.type === 'TryStatement' && parent.block === current.node) {
      if (tryPath) return { nested: true }; // a try inside a try: its catches answer in turn, not collected
      tryPath = current.parent!;
    } else if (parent?.type === 'TryStatement' || current.node.type === 'CatchClause') {
      return { nested: true }; // a write in a catch or finally block
    }
  }
  return { tryPath, nested: false };
}

/** A call in the transaction function of a project function that now awaits: its writes are not collected here. */
function callsAsyncFunction(rewrite: FileRewrite, fnPath: ASTPath<any>): boolean {
  const { j } = rewrite;
  const file = rewrite.analysis.project.getSource(rewrite.rel);
  if (!file) return false;
  return j(fnPath.get('body')).find(j.CallExpression).some((call: ASTPath<any>) => {
    const scanner = rewrite.scannerPathOf(call.node.callee);
    const resolved = scanner ? rewrite.analysis.project.resolveFunction(file, scanner) : undefined;
    return Boolean(resolved && rewrite.analysis.asyncFunctions.has(resolved.path.node));
  });
}

/**
 * `catch (err) { if (<test>) throw …; …; throw err; }`: only maps errors to the app's and always
 * throws, without a finally. Its parameter and body, or undefined.
 */
function catchHandler(tryNode: AnyNode): { param: string; body: AnyNode } | undefined {
  const handler = tryNode.handler;
  if (!handler || tryNode.finalizer || handler.param?.type !== 'Identifier') return undefined;
  const param = handler.param.name as string;
  const statements = handler.body.body as AnyNode[];
  const last = statements[statements.length - 1];
  if (last?.type !== 'ThrowStatement' || last.argument?.type !== 'Identifier' || last.argument.name !== param) return undefined;
  const mapsOnly = statements.slice(0, -1).every((statement) => statement.type === 'IfStatement' && !statement.alternate && alwaysThrows(statement.consequent));
  return mapsOnly ? { param, body: handler.body } : undefined;
}

function alwaysThrows(node: AnyNode): boolean {
  if (node?.type === 'ThrowStatement') return true;
  return node?.type === 'BlockStatement' && node.body.length > 0 && node.body[node.body.length - 1].type === 'ThrowStatement';
}

/** A deep copy without source positions, so each write's handler prints as its own code. */
function cloneFresh(node: AnyNode): AnyNode {
  if (Array.isArray(node)) return node.map(cloneFresh);
  if (!node || typeof node !== 'object') return node;
  const copy: AnyNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'start' || key === 'end' || key === 'tokens' || key === 'original') continue;
    copy[key] = cloneFresh(value);
  }
  return copy;
}

/** Client names the collected writes no longer use leave the file's imports (`tx.putUnique` is not a use). */
function forgetUnused(rewrite: FileRewrite, exported: string[]): void {
  const { j } = rewrite;
  for (const name of exported) {
    const local = rewrite.used.get(name);
    if (!local) continue;
    const uses = rewrite.root.find(j.Identifier, { name: local }).filter((path: ASTPath<any>) => {
      const parent = path.parent?.node as AnyNode;
      const property = parent?.type === 'MemberExpression' && parent.property === path.node && !parent.computed;
      const key = (parent?.type === 'ObjectProperty' || parent?.type === 'Property') && parent.key === path.node && !parent.computed && parent.value !== path.node;
      return !property && !key;
    });
    if (uses.size() === 0) rewrite.used.delete(name);
  }
}
