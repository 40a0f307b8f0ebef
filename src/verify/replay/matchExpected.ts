/**
 * The comparison rules of fixtures/README.md, as pure functions:
 *  - `"{{*}}"` matches any present value;
 *  - `"{{name}}"` as a whole string is the captured value with its type;
 *    inside a longer string it is substituted as text;
 *  - everything else is exact deep equality (extra keys and extra array items are mismatches).
 */
import type { JsonValue } from './types';

export type Vars = Record<string, unknown>;

export interface MatchOptions {
  /** Prefix for mismatch paths; defaults to `body`. */
  path?: string;
  /**
   * Object keys whose values only need to be present (as if the expectation said `"{{*}}"`).
   * Used when a migrated app legitimately changes them (e.g. numeric ids become uuids).
   */
  volatile?: string[];
  /** Compare arrays as multisets (DynamoDB Scan order differs from an array's order). */
  ignoreArrayOrder?: boolean;
  /**
   * Leaf values that differ but count as equal (verify: timestamps taken a moment apart by two
   * runs of an app). Called only when a plain comparison failed.
   */
  same?: (expected: unknown, actual: unknown, path: string) => boolean;
}

const ANY = '{{*}}';
const WHOLE_VAR = /^\{\{([A-Za-z_$][\w$]*)\}\}$/;
const INNER_VAR = /\{\{([A-Za-z_$][\w$]*)\}\}/g;

/** Replaces `{{name}}` inside a string with the captured values as text; reports unknown names. */
export function substituteText(text: string, vars: Vars, unknown: string[] = []): string {
  return text.replace(INNER_VAR, (whole, name: string) => {
    if (!(name in vars)) {
      unknown.push(name);
      return whole;
    }
    const value = vars[name];
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

/**
 * Substitutes variables through a JSON value (request bodies, headers): a whole-string `{{name}}`
 * becomes the captured value with its type, an inner one becomes text. `{{*}}` is left alone.
 */
export function substituteVars(value: JsonValue | undefined, vars: Vars, unknown: string[] = []): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_VAR.exec(value);
    if (whole) {
      if (whole[1] in vars) return vars[whole[1]];
      unknown.push(whole[1]);
      return value;
    }
    return substituteText(value, vars, unknown);
  }
  if (Array.isArray(value)) return value.map((item) => substituteVars(item, vars, unknown));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = substituteVars(item, vars, unknown);
    return out;
  }
  return value;
}

/** Reads a dotted path (`body.items.0.id`) from a value; undefined when any step is missing. */
export function readPath(root: unknown, dotted: string): unknown {
  let current: unknown = root;
  for (const step of dotted.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Compares an expectation with an actual value; returns one message per mismatch, [] when equal. */
export function matchExpected(expected: JsonValue, actual: unknown, vars: Vars, options: MatchOptions = {}): string[] {
  const mismatches: string[] = [];
  compare(expected, actual, options.path ?? 'body', vars, options, mismatches);
  return mismatches;
}

function compare(expected: JsonValue, actual: unknown, at: string, vars: Vars, options: MatchOptions, out: string[]): void {
  if (typeof expected === 'string') {
    compareString(expected, actual, at, vars, options, out);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      out.push(`${at}: expected an array, got ${kindOf(actual)} ${show(actual)}`);
    } else if (options.ignoreArrayOrder) {
      compareUnordered(expected, actual, at, vars, options, out);
    } else {
      if (expected.length !== actual.length) {
        out.push(`${at}: expected ${expected.length} items, got ${actual.length}`);
      }
      const common = Math.min(expected.length, actual.length);
      for (let i = 0; i < common; i++) compare(expected[i], actual[i], `${at}.${i}`, vars, options, out);
    }
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      out.push(`${at}: expected an object, got ${kindOf(actual)} ${show(actual)}`);
      return;
    }
    const got = actual as Record<string, unknown>;
    for (const [key, value] of Object.entries(expected)) {
      if (!(key in got) || got[key] === undefined) {
        out.push(`${at}.${key}: missing (expected ${show(value)})`);
      } else if (options.volatile?.includes(key)) {
        continue;
      } else {
        compare(value, got[key], `${at}.${key}`, vars, options, out);
      }
    }
    for (const key of Object.keys(got)) {
      if (!(key in expected) && got[key] !== undefined) out.push(`${at}.${key}: unexpected key with ${show(got[key])}`);
    }
    return;
  }
  if (expected !== actual && !options.same?.(expected, actual, at)) out.push(`${at}: expected ${show(expected)}, got ${show(actual)}`);
}

function compareString(expected: string, actual: unknown, at: string, vars: Vars, options: MatchOptions, out: string[]): void {
  if (expected === ANY) {
    if (actual === undefined) out.push(`${at}: missing (expected any value)`);
    return;
  }
  const whole = WHOLE_VAR.exec(expected);
  if (whole) {
    const name = whole[1];
    if (!(name in vars)) {
      out.push(`${at}: unknown variable {{${name}}} (never captured)`);
      return;
    }
    const problems: string[] = [];
    compare(vars[name] as JsonValue, actual, at, {}, {}, problems);
    if (problems.length > 0) out.push(`${at}: expected {{${name}}} = ${show(vars[name])}, got ${show(actual)}`);
    return;
  }
  const unknown: string[] = [];
  const text = substituteText(expected, vars, unknown);
  for (const name of unknown) out.push(`${at}: unknown variable {{${name}}} (never captured)`);
  if (unknown.length === 0 && text !== actual && !options.same?.(text, actual, at)) out.push(`${at}: expected ${show(text)}, got ${show(actual)}`);
}

/** Multiset comparison: each expected item must match a different actual item (bipartite matching). */
function compareUnordered(expected: JsonValue[], actual: unknown[], at: string, vars: Vars, options: MatchOptions, out: string[]): void {
  if (expected.length !== actual.length) out.push(`${at}: expected ${expected.length} items, got ${actual.length}`);
  const fits = expected.map((item) => actual.map((candidate) => matchExpected(item, candidate, vars, { ...options, path: at }).length === 0));
  const owner: number[] = new Array(actual.length).fill(-1);
  const assign = (e: number, seen: boolean[]): boolean => {
    for (let a = 0; a < actual.length; a++) {
      if (!fits[e][a] || seen[a]) continue;
      seen[a] = true;
      if (owner[a] === -1 || assign(owner[a], seen)) {
        owner[a] = e;
        return true;
      }
    }
    return false;
  };
  for (let e = 0; e < expected.length; e++) {
    if (!assign(e, new Array(actual.length).fill(false))) {
      out.push(`${at}: no item matches expected ${show(substituteVars(expected[e], vars))}`);
    }
  }
}
