/**
 * The part of JavaScript's standard library seed code uses to shape data: array, Map, Set,
 * string and Date methods, and `Object`, `Array`, `JSON`, `Math`, `Number`, `String`, `Date`.
 * Time is fixed at the migration's start (and reported), randomness is not evaluable.
 */
import type * as t from '@babel/types';
import { applyClosure, callFunction, getExport, toList } from './evaluate';
import { Builtin, Closure, fail, Instance, ModuleNamespace, Unevaluable, type Env, type EvalContext } from './values';

type Node = t.Node;

export const GLOBALS: Record<string, unknown> = Object.fromEntries(
  ['Object', 'Array', 'JSON', 'Math', 'Number', 'String', 'Boolean', 'Date', 'Map', 'Set', 'structuredClone', 'parseInt', 'parseFloat'].map((name) => [name, new Builtin(name)]),
);
GLOBALS.NaN = Number.NaN;
GLOBALS.Infinity = Number.POSITIVE_INFINITY;

const STATIC: Record<string, Set<string>> = {
  Object: new Set(['keys', 'values', 'entries', 'assign', 'fromEntries', 'freeze']),
  Array: new Set(['from', 'isArray', 'of']),
  JSON: new Set(['parse', 'stringify']),
  Math: new Set(['floor', 'ceil', 'round', 'min', 'max', 'abs', 'trunc']),
  Date: new Set(['now', 'UTC', 'parse']),
  Number: new Set(['isInteger', 'parseInt', 'parseFloat']),
};

export function getMember(object: unknown, key: string, node: Node, env: Env, ctx: EvalContext): unknown {
  if (object instanceof Unevaluable) throw object.error;
  if (object instanceof ModuleNamespace) return getExport(object.module, key, node, env, ctx);
  if (object instanceof Builtin) {
    if (STATIC[object.name]?.has(key)) return new Builtin(`${object.name}.${key}`);
    return fail(node, env, `${object.name}.${key}`);
  }
  if (object instanceof Instance) return object.fields[key];
  if (Array.isArray(object) || typeof object === 'string') {
    if (key === 'length') return object.length;
    if (/^\d+$/.test(key)) return object[Number(key)];
  }
  if (object instanceof Map || object instanceof Set) {
    if (key === 'size') return object.size;
    return fail(node, env, `reads ${key} of a ${object instanceof Map ? 'Map' : 'Set'}`);
  }
  if (object && typeof object === 'object' && !(object instanceof Date) && !(object instanceof Closure)) {
    return Object.prototype.hasOwnProperty.call(object, key) ? (object as Record<string, unknown>)[key] : undefined;
  }
  return fail(node, env, `reads ${key} of ${typeof object}`);
}

export function construct(node: t.NewExpression, callee: unknown, args: unknown[], env: Env, ctx: EvalContext): unknown {
  const name = callee instanceof Builtin ? callee.name : undefined;
  if (name === 'Date') {
    if (!args.length) return timeNow(node, env, ctx);
    return new Date(args[0] as string);
  }
  if (name === 'Map') return new Map(args.length && args[0] !== undefined ? (toList(args[0], node, env).map((entry) => toList(entry, node, env)) as [unknown, unknown][]) : []);
  if (name === 'Set') return new Set(args.length && args[0] !== undefined ? toList(args[0], node, env) : []);
  if (name === 'Array') return args.length === 1 && typeof args[0] === 'number' ? new Array(args[0]).fill(undefined) : [...args];
  return fail(node, env, `creates ${node.callee.type === 'Identifier' ? `a ${node.callee.name}` : 'an object'} with new, which only running the app can do`);
}

function timeNow(node: Node, env: Env, ctx: EvalContext): Date {
  ctx.timeNotes.add(`${env.module.rel}:${node.loc?.start.line ?? 0}`);
  return new Date(ctx.now.getTime());
}

export function callBuiltin(name: string, args: unknown[], node: Node, env: Env, ctx: EvalContext): unknown {
  const [first, second] = args;
  switch (name) {
    case 'Number':
      return Number(first);
    case 'String':
      return first instanceof Date ? first.toString() : String(first);
    case 'Boolean':
      return Boolean(first);
    case 'parseInt':
    case 'Number.parseInt':
      return Number.parseInt(String(first), second as number | undefined);
    case 'parseFloat':
    case 'Number.parseFloat':
      return Number.parseFloat(String(first));
    case 'Number.isInteger':
      return Number.isInteger(first);
    case 'structuredClone':
      return clone(first);
    case 'Date':
      return timeNow(node, env, ctx).toString();
    case 'Date.now':
      return timeNow(node, env, ctx).getTime();
    case 'Date.UTC':
      return Date.UTC(...(args as [number, number]));
    case 'Date.parse':
      return Date.parse(String(first));
    case 'Object.keys':
      return Object.keys(plain(first, node, env));
    case 'Object.values':
      return Object.values(plain(first, node, env));
    case 'Object.entries':
      return Object.entries(plain(first, node, env));
    case 'Object.fromEntries':
      return Object.fromEntries(toList(first, node, env).map((entry) => toList(entry, node, env)) as [string, unknown][]);
    case 'Object.assign': {
      const target = first as Record<string, unknown>;
      if (target instanceof Map || !target || typeof target !== 'object') return fail(node, env, 'Object.assign on something that is not an object');
      for (const source of args.slice(1)) if (source && typeof source === 'object') Object.assign(target, plain(source, node, env));
      return target;
    }
    case 'Object.freeze':
      return first;
    case 'Array.isArray':
      return Array.isArray(first);
    case 'Array.of':
      return [...args];
    case 'Array.from': {
      const list = first && typeof first === 'object' && !Array.isArray(first) && !(first instanceof Map) && !(first instanceof Set) && 'length' in first ? Array.from({ length: Number((first as { length: number }).length) }) : [...toList(first, node, env)];
      return second === undefined ? list : list.map((element, index) => callFunction(second, [element, index], node, env, ctx));
    }
    case 'JSON.parse':
      return JSON.parse(String(first));
    case 'JSON.stringify':
      return JSON.stringify(first, null, args[2] as number | undefined);
    default:
      if (name.startsWith('Math.')) return (Math as unknown as Record<string, (...values: number[]) => number>)[name.slice(5)](...(args as number[]));
      return fail(node, env, `calls ${name}()`);
  }
}

/** A method call on a value: array, Map, Set, string, number or Date methods, or a function stored on an object. */
export function callMethod(object: unknown, name: string, args: unknown[], node: Node, env: Env, ctx: EvalContext): unknown {
  if (object instanceof Unevaluable) throw object.error;
  if (object instanceof Builtin) return callBuiltin(`${object.name}.${name}`, args, node, env, ctx);
  if (object instanceof ModuleNamespace) return callFunction(getExport(object.module, name, node, env, ctx), args, node, env, ctx);
  const fn = (value: unknown) => (element: unknown, index?: number, list?: unknown) => callFunction(value, [element, index, list], node, env, ctx);
  if (Array.isArray(object)) return callArrayMethod(object, name, args, fn, node, env, ctx);
  if (object instanceof Map) {
    switch (name) {
      case 'set':
        object.set(args[0], args[1]);
        return object;
      case 'get':
        return object.get(args[0]);
      case 'has':
        return object.has(args[0]);
      case 'delete':
        return object.delete(args[0]);
      case 'values':
        return [...object.values()];
      case 'keys':
        return [...object.keys()];
      case 'entries':
        return [...object.entries()];
      case 'forEach':
        for (const [key, value] of object) callFunction(args[0], [value, key, object], node, env, ctx);
        return undefined;
    }
  }
  if (object instanceof Set) {
    if (name === 'add') return object.add(args[0]);
    if (name === 'has') return object.has(args[0]);
    if (name === 'values') return [...object.values()];
  }
  if (typeof object === 'string' && STRING_METHODS.has(name)) return (object as unknown as Record<string, (...values: unknown[]) => unknown>)[name](...args);
  if (typeof object === 'number' && (name === 'toFixed' || name === 'toString')) return object[name](args[0] as number);
  if (object instanceof Date && DATE_METHODS.has(name)) return (object as unknown as Record<string, () => unknown>)[name]();
  if (object instanceof Instance && object.fields[name] instanceof Closure) return applyClosure(object.fields[name] as Closure, args, ctx, object);
  if (object && typeof object === 'object' && (object as Record<string, unknown>)[name] instanceof Closure) return callFunction((object as Record<string, unknown>)[name], args, node, env, ctx);
  return fail(node, env, `calls .${name}() on ${describeValue(object)}`);
}

const STRING_METHODS = new Set(['toLowerCase', 'toUpperCase', 'trim', 'padStart', 'padEnd', 'slice', 'substring', 'split', 'replace', 'replaceAll', 'concat', 'startsWith', 'endsWith', 'includes', 'repeat', 'toString', 'charAt', 'indexOf']);
const DATE_METHODS = new Set(['toISOString', 'toJSON', 'getTime', 'valueOf']);

function callArrayMethod(list: unknown[], name: string, args: unknown[], fn: (value: unknown) => (element: unknown, index?: number, list?: unknown) => unknown, node: Node, env: Env, ctx: EvalContext): unknown {
  switch (name) {
    case 'map':
      // an element that could not be evaluated stays one, so a record problem is reported for it
      return list.map((element, index) => (element instanceof Unevaluable ? element : fn(args[0])(element, index, list)));
    case 'filter':
      return list.filter((element, index) => element instanceof Unevaluable || fn(args[0])(element, index, list));
    case 'forEach':
      list.forEach((element, index) => (element instanceof Unevaluable ? ctx.skipped?.push(element) : fn(args[0])(element, index, list)));
      return undefined;
    case 'push':
      return list.push(...args);
    case 'unshift':
      return list.unshift(...args);
    case 'concat':
      return list.concat(...args.map((arg) => (Array.isArray(arg) ? arg : [arg])));
    case 'slice':
      return list.slice(args[0] as number | undefined, args[1] as number | undefined);
    case 'flat':
      return list.flat(args[0] as number | undefined);
    case 'flatMap':
      return list.flatMap((element, index) => fn(args[0])(element, index, list) as unknown[]);
    case 'reverse':
      return list.reverse();
    case 'sort':
      return args[0] === undefined ? list.sort() : list.sort((a, b) => Number(callFunction(args[0], [a, b], node, env, ctx)));
    case 'find':
      return list.find((element, index) => fn(args[0])(element, index, list));
    case 'some':
      return list.some((element, index) => fn(args[0])(element, index, list));
    case 'every':
      return list.every((element, index) => fn(args[0])(element, index, list));
    case 'includes':
      return list.includes(args[0]);
    case 'indexOf':
      return list.indexOf(args[0]);
    case 'join':
      return list.join(args[0] as string | undefined);
    case 'reduce':
      return args.length > 1 ? list.reduce((total, element, index) => callFunction(args[0], [total, element, index, list], node, env, ctx), args[1]) : list.reduce((total, element, index) => callFunction(args[0], [total, element, index, list], node, env, ctx));
    case 'entries':
      return list.map((element, index) => [index, element]);
    case 'keys':
      return list.map((_element, index) => index);
    case 'values':
      return [...list];
    default:
      return fail(node, env, `calls .${name}() on a list`);
  }
}

function plain(value: unknown, node: Node, env: Env): Record<string, unknown> {
  if (value instanceof Unevaluable) throw value.error;
  if (value instanceof Map) return Object.fromEntries(value);
  if (value && typeof value === 'object') return value as Record<string, unknown>;
  return fail(node, env, 'expects an object here');
}

function clone(value: unknown): unknown {
  if (value instanceof Unevaluable || value instanceof Closure) return value;
  if (Array.isArray(value)) return value.map(clone);
  if (value instanceof Map) return new Map([...value].map(([key, member]) => [key, clone(member)]));
  if (value instanceof Date) return new Date(value.getTime());
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, clone(member)]));
  return value;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (value instanceof Closure) return 'a function';
  return Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
