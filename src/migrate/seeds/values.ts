/** Values the seed evaluator works with besides plain data. */
import type * as t from '@babel/types';
import type { ModuleLoader, ModuleScope } from './moduleScope';

/** Code whose value cannot be known without running the app (a call to uuid(), a network read…). */
export class NotEvaluable extends Error {
  constructor(
    readonly node: t.Node,
    readonly file: string,
    reason: string,
  ) {
    super(reason);
  }

  get line(): number {
    return this.node.loc?.start.line ?? 0;
  }
}

/** An element of seed data that could not be evaluated, kept in place so its neighbours still count. */
export class Unevaluable {
  constructor(readonly error: NotEvaluable) {}
}

/** A function of the app (arrow, function expression or declaration) with the scope it closes over. */
export class Closure {
  constructor(
    readonly node: t.Function,
    readonly env: Env,
  ) {}
}

/** A module used as a value (`import * as seed`, `require('./seed')` of an ES module). */
export class ModuleNamespace {
  constructor(readonly module: ModuleScope) {}
}

/** A global the evaluator knows (`Object`, `JSON`, `Date`…) or one of its functions. */
export class Builtin {
  constructor(readonly name: string) {}
}

/** The object of `this` while a class constructor's assignments run. */
export class Instance {
  readonly fields: Record<string, unknown> = {};
}

export interface Env {
  vars: Map<string, unknown>;
  parent?: Env;
  module: ModuleScope;
  thisValue?: Instance;
}

export interface EvalContext {
  loader: ModuleLoader;
  /** The time `Date.now()` and `new Date()` stand for: the start of the migration. */
  now: Date;
  /** `file:line` of each time-dependent expression evaluated at migration time. */
  timeNotes: Set<string>;
  /** Loop guard: statements executed so far. */
  steps: number;
  /** Elements a loop skipped because they could not be evaluated (reported as problems). */
  skipped?: Unevaluable[];
  /** Where each object literal was written (`file:line`), for messages about records. */
  origins: WeakMap<object, string>;
}

export const MAX_STEPS = 2_000_000;

export function fail(node: t.Node, env: Env, reason: string): never {
  throw new NotEvaluable(node, env.module.rel, reason);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map) && !(value instanceof Set) && !(value instanceof Date);
}
