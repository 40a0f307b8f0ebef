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
  if (!runs || !callback || !['ArrowFunctionExpression', 'FunctionExpression'].includes(callback.type)) return false;
  const [err, rows] = callback.params;
  const [resolve, reject] = executor.params;
  if (site.method === 'run' && callback.type === 'FunctionExpression' && callback.params.length === 1) return resolvesRunInfo(callback, err.name, reject.name, resolve.name);
  if (callback.params.length !== 2) return false;
  return settledValue(callback, err.name, reject.name, resolve.name) === rows.name;
}

/**
 * `db.run(sql, params, function (err) { if (err) reject(err); else resolve({ lastID: this.lastID, changes: this.changes }); })`:
 * the helper hands back what the \`sqlite\` wrapper's run() returns, so its callers read
 * `result.lastID` / `result.changes` as wrapper calls do (and are rewritten the same way).
 */
function resolvesRunInfo(callback: AnyNode, errName: string, rejectName: string, resolveName: string): boolean {
  const statements: AnyNode[] = callback.body.type === 'BlockStatement' ? callback.body.body : [];
  const first = statements[0];
  if (statements.length !== 1 || first.type !== 'IfStatement' || !first.alternate || first.test.type !== 'Identifier' || first.test.name !== errName) return false;
  const only = (branch: AnyNode): AnyNode | undefined => {
    const list = branch.type === 'BlockStatement' ? branch.body : [branch];
    return list.length === 1 && list[0].type === 'ExpressionStatement' && list[0].expression.type === 'CallExpression' ? list[0].expression : undefined;
  };
  const reject = only(first.consequent);
  const resolve = only(first.alternate);
  if (reject?.callee.name !== rejectName || reject.arguments[0]?.name !== errName || resolve?.callee.name !== resolveName) return false;
  const info = resolve.arguments[0];
  if (resolve.arguments.length !== 1 || info?.type !== 'ObjectExpression' || !info.properties.length) return false;
  return info.properties.every((property: AnyNode) => {
    const key = property.key?.name;
    const value = property.value;
    return ['lastID', 'changes'].includes(key) && !property.computed && value?.type === 'MemberExpression' && value.object.type === 'ThisExpression' && value.property.name === key;
  });
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
