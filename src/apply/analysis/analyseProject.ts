/**
 * What apply knows about a project before it changes anything: the access model (contract 1) and,
 * from the same single scan, the scanner's internals — the project index (cross-module
 * resolution), store anchors, operation nodes and handler functions. They are captured by
 * wrapping the default recognisers, so the scanner's folders stay untouched.
 */
import * as path from 'node:path';
import type { AccessModel } from '../../model/access-model';
import { scan } from '../../scan';
import { defaultRecognisers, type Recognisers } from '../../scan/recognisers';
import type { HandlerFinding, OperationFinding, ProjectIndex, StoreFamily, StoreFinding } from '../../scan/types';

export interface ProjectAnalysis {
  root: string;
  model: AccessModel;
  project: ProjectIndex;
  stores: StoreFinding[];
  operations: OperationFinding[];
  handlers: HandlerFinding[];
}

export async function analyseProject(root: string, recognisers: Recognisers = defaultRecognisers(), onParsed?: (done: number, total: number) => void): Promise<ProjectAnalysis> {
  const captured: Omit<ProjectAnalysis, 'root' | 'model' | 'project'> & { project?: ProjectIndex } = { stores: [], operations: [], handlers: [] };
  const capturing: Recognisers = {
    ...recognisers,
    families: recognisers.families.map((family): StoreFamily => ({
      name: family.name,
      findStores: (ctx) => {
        const found = family.findStores(ctx);
        captured.stores.push(...found);
        return found;
      },
      findOperations: (ctx, stores) => {
        const found = family.findOperations(ctx, stores);
        captured.operations.push(...found);
        return found;
      },
      findEntityEvidence: (ctx, stores) => family.findEntityEvidence(ctx, stores),
    })),
    findInfrastructure: (ctx) => {
      captured.project = ctx.project;
      return recognisers.findInfrastructure(ctx);
    },
    findHandlers: (ctx, infrastructure) => {
      const found = recognisers.findHandlers(ctx, infrastructure);
      captured.handlers.push(...found);
      return found;
    },
  };
  const model = await scan(root, { recognisers: capturing, ...(onParsed ? { onProgress: onParsed } : {}) });
  if (!captured.project) throw new Error('internal: the scan did not expose its project index');
  return { root: path.resolve(root), model, project: captured.project, stores: captured.stores, operations: captured.operations, handlers: captured.handlers };
}
