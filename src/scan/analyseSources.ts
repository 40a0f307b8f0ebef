import type { DiagnosticRecord, OperationRecord, StoreRecord } from '../model/access-model';
import { attributeOperations } from './attributeOperations';
import { assignHandlerIds, type IdentifiedHandler } from './assignHandlerIds';
import { createProjectIndex, type WholeProject } from './project/createProjectIndex';
import type { Recognisers } from './recognisers';
import type { DataFile, EntityEvidence, InfrastructureFinding, OperationFinding, ScanContext, SourceFile, StoreFinding } from './types';

/** What the recognisers found in a set of parsed files, before the model is assembled and sorted. */
export interface SourceAnalysis {
  infrastructure: InfrastructureFinding;
  handlers: IdentifiedHandler[];
  stores: StoreRecord[];
  operations: OperationRecord[];
  /** Entity evidence in the order it was found, with the index of the recogniser that found it (families first, then the extra entity evidence). */
  evidence: { producer: number; evidence: EntityEvidence }[];
}

/**
 * Runs every recogniser over parsed files and attributes operations to handlers: the whole
 * project (scan) or one shard of it (`whole` says what the rest of the project holds).
 * Diagnostics go to `diagnostics`.
 */
export function analyseSources(
  root: string,
  sources: SourceFile[],
  dataFiles: DataFile[],
  recognisers: Recognisers,
  diagnostics: DiagnosticRecord[],
  phase: (name: string) => void,
  whole?: WholeProject,
): SourceAnalysis {
  phase('infrastructure');
  const project = createProjectIndex(root, sources, dataFiles, whole);
  const ctx: ScanContext = { root, project, diagnostics: { add: (d) => diagnostics.push(d) } };

  const infrastructure: InfrastructureFinding = guarded(ctx, 'infrastructure', () => recognisers.findInfrastructure(ctx)) ?? {
    kind: 'none',
    files: [],
    constructs: [],
    apis: [],
  };
  phase('handlers');
  const handlerFindings = guarded(ctx, 'handlers', () => recognisers.findHandlers(ctx, infrastructure)) ?? [];
  const handlers = assignHandlerIds(handlerFindings, infrastructure);

  const stores: StoreFinding[] = [];
  const operations: OperationFinding[] = [];
  const evidence: SourceAnalysis['evidence'] = [];
  recognisers.families.forEach((family, producer) => {
    phase(`${family.name} stores`);
    const found = guarded(ctx, family.name, () => family.findStores(ctx)) ?? [];
    stores.push(...found);
    operations.push(...(guarded(ctx, family.name, () => family.findOperations(ctx, found)) ?? []));
    for (const item of guarded(ctx, family.name, () => family.findEntityEvidence(ctx, found)) ?? []) evidence.push({ producer, evidence: item });
  });
  recognisers.entityEvidence.forEach((extra, index) => {
    const producer = recognisers.families.length + index;
    for (const item of guarded(ctx, 'entity evidence', () => extra(ctx, stores)) ?? []) evidence.push({ producer, evidence: item });
  });

  phase('call graph');
  return {
    infrastructure,
    handlers,
    stores: stores.map(({ anchors: _anchors, ...record }) => record),
    operations: attributeOperations(project, operations, handlers),
    evidence,
  };
}

/** Runs one recogniser; a bug in it becomes a diagnostic instead of a crash of the whole scan. */
function guarded<T>(ctx: ScanContext, what: string, run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    ctx.diagnostics.add({
      severity: 'error',
      code: 'recogniser-failed',
      file: '.',
      line: 0,
      message: `internal error in the ${what} recogniser (${(error as Error).message}); results for it may be incomplete — please report this`,
    });
    return undefined;
  }
}
