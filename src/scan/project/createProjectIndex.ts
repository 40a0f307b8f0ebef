import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import * as path from 'node:path';
import type { DataFile, FunctionRef, ProjectIndex, SourceFile, ValueOrigin } from '../types';
import { buildCallGraph, type CallGraph } from './buildCallGraph';
import { resolveFunctionRef } from './resolveFunctionRef';
import { candidatePathsFor } from './resolveModuleSpecifier';
import { ValueResolver } from './ValueResolver';

/**
 * What the whole project holds when only part of it is parsed (a shard of a sharded scan): every
 * discovered file's absolute path and every source file's relative path. A specifier then resolves
 * to the file it names in the whole project (or to nothing when that file is outside the shard),
 * never to a later candidate that happens to be present.
 */
export interface WholeProject {
  files: Set<string>;
  sourceRels: Set<string>;
}

/** Builds the cross-module view of a parsed project. The call graph is computed on first use. */
export function createProjectIndex(root: string, sources: SourceFile[], dataFiles: DataFile[], whole?: WholeProject): ProjectIndex {
  const byAbs = new Map<string, SourceFile | DataFile>();
  const sourceByRel = new Map<string, SourceFile>();
  const dataByRel = new Map<string, DataFile>();
  for (const file of sources) {
    byAbs.set(file.abs, file);
    sourceByRel.set(file.rel, file);
  }
  for (const file of dataFiles) {
    byAbs.set(file.abs, file);
    dataByRel.set(file.rel, file);
  }

  // Specifiers resolve relative to the importing file's directory: one look-up per directory and specifier.
  const moduleCache = new Map<string, SourceFile | DataFile | undefined>();
  const resolveModule = (from: SourceFile, specifier: string): SourceFile | DataFile | undefined => {
    const key = `${path.dirname(from.abs)}\0${specifier}`;
    if (moduleCache.has(key)) return moduleCache.get(key);
    let resolved: SourceFile | DataFile | undefined;
    for (const candidate of candidatePathsFor(from.abs, specifier)) {
      if (whole && !whole.files.has(candidate)) continue;
      resolved = byAbs.get(candidate);
      if (resolved || whole) break;
    }
    moduleCache.set(key, resolved);
    return resolved;
  };

  const resolver = new ValueResolver(resolveModule);
  // Recognisers ask for the same nodes again and again; a top-level resolution is a pure function of the node.
  const resolved = new Map<t.Node, ValueOrigin | undefined>();
  const resolveExpression = (file: SourceFile, at: NodePath): ValueOrigin | undefined => {
    if (!at.node) return resolver.resolveExpression(file, at);
    if (resolved.has(at.node)) return resolved.get(at.node);
    const origin = resolver.resolveExpression(file, at);
    resolved.set(at.node, origin);
    return origin;
  };
  let callGraph: CallGraph | undefined;

  return {
    root,
    sources,
    dataFiles,
    getSource: (rel) => sourceByRel.get(rel),
    getDataFile: (rel) => dataByRel.get(rel),
    hasSource: (rel) => (whole ? whole.sourceRels.has(rel) : sourceByRel.has(rel)),
    resolveModule,
    resolveExpression,
    resolveMember: (origin, member) => resolver.resolveMember(origin, member),
    resolveFunction: (file, path) => resolveFunctionRef(resolver, file, path),
    getCallers: (fn: FunctionRef) => {
      callGraph ??= buildCallGraph(resolver, sources);
      return callGraph.callersOf(fn);
    },
    lineOf: (pathOrNode: NodePath | t.Node) => {
      const node = 'node' in pathOrNode && 'scope' in pathOrNode ? (pathOrNode as NodePath).node : (pathOrNode as t.Node);
      return node?.loc?.start.line ?? 0;
    },
  };
}
