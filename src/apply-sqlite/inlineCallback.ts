/**
 * sqlite3's callback API as straight code. `db.get(sql, params, (err, row) => { if (err) {…; return}
 * rest })` — the last statement of its function — becomes
 *
 *   let row;
 *   try { row = db.get(sql, params); } catch (err) { …; return; }
 *   rest
 *
 * and the call is then rewritten like a value-returning driver call (rewriteSelect/Insert/…).
 * `this.lastID` / `this.changes` inside a `function` callback are the insert/run result uses the
 * rewriters replace. Hand-made promise wrappers (`new Promise((resolve, reject) => db.get(…, (err,
 * row) => err ? reject(err) : resolve(row)))`) become the call itself.
 */
import type { ASTPath } from 'jscodeshift';
import { currentPath } from './currentPath';
import type { SiteContext, SiteOutcome } from './siteContext';

type AnyNode = any;
const FUNCTIONS = new Set(['FunctionExpression', 'ArrowFunctionExpression', 'FunctionDeclaration', 'ObjectMethod', 'ClassMethod']);

/** Restructures a callback site in place and points `ctx.call` at the bare driver call; a TODO when it cannot. */
export function inlineCallback(ctx: SiteContext): SiteOutcome {
  const { j } = ctx.rewrite;
  const call = ctx.call.node as AnyNode;
  const callback = call.arguments[call.arguments.length - 1] as AnyNode;
  if (!callback || !FUNCTIONS.has(callback.type)) return { done: false, todo: 'the result goes to no callback here: rewrite this call with the shared client, then re-run' };
  const [errParam, valueParam] = callback.params as AnyNode[];
  if ((errParam && errParam.type !== 'Identifier') || (valueParam && valueParam.type !== 'Identifier')) return { done: false, todo: 'destructured callback parameters: name them, then re-run' };
  const wrapper = promiseWrapper(ctx, callback, errParam?.name, valueParam?.name);
  if (wrapper) return wrapper;
  const statement = ctx.call.parent as ASTPath<any>;
  const isStatement = statement?.node.type === 'ExpressionStatement' || (statement?.node.type === 'ReturnStatement' && statement.node.argument === call);
  if (!isStatement || !endsItsFunction(statement)) {
    return { done: false, todo: 'code after this call runs before its callback: move it into the callback (or make this the last statement), then re-run' };
  }
  if (usesOtherThis(callback, ctx)) return { done: false, todo: 'the callback reads `this` beyond lastID/changes: rewrite it by hand, then re-run' };
  const body: AnyNode[] = callback.body.type === 'BlockStatement' ? [...callback.body.body] : [j.expressionStatement(callback.body)];
  let catchBody: AnyNode[] | undefined;
  if (errParam && isNameUsed(body, errParam.name)) {
    const first = body[0];
    if (first?.type !== 'IfStatement' || first.test.type !== 'Identifier' || first.test.name !== errParam.name) return { done: false, todo: `${errParam.name} is used outside a leading \`if (${errParam.name})\`: rewrite this callback by hand, then re-run` };
    catchBody = blockOf(first.consequent);
    const alternate = first.alternate ? blockOf(first.alternate) : [];
    if (!first.alternate && !endsFlow(catchBody)) return { done: false, todo: `\`if (${errParam.name})\` falls through to the success path: return in it, then re-run` };
    if (first.alternate && !endsFlow(catchBody)) catchBody = [...catchBody, j.returnStatement(null)];
    body.splice(0, 1, ...alternate);
    if (isNameUsed(body, errParam.name)) return { done: false, todo: `${errParam.name} is used on the success path: rewrite this callback by hand, then re-run` };
  }
  call.arguments.pop();
  const valueUsed = valueParam && (ctx.site.method === 'get' || ctx.site.method === 'all') && isNameUsed(body, valueParam.name);
  const resultName = ctx.site.method === 'run' && ctx.site.result.changesUses.length ? ctx.rewrite.freshName(['info', 'result']) : undefined;
  const target = valueUsed ? valueParam.name : resultName;
  const created: AnyNode[] = [];
  if (catchBody) {
    if (target) created.push(j.variableDeclaration('let', [j.variableDeclarator(j.identifier(target))]));
    const run = target ? j.expressionStatement(j.assignmentExpression('=', j.identifier(target), call)) : j.expressionStatement(call);
    created.push(j.tryStatement(j.blockStatement([run]), j.catchClause(j.identifier(errParam.name), null, j.blockStatement(catchBody))));
  } else {
    created.push(target ? j.variableDeclaration('const', [j.variableDeclarator(j.identifier(target), call)]) : j.expressionStatement(call));
  }
  statement.replace(...created, ...body);
  const moved = currentPath(ctx.rewrite, call);
  const holder = currentPath(ctx.rewrite, created[0]);
  if (!moved || !holder) return { done: false, todo: 'internal: the inlined call was lost; rewrite this callback by hand, then re-run' };
  ctx.call = moved;
  ctx.holder = holder;
  if (resultName) ctx.resultName = resultName;
  return { done: true };
}

/** `new Promise((resolve, reject) => db.get(…, (err, row) => { if (err) reject(err); else resolve(row); }))` → the call. */
function promiseWrapper(ctx: SiteContext, callback: AnyNode, errName: string | undefined, valueName: string | undefined): SiteOutcome | undefined {
  const executorBody = ctx.call.parent as ASTPath<any>;
  let executor: ASTPath<any> | undefined = executorBody;
  if (executorBody?.node.type === 'ExpressionStatement') {
    const block = executorBody.parent as ASTPath<any>;
    if (block?.node.type !== 'BlockStatement' || block.node.body.length !== 1) return undefined;
    executor = block.parent as ASTPath<any>;
  }
  const promise = executor?.parent as ASTPath<any> | undefined;
  if (!executor || !FUNCTIONS.has(executor.node.type) || promise?.node.type !== 'NewExpression' || promise.node.callee.name !== 'Promise' || promise.node.arguments[0] !== executor.node) return undefined;
  const [resolveParam, rejectParam] = executor.node.params as AnyNode[];
  if (!resolveParam || !rejectParam || !errName) return { done: false, todo: 'a promise wrapper that ignores errors: rewrite it with the shared client, then re-run' };
  const resolved = settledValue(callback, errName, rejectParam.name, resolveParam.name);
  if (resolved === undefined || (resolved !== null && resolved !== valueName)) return { done: false, todo: 'this promise wrapper resolves something else than the rows: rewrite it with the shared client, then re-run' };
  const call = ctx.call.node as AnyNode;
  call.arguments.pop();
  promise.replace(call);
  const moved = currentPath(ctx.rewrite, call);
  if (!moved) return { done: false, todo: 'internal: the unwrapped call was lost; rewrite it by hand, then re-run' };
  ctx.call = moved;
  return { done: true };
}

/** The name given to resolve() when the callback is exactly `if (err) reject(err) else resolve(x)` (null: resolve()). */
export function settledValue(callback: AnyNode, errName: string, rejectName: string, resolveName: string): string | null | undefined {
  const statements: AnyNode[] = callback.body.type === 'BlockStatement' ? callback.body.body : [{ type: 'ExpressionStatement', expression: callback.body }];
  let test: AnyNode;
  let onError: AnyNode[];
  let onValue: AnyNode[];
  if (statements.length === 1 && statements[0].type === 'IfStatement' && statements[0].alternate) {
    test = statements[0].test;
    onError = blockOf(statements[0].consequent);
    onValue = blockOf(statements[0].alternate);
  } else if (statements.length === 1 && statements[0].type === 'ExpressionStatement' && statements[0].expression.type === 'ConditionalExpression') {
    const conditional = statements[0].expression;
    test = conditional.test;
    onError = [{ type: 'ExpressionStatement', expression: conditional.consequent }];
    onValue = [{ type: 'ExpressionStatement', expression: conditional.alternate }];
  } else if (statements.length === 2 && statements[0].type === 'IfStatement' && !statements[0].alternate) {
    test = statements[0].test;
    onError = blockOf(statements[0].consequent);
    onValue = [statements[1]];
  } else return undefined;
  if (test.type !== 'Identifier' || test.name !== errName) return undefined;
  const callOf = (list: AnyNode[], name: string): AnyNode | undefined => {
    if (list.length !== 1) return undefined;
    const expression = list[0].type === 'ExpressionStatement' ? list[0].expression : list[0].type === 'ReturnStatement' ? list[0].argument : undefined;
    return expression?.type === 'CallExpression' && expression.callee.type === 'Identifier' && expression.callee.name === name ? expression : undefined;
  };
  const reject = callOf(onError, rejectName);
  const resolve = callOf(onValue, resolveName);
  if (!reject || !resolve || reject.arguments[0]?.name !== errName) return undefined;
  if (!resolve.arguments.length) return null;
  return resolve.arguments[0].type === 'Identifier' ? resolve.arguments[0].name : undefined;
}

/**
 * Nothing runs after this statement in its function (tail position): it is the last one of a block
 * that is the function body, a branch of an `if` (or `else if`) in tail position, or a `try` block or
 * `catch` body (without finally) of a `try` in tail position. Its callback's code can then run in its
 * place. The statement itself must sit in a block, where it is replaced by several.
 */
function endsItsFunction(statement: ASTPath<any>): boolean {
  return statement.parent?.node.type === 'BlockStatement' && isInTailPosition(statement);
}

function isInTailPosition(statement: ASTPath<any>): boolean {
  const parent = statement.parent as ASTPath<any> | undefined;
  // `else if (…)`: the inner if is the outer one's alternate (or a branch written without braces)
  if (parent?.node.type === 'IfStatement') return (parent.node.alternate === statement.node || parent.node.consequent === statement.node) && isInTailPosition(parent);
  if (parent?.node.type !== 'BlockStatement' || parent.node.body[parent.node.body.length - 1] !== statement.node) return false;
  const holder = parent.parent as ASTPath<any> | undefined;
  const kind = holder?.node.type;
  if (FUNCTIONS.has(kind)) return true;
  if (kind === 'IfStatement') return isInTailPosition(holder!);
  if (kind === 'TryStatement') return holder!.node.block === parent.node && !holder!.node.finalizer && isInTailPosition(holder!);
  if (kind === 'CatchClause') {
    const tryStatement = holder!.parent as ASTPath<any> | undefined;
    return tryStatement?.node.type === 'TryStatement' && !tryStatement.node.finalizer && isInTailPosition(tryStatement);
  }
  return false;
}

function blockOf(node: AnyNode): AnyNode[] {
  return node.type === 'BlockStatement' ? [...node.body] : [node];
}

function endsFlow(statements: AnyNode[]): boolean {
  const last = statements[statements.length - 1];
  return last?.type === 'ReturnStatement' || last?.type === 'ThrowStatement';
}

function isNameUsed(nodes: AnyNode[], name: string): boolean {
  let used = false;
  const visit = (node: AnyNode, parentKey?: string, parent?: AnyNode): void => {
    if (used || !node || typeof node.type !== 'string') return;
    // a catch clause or function declaring the same name shadows it
    if (node.type === 'CatchClause' && node.param?.name === name) return;
    if (FUNCTIONS.has(node.type) && node.params.some((param: AnyNode) => param.type === 'Identifier' && param.name === name)) return;
    if (node.type === 'Identifier' && node.name === name && !(parent?.type === 'MemberExpression' && parentKey === 'property' && !parent.computed) && !(parent?.type === 'ObjectProperty' && parentKey === 'key' && !parent.computed) && !(parent?.type === 'Property' && parentKey === 'key' && !parent.computed && !parent.shorthand)) {
      used = true;
      return;
    }
    for (const key of Object.keys(node)) {
      if (key === 'loc' || key === 'comments' || key === 'original' || key === 'tokens') continue;
      const value = node[key];
      if (Array.isArray(value)) value.forEach((child) => visit(child, key, node));
      else if (value && typeof value.type === 'string') visit(value, key, node);
    }
  };
  nodes.forEach((node) => visit(node));
  return used;
}

/** `this` in the callback (outside nested functions with their own `this`) other than the uses the scan found. */
function usesOtherThis(callback: AnyNode, ctx: SiteContext): boolean {
  if (callback.type === 'ArrowFunctionExpression') return false;
  const known = ctx.site.result.insertedIdUses.length + ctx.site.result.changesUses.length;
  let count = 0;
  const visit = (node: AnyNode, top: boolean): void => {
    if (!node || typeof node.type !== 'string') return;
    if (!top && (node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration')) return;
    if (node.type === 'ThisExpression') count += 1;
    for (const key of Object.keys(node)) {
      if (key === 'loc' || key === 'comments' || key === 'original' || key === 'tokens') continue;
      const value = node[key];
      if (Array.isArray(value)) value.forEach((child) => visit(child, false));
      else if (value && typeof value.type === 'string') visit(value, false);
    }
  };
  visit(callback.body, true);
  return count > known;
}
