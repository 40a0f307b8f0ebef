/** Running app functions and statements on known values: callbacks of seed code, loop bodies, constructors. */
import type * as t from '@babel/types';
import { callBuiltin } from './builtins';
import { describeCallee, evaluate, toList } from './evaluate';
import { Builtin, Closure, fail, Instance, MAX_STEPS, Unevaluable, type Env, type EvalContext } from './values';

type Node = t.Node;

export function callFunction(fn: unknown, args: unknown[], node: Node, env: Env, ctx: EvalContext): unknown {
  if (fn instanceof Closure) return applyClosure(fn, args, ctx);
  if (fn instanceof Builtin) return callBuiltin(fn.name, args, node, env, ctx);
  return fail(node, env, `calls ${describeCallee(node)}, which only running the app can answer`);
}

/** Runs an app function on known arguments: parameters bound, an expression body or a block of simple statements. */
export function applyClosure(closure: Closure, args: unknown[], ctx: EvalContext, thisValue?: Instance): unknown {
  const fn = closure.node;
  const env: Env = { vars: new Map(), parent: closure.env, module: closure.env.module, ...(thisValue ? { thisValue } : {}) };
  if (fn.async || fn.generator) fail(fn, env, 'an async or generator function');
  fn.params.forEach((param, index) => bindPattern(param, param.type === 'RestElement' ? args.slice(index) : args[index], env, ctx));
  if (fn.body.type !== 'BlockStatement') return evaluate(fn.body, env, ctx);
  const result = executeBlock(fn.body.body, env, ctx);
  return result.returned ? result.value : undefined;
}

export function bindPattern(pattern: Node, value: unknown, env: Env, ctx: EvalContext): void {
  switch (pattern.type) {
    case 'Identifier':
      env.vars.set(pattern.name, value);
      return;
    case 'AssignmentPattern':
      bindPattern(pattern.left, value === undefined ? evaluate(pattern.right, env, ctx) : value, env, ctx);
      return;
    case 'RestElement':
      bindPattern(pattern.argument, value, env, ctx);
      return;
    case 'TSParameterProperty':
      bindPattern(pattern.parameter, value, env, ctx);
      return;
    case 'ArrayPattern': {
      const list = toList(value, pattern, env);
      pattern.elements.forEach((element, index) => element && bindPattern(element, element.type === 'RestElement' ? list.slice(index) : list[index], env, ctx));
      return;
    }
    case 'ObjectPattern': {
      if (value instanceof Unevaluable) throw value.error;
      const source = (value ?? {}) as Record<string, unknown>;
      const used = new Set<string>();
      for (const property of pattern.properties) {
        if (property.type === 'RestElement') {
          bindPattern(property.argument, Object.fromEntries(Object.entries(source).filter(([name]) => !used.has(name))), env, ctx);
          continue;
        }
        const key = property.computed ? String(evaluate(property.key, env, ctx)) : keyName(property.key, env);
        used.add(key);
        bindPattern(property.value, source[key], env, ctx);
      }
      return;
    }
    default:
      fail(pattern, env, 'an unusual parameter');
  }
}

type BlockResult = { returned: boolean; value?: unknown };

/** Statements of a callback or loop body: declarations, expressions, if, for…of, for, return. */
export function executeBlock(statements: t.Statement[], env: Env, ctx: EvalContext): BlockResult {
  for (const statement of statements) {
    const result = executeStatement(statement, env, ctx);
    if (result.returned) return result;
  }
  return { returned: false };
}

export function executeStatement(statement: t.Statement, env: Env, ctx: EvalContext): BlockResult {
  if ((ctx.steps += 1) > MAX_STEPS) fail(statement, env, 'seed code runs too long to evaluate statically');
  switch (statement.type) {
    case 'ExpressionStatement':
      evaluate(statement.expression, env, ctx);
      return { returned: false };
    case 'VariableDeclaration':
      for (const declarator of statement.declarations) bindPattern(declarator.id, evaluate(declarator.init, env, ctx), env, ctx);
      return { returned: false };
    case 'ReturnStatement':
      return { returned: true, value: evaluate(statement.argument, env, ctx) };
    case 'BlockStatement':
      return executeBlock(statement.body, { vars: new Map(), parent: env, module: env.module, ...(env.thisValue ? { thisValue: env.thisValue } : {}) }, ctx);
    case 'IfStatement':
      if (evaluate(statement.test, env, ctx)) return executeStatement(statement.consequent, env, ctx);
      return statement.alternate ? executeStatement(statement.alternate, env, ctx) : { returned: false };
    case 'ForOfStatement':
      return executeForOf(statement, env, ctx);
    case 'ForStatement':
      return executeFor(statement, env, ctx);
    case 'EmptyStatement':
      return { returned: false };
    default:
      return fail(statement, env, `${describeNode(statement)} cannot be evaluated without running the app`);
  }
}

/** `for (const x of list)`: an element that is not evaluable is skipped (it is reported as a record problem). */
function executeForOf(statement: t.ForOfStatement, env: Env, ctx: EvalContext): BlockResult {
  const list = toList(evaluate(statement.right, env, ctx), statement.right, env);
  const pattern = statement.left.type === 'VariableDeclaration' ? statement.left.declarations[0].id : statement.left;
  for (const element of list) {
    if (element instanceof Unevaluable) {
      ctx.skipped?.push(element);
      continue;
    }
    const loopEnv: Env = { vars: new Map(), parent: env, module: env.module };
    bindPattern(pattern, element, loopEnv, ctx);
    const result = executeStatement(statement.body, loopEnv, ctx);
    if (result.returned) return result;
  }
  return { returned: false };
}

function executeFor(statement: t.ForStatement, env: Env, ctx: EvalContext): BlockResult {
  const loopEnv: Env = { vars: new Map(), parent: env, module: env.module };
  if (statement.init?.type === 'VariableDeclaration') executeStatement(statement.init, loopEnv, ctx);
  else if (statement.init) evaluate(statement.init, loopEnv, ctx);
  for (let guard = 0; !statement.test || evaluate(statement.test, loopEnv, ctx); guard += 1) {
    if (guard > 1_000_000) fail(statement, env, 'a loop that does not end');
    const result = executeStatement(statement.body, loopEnv, ctx);
    if (result.returned) return result;
    if (statement.update) evaluate(statement.update, loopEnv, ctx);
  }
  return { returned: false };
}

function keyName(key: Node, env: Env): string {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'StringLiteral' || key.type === 'NumericLiteral') return String(key.value);
  return fail(key, env, 'an unusual property name');
}

function describeNode(node: Node): string {
  return node.type.replace(/(Expression|Statement|Declaration)$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/^./, (letter) => letter.toUpperCase());
}
