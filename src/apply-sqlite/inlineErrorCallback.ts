/**
 * `db.run(sql, params, function (err) { if (err) { console.error(…) } })` followed by more code:
 * a callback that only logs its error (no return, no `this`, no value used). inlineCallback takes
 * only the last statement of a function; this one becomes, where it is,
 *
 *   try { <call> } catch (err) { console.error(…) }
 *
 * and the code after it now runs once the request has answered (before, it ran at once and the
 * write finished in the background; sqlite3's queue still ran it before the next statement, so
 * later requests saw it either way — awaiting keeps that, where a fire-and-forget DynamoDB call
 * would not).
 */
import type { ASTPath } from 'jscodeshift';
import { currentPath } from './currentPath';
import type { SiteContext, SiteOutcome } from './siteContext';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export function inlineErrorCallback(ctx: SiteContext): SiteOutcome {
  const no: SiteOutcome = { done: false, todo: '' };
  const { j } = ctx.rewrite;
  const call = ctx.call.node as AnyNode;
  const callback = call.arguments[call.arguments.length - 1] as AnyNode;
  const statement = ctx.call.parent as ASTPath<any> | null;
  if (statement?.node.type !== 'ExpressionStatement' || !callback || !['FunctionExpression', 'ArrowFunctionExpression'].includes(callback.type)) return no;
  if (ctx.site.result.changesUses.length || ctx.site.result.insertedIdUses.length || callback.body.type !== 'BlockStatement') return no;
  const [err, value] = callback.params as AnyNode[];
  const [test, ...more] = callback.body.body as AnyNode[];
  if (err?.type !== 'Identifier' || more.length || test?.type !== 'IfStatement' || test.alternate || test.test.type !== 'Identifier' || test.test.name !== err.name) return no;
  if (value && (value.type !== 'Identifier' || mentions(test.consequent, value.name))) return no;
  // a return or throw in the branch ended the callback only; here it would end the whole function
  if (leavesFlow(test.consequent) || mentionsThis(test.consequent)) return no;
  const handled = test.consequent.type === 'BlockStatement' ? test.consequent.body : [test.consequent];
  call.arguments.pop();
  const tried = j.tryStatement(j.blockStatement([j.expressionStatement(call)]), j.catchClause(j.identifier(err.name), null, j.blockStatement(handled)));
  (tried as AnyNode).comments = statement.node.comments;
  statement.replace(tried);
  const moved = currentPath(ctx.rewrite, call);
  if (!moved) return { done: false, todo: 'internal: the inlined call was lost; rewrite this callback by hand, then re-run' };
  ctx.call = moved;
  ctx.holder = currentPath(ctx.rewrite, tried) ?? moved;
  return { done: true };
}

/** A return/throw/break/continue outside nested functions. */
function leavesFlow(node: AnyNode): boolean {
  return some(node, (child) => ['ReturnStatement', 'ThrowStatement', 'BreakStatement', 'ContinueStatement'].includes(child.type));
}

function mentionsThis(node: AnyNode): boolean {
  return some(node, (child) => child.type === 'ThisExpression');
}

function mentions(node: AnyNode, name: string): boolean {
  return some(node, (child) => child.type === 'Identifier' && child.name === name, true);
}

function some(node: AnyNode, test: (node: AnyNode) => boolean, intoFunctions = false): boolean {
  if (!node || typeof node.type !== 'string') return false;
  if (test(node)) return true;
  if (!intoFunctions && /Function/.test(node.type)) return false;
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'comments' || key === 'original' || key === 'tokens') continue;
    const value = node[key];
    if (Array.isArray(value)) {
      if (value.some((child) => some(child, test, intoFunctions))) return true;
    } else if (value && typeof value.type === 'string' && some(value, test, intoFunctions)) return true;
  }
  return false;
}
