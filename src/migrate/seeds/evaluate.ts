/**
 * A small static evaluator for seed data: literals, arrays and objects (with spreads), template
 * text, arithmetic, identifiers across modules, and the data-shaping calls seed code makes
 * (`.map`, `Array.from`, `new Map(...)`, `Object.entries`, `JSON.parse`, small arrow functions).
 * Anything that would need the app to run (uuid(), a database read) is NotEvaluable, with the
 * file:line of the expression. Nothing is ever executed.
 */
import type * as t from '@babel/types';
import { callMethod, construct, getMember } from './builtins';
import { callFunction } from './execute';
import { lookup, requireModule } from './resolveBinding';
import { Builtin, Closure, fail, Instance, MAX_STEPS, ModuleNamespace, NotEvaluable, Unevaluable, type Env, type EvalContext } from './values';

export { applyClosure, bindPattern, callFunction, executeBlock, executeStatement } from './execute';
export { getExport, lookup, lookupModuleBinding } from './resolveBinding';

type Node = t.Node;

export function evaluate(node: Node | null | undefined, env: Env, ctx: EvalContext): unknown {
  if (!node) return undefined;
  if ((ctx.steps += 1) > MAX_STEPS) fail(node, env, 'seed code runs too long to evaluate statically');
  switch (node.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
      return node.value;
    case 'NullLiteral':
      return null;
    case 'BigIntLiteral':
      return Number(node.value);
    case 'TemplateLiteral':
      return node.quasis.map((quasi, index) => (quasi.value.cooked ?? '') + (index < node.expressions.length ? String(evaluate(node.expressions[index], env, ctx)) : '')).join('');
    case 'ParenthesizedExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
    case 'TSInstantiationExpression':
      return evaluate(node.expression, env, ctx);
    case 'ArrayExpression':
      return evaluateArray(node, env, ctx);
    case 'ObjectExpression':
      return evaluateObject(node, env, ctx);
    case 'Identifier':
      return lookup(node, env, ctx);
    case 'ThisExpression':
      return env.thisValue ?? findThis(env) ?? fail(node, env, '`this` outside a constructor');
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      const object = evaluate(node.object, env, ctx);
      if (object === undefined || object === null) {
        if (node.optional) return undefined;
        fail(node, env, 'reads a property of undefined');
      }
      const key = node.computed ? evaluate(node.property, env, ctx) : (node.property as t.Identifier).name;
      return getMember(object, String(key), node, env, ctx);
    }
    case 'UnaryExpression':
      return evaluateUnary(node, env, ctx);
    case 'BinaryExpression':
      return evaluateBinary(node.operator, evaluate(node.left, env, ctx), evaluate(node.right, env, ctx), node, env);
    case 'LogicalExpression': {
      const left = evaluate(node.left, env, ctx);
      if (node.operator === '&&') return left ? evaluate(node.right, env, ctx) : left;
      if (node.operator === '||') return left ? left : evaluate(node.right, env, ctx);
      return left ?? evaluate(node.right, env, ctx);
    }
    case 'ConditionalExpression':
      return evaluate(node.test, env, ctx) ? evaluate(node.consequent, env, ctx) : evaluate(node.alternate, env, ctx);
    case 'SequenceExpression':
      return node.expressions.reduce<unknown>((_last, expression) => evaluate(expression, env, ctx), undefined);
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return new Closure(node, env);
    case 'NewExpression':
      return construct(node, evaluate(node.callee, env, ctx), node.arguments.map((argument) => evaluate(argument, env, ctx)), env, ctx);
    case 'CallExpression':
    case 'OptionalCallExpression':
      return evaluateCall(node, env, ctx);
    case 'AssignmentExpression':
      return evaluateAssignment(node, env, ctx);
    case 'UpdateExpression': {
      const before = Number(evaluate(node.argument, env, ctx));
      assign(node.argument, node.operator === '++' ? before + 1 : before - 1, env, ctx);
      return node.prefix ? (node.operator === '++' ? before + 1 : before - 1) : before;
    }
    default:
      return fail(node, env, `${describeNode(node)} cannot be evaluated without running the app`);
  }
}

function evaluateArray(node: t.ArrayExpression, env: Env, ctx: EvalContext): unknown[] {
  const values: unknown[] = [];
  for (const element of node.elements) {
    if (!element) values.push(undefined);
    else if (element.type === 'SpreadElement') values.push(...toList(evaluate(element.argument, env, ctx), element, env));
    else values.push(evaluateElement(element, env, ctx));
  }
  return values;
}

/** An element of seed data: a failure stays in place as Unevaluable, so the other records still count. */
export function evaluateElement(node: Node, env: Env, ctx: EvalContext): unknown {
  try {
    return evaluate(node, env, ctx);
  } catch (error) {
    if (error instanceof NotEvaluable) return new Unevaluable(error);
    throw error;
  }
}

function evaluateObject(node: t.ObjectExpression, env: Env, ctx: EvalContext): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  let origin = `${env.module.rel}:${node.loc?.start.line ?? 0}`;
  for (const property of node.properties) {
    if (property.type === 'SpreadElement') {
      const spread = evaluate(property.argument, env, ctx);
      if (spread instanceof Unevaluable) throw spread.error;
      // `{ ...seed }` is the seed record: messages point at the literal it came from
      if (spread && typeof spread === 'object' && ctx.origins.has(spread)) origin = ctx.origins.get(spread)!;
      if (spread && typeof spread === 'object') Object.assign(value, spread instanceof Map ? Object.fromEntries(spread) : spread);
      continue;
    }
    const key = property.computed ? String(evaluate(property.key, env, ctx)) : keyName(property.key, env);
    if (property.type === 'ObjectMethod') value[key] = new Closure(property, env);
    else {
      const member = evaluate(property.value, env, ctx);
      if (member instanceof Unevaluable) throw member.error;
      value[key] = member;
    }
  }
  ctx.origins.set(value, origin);
  return value;
}

function keyName(key: Node, env: Env): string {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'StringLiteral' || key.type === 'NumericLiteral') return String(key.value);
  return fail(key, env, 'an unusual property name');
}

function evaluateUnary(node: t.UnaryExpression, env: Env, ctx: EvalContext): unknown {
  if (node.operator === 'typeof') return typeof evaluate(node.argument, env, ctx);
  const value = evaluate(node.argument, env, ctx);
  switch (node.operator) {
    case '-':
      return -Number(value);
    case '+':
      return Number(value);
    case '!':
      return !value;
    case 'void':
      return undefined;
    default:
      return fail(node, env, `the ${node.operator} operator`);
  }
}

function evaluateBinary(operator: string, left: unknown, right: unknown, node: Node, env: Env): unknown {
  const a = left as never;
  const b = right as never;
  switch (operator) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '**':
      return (a as number) ** (b as number);
    case '===':
      return a === b;
    case '!==':
      return a !== b;
    case '==':
      return a == b; // eslint-disable-line eqeqeq
    case '!=':
      return a != b; // eslint-disable-line eqeqeq
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    default:
      return fail(node, env, `the ${operator} operator`);
  }
}

function evaluateCall(node: t.CallExpression | t.OptionalCallExpression, env: Env, ctx: EvalContext): unknown {
  const args = () => node.arguments.flatMap((argument) => (argument.type === 'SpreadElement' ? toList(evaluate(argument.argument, env, ctx), argument, env) : [evaluate(argument, env, ctx)]));
  const callee = node.callee;
  if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') {
    const object = evaluate(callee.object, env, ctx);
    if ((object === undefined || object === null) && callee.optional) return undefined;
    const name = callee.computed ? String(evaluate(callee.property, env, ctx)) : (callee.property as t.Identifier).name;
    return callMethod(object, name, args(), node, env, ctx);
  }
  if (callee.type === 'Identifier' && callee.name === 'require' && node.arguments[0]?.type === 'StringLiteral') return requireModule(node.arguments[0].value, node, env, ctx);
  let fn: unknown;
  try {
    fn = evaluate(callee, env, ctx);
  } catch (error) {
    // `randomUUID()` from a package, `fetchId()` from nowhere: the call is what cannot be known
    if (error instanceof NotEvaluable && callee.type === 'Identifier') fail(node, env, `calls ${callee.name}(), which only running the app can answer`);
    throw error;
  }
  return callFunction(fn, args(), node, env, ctx);
}

function evaluateAssignment(node: t.AssignmentExpression, env: Env, ctx: EvalContext): unknown {
  const right = evaluate(node.right, env, ctx);
  if (node.operator === '=') {
    assign(node.left, right, env, ctx);
    return right;
  }
  const operator = node.operator.slice(0, -1);
  const current = evaluate(node.left as Node, env, ctx);
  const value = operator === '??' ? (current ?? right) : operator === '||' ? current || right : operator === '&&' ? current && right : evaluateBinary(operator, current, right, node, env);
  assign(node.left, value, env, ctx);
  return value;
}

export function assign(target: Node, value: unknown, env: Env, ctx: EvalContext): void {
  if (target.type === 'Identifier') {
    for (let scope: Env | undefined = env; scope; scope = scope.parent) {
      if (scope.vars.has(target.name)) {
        scope.vars.set(target.name, value);
        return;
      }
    }
    const entry = env.module.values.get(target.name);
    if (entry) {
      entry.value = value;
      entry.state = 'done';
      return;
    }
    fail(target, env, `assigns ${target.name}, which is not module data`);
  }
  if (target.type === 'MemberExpression') {
    const object = evaluate(target.object, env, ctx);
    const key = target.computed ? String(evaluate(target.property, env, ctx)) : (target.property as t.Identifier).name;
    if (object instanceof Instance) object.fields[key] = value;
    else if (Array.isArray(object) && /^\d+$/.test(key)) object[Number(key)] = value;
    else if (object && typeof object === 'object' && !(object instanceof Map) && !(object instanceof Builtin) && !(object instanceof ModuleNamespace)) (object as Record<string, unknown>)[key] = value;
    else fail(target, env, 'assigns a property of something that is not data');
    return;
  }
  fail(target, env, 'an unusual assignment');
}

/** An identifier: a local of a callback, a module-level binding (evaluated once), an import, or a known global. */
function findThis(env: Env): Instance | undefined {
  for (let scope: Env | undefined = env; scope; scope = scope.parent) if (scope.thisValue) return scope.thisValue;
  return undefined;
}

export function toList(value: unknown, node: Node, env: Env): unknown[] {
  if (value instanceof Unevaluable) throw value.error;
  if (Array.isArray(value)) return value;
  if (value instanceof Map) return [...value.entries()];
  if (value instanceof Set) return [...value.values()];
  if (typeof value === 'string') return [...value];
  return fail(node, env, 'expects a list here');
}

function describeNode(node: Node): string {
  return node.type.replace(/(Expression|Statement|Declaration)$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/^./, (letter) => letter.toUpperCase());
}

export function describeCallee(node: t.CallExpression | t.OptionalCallExpression | t.NewExpression | Node): string {
  const callee = 'callee' in node ? node.callee : node;
  if (callee.type === 'Identifier') return `${callee.name}()`;
  if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed && callee.property.type === 'Identifier') {
    const object = callee.object.type === 'Identifier' ? callee.object.name : callee.object.type === 'ThisExpression' ? 'this' : '…';
    return `${object}.${callee.property.name}()`;
  }
  return 'a function';
}
