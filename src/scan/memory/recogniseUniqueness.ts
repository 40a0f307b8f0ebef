import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { Lookup } from './collectOperations';
import type { CallSites } from './CallSites';
import type { SourceFile } from '../types';
import type { RawOp } from './model';
import { isWithin } from './syntax';
import type { ViewEvaluator } from './ViewEvaluator';
import { walkPaths } from '../walkPaths';

const CONFLICT_WORDS = /conflict|duplicate|already|exists|taken|in use|not unique|unique/i;

/**
 * Attributes a create keeps unique: a lookup on the same store in the test of an `if` whose
 * branch answers 409 / throws a conflict (`if (users.some(u => u.email === email)) return 409`),
 * in the creating function or in a function that calls it (service → repository).
 */
export function uniqueAttributes(ev: ViewEvaluator, create: RawOp, lookups: Lookup[], keyOf: (lookup: Lookup) => string[]): string[] {
  const candidates = lookups.filter((l) => l.store === create.store && l.method !== 'key');
  if (candidates.length === 0) return [];
  const fnPath = create.path.getFunctionParent();
  if (!fnPath) return [];
  const scopes = [{ file: create.file, fn: fnPath }, ...callerFunctions(ev.calls, fnPath, 2)];
  const found = new Set<string>();
  for (const { file, fn } of scopes) {
    walkPaths(fn, {
      IfStatement(statement) {
        if (!rejectsAsConflict(statement.get('consequent'))) return;
        const test = statement.get('test');
        for (const lookup of candidates) {
          if (lookupFeedsTest(ev, file, lookup, test)) for (const attr of keyOf(lookup)) found.add(attr);
        }
      },
    });
  }
  return [...found];
}

function callerFunctions(calls: CallSites, fn: NodePath<t.Function>, depth: number): { file: SourceFile; fn: NodePath<t.Function> }[] {
  if (depth === 0) return [];
  const result: { file: SourceFile; fn: NodePath<t.Function> }[] = [];
  for (const site of calls.of(fn.node).slice(0, 10)) {
    const caller = site.call.getFunctionParent();
    if (caller && !result.some((r) => r.fn.node === caller.node)) result.push({ file: site.file, fn: caller }, ...callerFunctions(calls, caller, depth - 1));
  }
  return result;
}

function rejectsAsConflict(branch: NodePath): boolean {
  let conflict = false;
  const visit = (node: t.Node): void => {
    if (t.isNumericLiteral(node, { value: 409 })) conflict = true;
    else if (t.isIdentifier(node) && /Conflict|Duplicate/.test(node.name)) conflict = true;
    else if (t.isStringLiteral(node) && CONFLICT_WORDS.test(node.value)) conflict = true;
    else if (t.isTemplateElement(node) && CONFLICT_WORDS.test(node.value.raw)) conflict = true;
  };
  visit(branch.node);
  walkPaths(branch, {
    enter(path) {
      visit(path.node);
    },
  });
  return conflict;
}

/** The lookup is in the test, its result variable is, or the test calls a function that does it. */
function lookupFeedsTest(ev: ViewEvaluator, file: SourceFile, lookup: Lookup, test: NodePath): boolean {
  if (isWithin(lookup.path, test.node)) return true;
  const declarator = lookup.path.findParent((p) => p.isVariableDeclarator() || p.isStatement());
  if (declarator?.isVariableDeclarator() && t.isIdentifier(declarator.node.id) && mentionsName(test, declarator.node.id.name)) return true;
  let viaCall = false;
  const check = (call: NodePath<t.CallExpression>): void => {
    if (viaCall) return;
    const fn = ev.ctx.project.resolveFunction(file, call.get('callee'));
    if (fn && isWithin(lookup.path, fn.path.node)) viaCall = true;
  };
  if (test.isCallExpression()) check(test);
  walkPaths(test, { CallExpression: check });
  return viaCall;
}

function mentionsName(path: NodePath, name: string): boolean {
  if (path.isIdentifier({ name })) return true;
  let found = false;
  walkPaths(path, {
    Identifier(id) {
      if (id.node.name === name && id.isReferencedIdentifier()) found = true;
    },
  });
  return found;
}
