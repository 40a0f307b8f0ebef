import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { DataFile, FunctionRef, ProjectIndex, SourceFile } from '../types';
import { buildCallGraph, type CallGraph } from './buildCallGraph';
import { resolveFunctionRef } from './resolveFunctionRef';
import { candidatePathsFor } from './resolveModuleSpecifier';
import { ValueResolver } from './ValueResolver';

/** Builds the cross-module view of a parsed project. The call graph is computed on first use. */
export function createProjectIndex(root: string, sources: SourceFile[], dataFiles: DataFile[]): ProjectIndex {
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

  const resolveModule = (from: SourceFile, specifier: string): SourceFile | DataFile | undefined => {
    for (const candidate of candidatePathsFor(from.abs, specifier)) {
      const found = byAbs.get(candidate);
      if (found) return found;
    }
    return undefined;
  };

  const resolver = new ValueResolver(resolveModule);
  let callGraph: CallGraph | undefined;

  return {
    root,
    sources,
    dataFiles,
    getSource: (rel) => sourceByRel.get(rel),
    getDataFile: (rel) => dataByRel.get(rel),
    resolveModule,
    resolveExpression: (file, path) => resolver.resolveExpression(file, path),
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
