/**
 * Types of a request list: `fixture.json` (format: fixtures/README.md), read by `verify` and the test harness.
 */
import type { OpKind, StoreKind } from '../../model/access-model';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface HttpRuntime {
  kind: 'http';
  /** Entry file relative to the fixture root; `.ts` entries run with `node --import tsx`. */
  entry: string;
}

export interface LambdaRoute {
  method: string;
  /** API Gateway resource template, e.g. `/notes/{id}` or `/files/{proxy+}`. */
  path: string;
  /** `<file relative to the fixture root>#<export name>`, e.g. `lambda/getNote.ts#handler`. */
  handler: string;
}

export interface LambdaRuntime {
  kind: 'lambda';
  event: 'apigw-v1' | 'apigw-v2';
  routes: LambdaRoute[];
}

/** A scan-only fixture (SST, Terraform detection): nothing to start, no requests. */
export interface NoRuntime {
  kind: 'none';
}

export type Runtime = HttpRuntime | LambdaRuntime | NoRuntime;

export interface ReplayExpect {
  status: number;
  /** Omitted: the body is not compared. */
  body?: JsonValue;
  /** Optional: response headers that must be present with these values (names case-insensitive). */
  headers?: Record<string, string>;
}

export interface ReplayRequest {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Objects/arrays are sent as JSON (content-type application/json unless given); strings as-is. */
  body?: JsonValue;
  expect: ReplayExpect;
  /** variable name → dotted path into `{ status, headers, body }`, e.g. `body.id`. */
  capture?: Record<string, string>;
}

export interface Fixture {
  description: string;
  style: string;
  exercises: { stores: StoreKind[]; operations: OpKind[] };
  runtime: Runtime;
  env?: Record<string, string>;
  requests: ReplayRequest[];
}
