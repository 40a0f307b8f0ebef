import { dynamodbFamily } from './dynamodb';
import { findHandlers } from './handlers';
import { findInfrastructure } from './infra';
import { jsonFileFamily } from './json-file';
import { memoryFamily } from './memory';
import { sqliteFamily } from './sqlite';
import type { EntityEvidence, HandlerFinding, InfrastructureFinding, ScanContext, StoreFamily, StoreFinding } from './types';
import { typeScriptEntityEvidence } from './typescript-types';
import { unsupportedDatabaseFamily } from './unsupported-database/findUnsupportedDatabases';

/** The recognisers the scan runs: storage families, extra entity evidence, infrastructure and handlers. */
export interface Recognisers {
  families: StoreFamily[];
  entityEvidence: ((ctx: ScanContext, stores: StoreFinding[]) => EntityEvidence[])[];
  findInfrastructure(ctx: ScanContext): InfrastructureFinding;
  findHandlers(ctx: ScanContext, infrastructure: InfrastructureFinding): HandlerFinding[];
}

export function defaultRecognisers(): Recognisers {
  return {
    families: [memoryFamily, jsonFileFamily, sqliteFamily, dynamodbFamily, unsupportedDatabaseFamily],
    entityEvidence: [typeScriptEntityEvidence],
    findInfrastructure,
    findHandlers,
  };
}
