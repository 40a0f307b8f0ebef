/**
 * Everything a transform needs to rewrite one file, computed once per run on the original code:
 * the targets (stores joined with the design), every reference to them, the JSON accessor
 * functions, the functions that become async, the handlers, and where the shared client lives.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import * as path from 'node:path';
import type { AccessModel, HandlerKind } from '../../model/access-model';
import type { TableDesign } from '../../model/table-design';
import { createProjectIndex } from '../../scan/project/createProjectIndex';
import { parseSource } from '../../scan/parseSource';
import { walkPaths } from '../../scan/walkPaths';
import { SOURCE_EXTENSIONS } from '../../scan/discoverFiles';
import type { DataFile, SourceFile } from '../../scan/types';
import type { ProjectAnalysis } from './analyseProject';
import { locateClientModule, type ClientModuleLocation } from './locateClientModule';
import { findSyncSqlFunctions } from '../../apply-sqlite/findSyncSqlFunctions';
import { findAsyncFunctions } from './findAsyncFunctions';
import { findJsonAccessors, type JsonAccessor } from './findJsonAccessors';
import { findStoreReferences, type StoreReference } from './findStoreReferences';
import { findStoreTargets, type StoreTarget, type StoreTargetProblem } from './findStoreTargets';

export interface ApplyAnalysis extends ProjectAnalysis {
  design: TableDesign;
  targets: StoreTarget[];
  problems: StoreTargetProblem[];
  accessors: Map<t.Node, JsonAccessor>;
  references: Map<t.Node, StoreReference>;
  asyncFunctions: Set<t.Node>;
  /** Files with functions that become async (their callers need awaits even without store access). */
  asyncFiles: Set<string>;
  handlerKinds: Map<t.Node, HandlerKind>;
  client: ClientModuleLocation;
  /** Files rewritten so far in this run, and stores some file still uses after its rewrite (TODOs). */
  processed: Set<string>;
  keptTargets: Set<StoreTarget>;
  /** The scanner's path for a node of `rel` with this type and source range. */
  findScannerPath(rel: string, type: string, start: number, end: number): NodePath | undefined;
}

export function buildApplyAnalysis(project: ProjectAnalysis, design: TableDesign): ApplyAnalysis {
  const problems: StoreTargetProblem[] = [];
  const targets = findStoreTargets(project.project, project.model.stores, project.stores, design, problems);
  const accessors = findJsonAccessors(project.project, targets);
  const references = findStoreReferences(project.project, targets, accessors);
  const asyncFiles = new Set<string>();
  const handlerKinds = new Map<t.Node, HandlerKind>();
  for (const handler of project.handlers) if (handler.fn) handlerKinds.set(handler.fn.path.node, handler.kind);
  const sqlSeeds = findSyncSqlFunctions(project.root, project.project);
  const asyncFunctions = findAsyncFunctions(project.project, references, accessors, asyncFiles, sqlSeeds, new Set(handlerKinds.keys()));
  const pathIndex = new Map<string, Map<string, NodePath>>();
  return {
    ...project,
    design,
    targets,
    problems,
    accessors,
    references,
    asyncFunctions,
    asyncFiles,
    handlerKinds,
    client: locateClientModule(project, targets, accessors),
    processed: new Set(),
    keptTargets: new Set(),
    findScannerPath(rel, type, start, end) {
      let index = pathIndex.get(rel);
      if (!index) {
        index = indexPaths(project.project.getSource(rel));
        pathIndex.set(rel, index);
      }
      return index.get(`${type}:${start}:${end}`);
    },
  };
}

function indexPaths(file: SourceFile | undefined): Map<string, NodePath> {
  const index = new Map<string, NodePath>();
  if (!file) return index;
  // the scanner's recorded walk (same paths, same order as a traversal), not a new traversal
  walkPaths(file.program, {
    enter(path) {
      const { start, end } = path.node;
      if (start != null && end != null) index.set(`${path.node.type}:${start}:${end}`, path);
    },
  });
  return index;
}

/**
 * A ProjectAnalysis from given texts and a given access model, without the recognisers: used by
 * transform fixtures (hand-written `model.json`) and by tools that already hold a model.
 */
export function analyseSources(root: string, files: Record<string, string>, model: AccessModel): ProjectAnalysis {
  const sources: SourceFile[] = [];
  const dataFiles: DataFile[] = [];
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    if (SOURCE_EXTENSIONS.some((ext) => rel.endsWith(ext)) && !rel.endsWith('.d.ts')) sources.push(parseSource(rel, abs, text));
    else dataFiles.push({ rel, abs, text });
  }
  return { root, model, project: createProjectIndex(root, sources, dataFiles), stores: [], operations: [], handlers: [] };
}
