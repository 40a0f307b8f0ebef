import type { InfrastructureKind } from '../../model/access-model';
import type { LambdaConstructFinding, ScanContext } from '../types';
import type { CallSiteIndex } from './static/callSites';
import type { StaticEvaluator } from './static/evaluateStatic';

/** An API route that invokes a Lambda, as the infrastructure declares it (`GET /notes/{id}`). */
export interface ApiRoute {
  method: string;
  path: string;
}

/** A Lambda construct plus the API routes wired to it (read by the handler recogniser). */
export interface LambdaConstruct extends LambdaConstructFinding {
  routes: ApiRoute[];
}

export interface ApiFinding {
  file: string;
  line: number;
  kind: string;
  name: string;
}

/** What one infrastructure tool (CDK, SST, Terraform, Serverless) contributes. */
export interface InfraDetection {
  kind: Exclude<InfrastructureKind, 'none'>;
  files: string[];
  constructs: LambdaConstruct[];
  apis: ApiFinding[];
}

/** Shared helpers for the infrastructure recognisers. */
export interface InfraTools {
  ctx: ScanContext;
  evaluator: StaticEvaluator;
  sites: CallSiteIndex;
}

/** The routes of a construct (constructs from other sources have none). */
export function routesOf(construct: LambdaConstructFinding): ApiRoute[] {
  return (construct as Partial<LambdaConstruct>).routes ?? [];
}
