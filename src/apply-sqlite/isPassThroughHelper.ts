import type { SqlCallSite } from '../scan/sqlite';
import { settledValue } from './inlineCallback';

type AnyNode = any;

/**
 * A helper that only runs the SQL it is given and hands back the driver's rows — `return new
 * Promise((resolve, reject) => db.all(sql, params, (err, rows) => err ? reject(err) : resolve(rows)))`
 * or `return db.all(sql, params)` — so each call of it is a read of its own and can be rewritten
 * where it is called. Helpers that do more (map rows, log, cache) are left to the developer.
 */
export function isPassThroughHelper(site: SqlCallSite): boolean {
  if (site.helpers.length !== 1) return false;
  const fn = site.helpers[0].path.node as AnyNode;
  const driver = site.driverCall.path.node as AnyNode;
  const body: AnyNode[] = fn.body.type === 'BlockStatement' ? fn.body.body : [{ type: 'ReturnStatement', argument: fn.body }];
  if (body.length !== 1 || body[0].type !== 'ReturnStatement' || !body[0].argument) return false;
  let returned = body[0].argument;
  if (returned.type === 'AwaitExpression') returned = returned.argument;
  if (returned === driver) return site.driver !== 'sqlite3-callback';
  if (returned.type !== 'NewExpression' || returned.callee.type !== 'Identifier' || returned.callee.name !== 'Promise') return false;
  const executor = returned.arguments[0];
  if (!executor || !['ArrowFunctionExpression', 'FunctionExpression'].includes(executor.type) || executor.params.length < 2) return false;
  const runs = executor.body === driver || (executor.body.type === 'BlockStatement' && executor.body.body.length === 1 && executor.body.body[0].type === 'ExpressionStatement' && executor.body.body[0].expression === driver);
  const callback = driver.arguments[driver.arguments.length - 1];
  if (!runs || !callback || !['ArrowFunctionExpression', 'FunctionExpression'].includes(callback.type) || callback.params.length !== 2) return false;
  const [err, rows] = callback.params;
  const [resolve, reject] = executor.params;
  return settledValue(callback, err.name, reject.name, resolve.name) === rows.name;
}

/**
 * The driver call inside a pass-through helper whose SQL is the helper's own parameter, seen with
 * no caller left (after apply rewrote every call): it runs nothing by itself, so it is left as is.
 */
export function isIdleHelperBody(site: SqlCallSite): boolean {
  if (site.helpers.length) return false;
  const argument = site.sqlArgument.path;
  if (!argument.isIdentifier()) return false;
  const binding = argument.scope.getBinding(argument.node.name);
  if (binding?.kind !== 'param' || !binding.scope.path.isFunction()) return false;
  const helper = { file: site.file, path: binding.scope.path };
  return isPassThroughHelper({ ...site, helpers: [helper] } as SqlCallSite);
}
