import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { CallSite, CallSiteIndex } from './callSites';
import { loopOf, UNKNOWN, type Binder, type Env, type Missing, type StaticEvaluator, type StaticValue } from './evaluateStatic';

/** One way the code can run: values for loop variables and parameters, and the call sites taken. */
export interface Expansion {
  env: Env;
  /** Call sites that bound parameters, innermost first (the last is the outermost caller). */
  via: CallSite[];
  /** Bindings that stayed unknown (a loop over a computed list, a function nobody calls). */
  unresolved: Missing[];
}

const MAX_EXPANSIONS = 64;
const MAX_STEPS = 400;
const MAX_CALL_DEPTH = 4;

/**
 * Runs `probe` (which evaluates what it needs with the env it is given) and, while it reports
 * unbound loop variables or parameters, binds them: one expansion per element of a literal
 * array (`for (const r of routes)`, `routes.forEach(r => …)`) or per call site of the enclosing
 * function or construct class (`new NotesFunction(this, 'Create', { entry })`).
 */
export function expandEnvironments(evaluator: StaticEvaluator, sites: CallSiteIndex, probe: (env: Env, via: CallSite[]) => void): Expansion[] {
  const results: Expansion[] = [];
  const queue: { bindings: Map<t.Node, Binder>; via: CallSite[]; skipped: Set<t.Node>; unresolved: Missing[] }[] = [
    { bindings: new Map(), via: [], skipped: new Set(), unresolved: [] },
  ];
  let steps = 0;
  while (queue.length > 0 && steps++ < MAX_STEPS && results.length < MAX_EXPANSIONS) {
    const item = queue.shift()!;
    const env: Env = { bindings: item.bindings, missing: [] };
    probe(env, item.via);
    const next = env.missing.find((m) => !item.bindings.has(m.binding.identifier) && !item.skipped.has(m.binding.identifier));
    if (!next) {
      results.push({ env: { bindings: item.bindings, missing: [] }, via: item.via, unresolved: item.unresolved });
      continue;
    }
    const branches = next.kind === 'loop' ? bindLoop(evaluator, next, item.bindings) : bindParams(evaluator, sites, next, item.bindings, item.via);
    if (!branches || branches.length === 0) {
      queue.unshift({ ...item, skipped: new Set([...item.skipped, next.binding.identifier]), unresolved: [...item.unresolved, next] });
      continue;
    }
    for (const branch of branches) {
      queue.push({ bindings: branch.bindings, via: branch.via ?? item.via, skipped: item.skipped, unresolved: item.unresolved });
    }
  }
  return results;
}

function bindLoop(evaluator: StaticEvaluator, missing: Missing, bindings: Map<t.Node, Binder>): { bindings: Map<t.Node, Binder>; via?: CallSite[] }[] | undefined {
  const loop = loopOf(missing.binding);
  if (!loop) return undefined;
  let listPath: NodePath;
  let pattern: t.Node | undefined;
  if (loop.isForOfStatement()) {
    listPath = loop.get('right');
    const left = loop.node.left;
    pattern = t.isVariableDeclaration(left) ? left.declarations[0]?.id : undefined;
  } else {
    const call = loop as NodePath<t.CallExpression>;
    listPath = (call.get('callee') as NodePath<t.MemberExpression>).get('object');
    const fn = call.node.arguments[0];
    pattern = t.isFunction(fn) ? fn.params[0] : undefined;
  }
  if (!pattern) return undefined;
  const list = evaluator.evaluate(missing.file, listPath, { bindings, missing: [] });
  if (list.kind !== 'array') return undefined;
  return list.items.map((item) => {
    const next = new Map(bindings);
    bindPattern(next, pattern!, () => item());
    return { bindings: next };
  });
}

function bindParams(
  evaluator: StaticEvaluator,
  sites: CallSiteIndex,
  missing: Missing,
  bindings: Map<t.Node, Binder>,
  via: CallSite[],
): { bindings: Map<t.Node, Binder>; via: CallSite[] }[] | undefined {
  if (missing.kind !== 'param' || via.length >= MAX_CALL_DEPTH) return undefined;
  const fn = missing.fn;
  const target = fn.isClassMethod({ kind: 'constructor' }) ? fn.parentPath?.parentPath?.node : fn.node;
  if (!target) return undefined;
  // Recursive calls inside the function bind nothing new.
  const callSites = sites.sitesOf(target).filter((site) => !site.path.isDescendant(fn));
  if (callSites.length === 0) return undefined;
  return callSites.map((site) => {
    const next = new Map(bindings);
    const args = site.path.get('arguments') as NodePath[];
    fn.node.params.forEach((param, index) => {
      const arg = args[index];
      if (!arg || arg.isSpreadElement()) return;
      const pattern = t.isTSParameterProperty(param) ? param.parameter : param;
      bindPattern(next, pattern, (env) => evaluator.evaluate(site.file, arg, env));
    });
    return { bindings: next, via: [...via, site] };
  });
}

/** Binds the identifiers of a declaration pattern to parts of a value. */
export function bindPattern(bindings: Map<t.Node, Binder>, pattern: t.Node, value: Binder): void {
  if (t.isIdentifier(pattern)) {
    bindings.set(pattern, value);
  } else if (t.isAssignmentPattern(pattern)) {
    bindPattern(bindings, pattern.left, value);
  } else if (t.isObjectPattern(pattern)) {
    for (const property of pattern.properties) {
      if (!t.isObjectProperty(property) || property.computed) continue;
      const key = t.isIdentifier(property.key) ? property.key.name : t.isStringLiteral(property.key) ? property.key.value : undefined;
      if (key === undefined) continue;
      bindPattern(bindings, property.value, (env) => memberOf(value(env), key));
    }
  } else if (t.isArrayPattern(pattern)) {
    pattern.elements.forEach((element, index) => {
      if (element) bindPattern(bindings, element, (env) => memberOf(value(env), String(index)));
    });
  }
}

function memberOf(value: StaticValue, key: string): StaticValue {
  if (value.kind === 'object') return value.get(key) ?? UNKNOWN;
  if (value.kind === 'array') {
    const item = value.items[Number(key)];
    return item ? item() : UNKNOWN;
  }
  return UNKNOWN;
}
