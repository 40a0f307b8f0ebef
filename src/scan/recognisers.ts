import type { EntityEvidence, HandlerFinding, InfrastructureFinding, ScanContext, StoreFamily, StoreFinding } from './types';

/** The recognisers the scan runs: storage families, extra entity evidence, infrastructure and handlers. */
export interface Recognisers {
  families: StoreFamily[];
  entityEvidence: ((ctx: ScanContext, stores: StoreFinding[]) => EntityEvidence[])[];
  findInfrastructure(ctx: ScanContext): InfrastructureFinding;
  findHandlers(ctx: ScanContext, infrastructure: InfrastructureFinding): HandlerFinding[];
}

/*
 * INTEGRATION SHIM (to be replaced by static imports in this session): the recogniser folders are
 * being written in parallel; until each lands, it is loaded if present.
 */
function optional<T>(load: () => T): T | undefined {
  try {
    return load();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

export function defaultRecognisers(): Recognisers {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const memory = optional(() => require('./memory').memoryFamily as StoreFamily);
  const json = optional(() => require('./json-file').jsonFileFamily as StoreFamily);
  const sqlite = optional(() => require('./sqlite').sqliteFamily as StoreFamily);
  const dynamodb = optional(() => require('./dynamodb').dynamodbFamily as StoreFamily);
  const types = optional(() => require('./typescript-types').typeScriptEntityEvidence as Recognisers['entityEvidence'][number]);
  const infra = optional(() => require('./infra').findInfrastructure as Recognisers['findInfrastructure']);
  const handlers = optional(() => require('./handlers').findHandlers as Recognisers['findHandlers']);
  return {
    families: [memory, json, sqlite, dynamodb].filter((f): f is StoreFamily => Boolean(f)),
    entityEvidence: types ? [types] : [],
    findInfrastructure: infra ?? (() => ({ kind: 'none', files: [], constructs: [], apis: [] })),
    findHandlers: handlers ?? (() => []),
  };
}
