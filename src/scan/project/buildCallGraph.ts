import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { FunctionRef, SourceFile } from '../types';
import { memberName } from './collectModuleExports';
import { functionOfOrigin, resolveFunctionRef } from './resolveFunctionRef';
import { propertyKeyName, type ValueResolver } from './ValueResolver';
import { walkPaths } from '../walkPaths';

/**
 * Method names too common to link by name alone: built-in collection, promise, stream and
 * framework methods. A call whose receiver cannot be resolved is linked to a project method
 * only when the name is not one of these and exactly one project method has it.
 */
const AMBIGUOUS_METHOD_NAMES = new Set([
  'get', 'set', 'has', 'delete', 'add', 'clear', 'push', 'pop', 'shift', 'unshift', 'splice', 'slice',
  'find', 'findIndex', 'filter', 'map', 'forEach', 'reduce', 'some', 'every', 'sort', 'concat', 'join',
  'includes', 'indexOf', 'keys', 'values', 'entries', 'then', 'catch', 'finally', 'toString', 'valueOf',
  'send', 'json', 'status', 'end', 'use', 'listen', 'on', 'emit', 'once', 'call', 'apply', 'bind',
  'run', 'all', 'each', 'exec', 'prepare', 'close', 'open', 'query', 'execute', 'write', 'read',
  'parse', 'stringify', 'log', 'error', 'warn', 'info', 'debug', 'trim', 'split', 'replace', 'match',
  'test', 'toLowerCase', 'toUpperCase', 'toISOString', 'getTime', 'next', 'resolve', 'reject', 'handler', 'init',
]);

export interface CallGraph {
  callersOf(fn: FunctionRef): FunctionRef[];
}

export function buildCallGraph(resolver: ValueResolver, sources: SourceFile[]): CallGraph {
  const callers = new Map<t.Node, FunctionRef[]>();
  // One walk per file finds both the methods (to link calls by name) and the call sites.
  const { methodsByName, callSites } = collectMethodsAndCalls(sources);

  const link = (callee: FunctionRef | undefined, site: NodePath, file: SourceFile): void => {
    if (!callee) return;
    const callerPath = site.getFunctionParent();
    if (!callerPath || callerPath.node === callee.path.node) return;
    const list = callers.get(callee.path.node) ?? [];
    if (!list.some((ref) => ref.path.node === callerPath.node)) list.push({ file, path: callerPath });
    callers.set(callee.path.node, list);
  };

  for (const { file, path } of callSites) {
    const callee = path.get('callee') as NodePath;
    link(resolveCallee(resolver, file, callee, methodsByName), path, file);
    // Functions handed over by reference run on behalf of the caller (`withNotes(renderNotes)`).
    for (const argument of path.get('arguments')) {
      if (argument.isIdentifier() || argument.isMemberExpression()) {
        link(resolveFunctionRef(resolver, file, argument), path, file);
      }
    }
  }
  return { callersOf: (fn) => callers.get(fn.path.node) ?? [] };
}

function resolveCallee(
  resolver: ValueResolver,
  file: SourceFile,
  callee: NodePath,
  methodsByName: Map<string, FunctionRef[]>,
): FunctionRef | undefined {
  if (callee.isFunction()) return undefined; // IIFE: lexically nested already
  const origin = resolver.resolveExpression(file, callee);
  const resolved = origin ? functionOfOrigin(resolver, origin) : undefined;
  if (resolved) return resolved;
  if (origin?.kind === 'this-member' || (origin === undefined && (callee.isMemberExpression() || callee.isOptionalMemberExpression()))) {
    const name = memberName(callee.node as t.MemberExpression);
    if (!name || AMBIGUOUS_METHOD_NAMES.has(name)) return undefined;
    const candidates = methodsByName.get(name) ?? [];
    if (candidates.length === 1) return candidates[0];
  }
  return undefined;
}

function collectMethodsAndCalls(sources: SourceFile[]): {
  methodsByName: Map<string, FunctionRef[]>;
  callSites: { file: SourceFile; path: NodePath<t.CallExpression | t.NewExpression> }[];
} {
  const methodsByName = new Map<string, FunctionRef[]>();
  const callSites: { file: SourceFile; path: NodePath<t.CallExpression | t.NewExpression> }[] = [];
  const add = (name: string | undefined, ref: FunctionRef): void => {
    if (!name) return;
    const list = methodsByName.get(name) ?? [];
    list.push(ref);
    methodsByName.set(name, list);
  };
  for (const file of sources) {
    walkPaths(file.program, {
      ClassMethod(path) {
        add(propertyKeyName(path.node), { file, path });
      },
      ObjectMethod(path) {
        add(propertyKeyName(path.node), { file, path });
      },
      'ClassProperty|ObjectProperty'(anyPath) {
        const path = anyPath as NodePath<t.ClassProperty | t.ObjectProperty>;
        const value = path.get('value') as NodePath;
        if (value.node && value.isFunction()) add(propertyKeyName(path.node), { file, path: value });
      },
      'CallExpression|NewExpression'(anyPath) {
        callSites.push({ file, path: anyPath as NodePath<t.CallExpression | t.NewExpression> });
      },
    });
  }
  return { methodsByName, callSites };
}
