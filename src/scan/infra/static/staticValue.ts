import type { Binding, NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { SourceFile } from '../../types';

/** What the static evaluator (evaluateStatic.ts) knows about an expression's value. */
export type StaticValue =
  | { kind: 'string'; value: string; node?: t.Node; file?: SourceFile }
  | { kind: 'number'; value: number; node?: t.Node }
  | { kind: 'boolean'; value: boolean; node?: t.Node }
  /** `process.env.NAME`, with the literal fallback of `process.env.NAME || 'x'` when present. */
  | { kind: 'env'; name: string; fallback?: string; node?: t.Node; file?: SourceFile }
  | StaticObject
  | { kind: 'array'; items: Thunk[]; node?: t.Node }
  | { kind: 'function'; file: SourceFile; path: NodePath<t.Function> }
  /** `instances`: the `new HelperConstruct(…)` expressions a member was read through (`orders.fn`). */
  | { kind: 'unknown'; path?: NodePath; file?: SourceFile; instances?: t.Node[] };

export interface StaticObject {
  kind: 'object';
  /** Property names in source order (spreads of known objects included). */
  keys(): string[];
  get(name: string): StaticValue | undefined;
  /** Where a property is written, for file:line reports. */
  keyNode(name: string): { file: SourceFile; node: t.Node } | undefined;
  file?: SourceFile;
  node?: t.Node;
  path?: NodePath<t.ObjectExpression>;
}

export type Thunk = () => StaticValue;

/** A value bound to a binding: evaluated with the environment in force when the binding is read. */
export type Binder = (env: Env) => StaticValue;

/** Why a value was unknown when knowing a binding would have helped (the expansion driver binds these). */
export type Missing =
  | { kind: 'loop'; binding: Binding; file: SourceFile }
  | { kind: 'param'; binding: Binding; fn: NodePath<t.Function>; file: SourceFile };

/** Values bound to binding identifiers (loop variables, parameters), plus what was missed. */
export interface Env {
  bindings: Map<t.Node, Binder>;
  missing: Missing[];
}

export function emptyEnv(): Env {
  return { bindings: new Map(), missing: [] };
}

export const UNKNOWN: StaticValue = { kind: 'unknown' };

export function asString(value: StaticValue | undefined): string | undefined {
  if (!value) return undefined;
  if (value.kind === 'string') return value.value;
  if (value.kind === 'number') return String(value.value);
  return undefined;
}

/** A plain JSON-like value as a StaticValue (JSON files, parsed YAML). */

/** A plain JSON-like value as a StaticValue (JSON files, parsed YAML). */
export function fromPlain(value: unknown): StaticValue {
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (Array.isArray(value)) return { kind: 'array', items: value.map((item) => () => fromPlain(item)) };
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return {
      kind: 'object',
      keys: () => Object.keys(record),
      get: (name) => (Object.prototype.hasOwnProperty.call(record, name) ? fromPlain(record[name]) : undefined),
      keyNode: () => undefined,
    };
  }
  return UNKNOWN;
}

/** The loop a binding iterates: `for (const r of list)` or `list.forEach((r) => …)` / `.map`. */
