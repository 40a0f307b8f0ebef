/**
 * Contract 2: the table design, `.migration/dynamodb.json`.
 * Written by `plan`, edited by people, read by `apply`, `migrate-data` and `verify`.
 *
 * The required fields are those of shared/DESIGN.md. Every optional field below was added by
 * `plan` (issue 4) and is documented where it is declared. Readers must accept their absence:
 * a design written by hand with only the required fields stays valid.
 *
 * Key templates (single-table layout only): a template is text with `{attribute}` placeholders
 * filled from the item, e.g. `NOTE#{id}`. `{attribute:pad}` zero-pads a non-negative integer
 * to 20 digits so that numbers sort correctly as text (used in overloaded sort keys).
 */
import type { KeyType } from './access-model';

export interface KeyAttribute {
  name: string;
  type: KeyType;
}

export interface GsiDesign {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  projection: 'ALL' | 'KEYS_ONLY' | string[];
  /** Added: why the index exists, in words (the access pattern it serves). Informational. */
  reason?: string;
}

/** Added: what a table holds. Absent means 'entity'. */
export type TablePurpose =
  | 'entity' // one entity per table (the default layout)
  | 'single-table' // every entity in one table with typed keys (`--single-table`)
  | 'counters' // atomic id counters that replace `length + 1` / `max + 1` / autoincrement ids
  | 'unique-values'; // guard items that keep an attribute unique (e.g. email) via conditional puts

/**
 * Added: the table is created by DynamoDB's import from S3 (files written by `migrate-data
 * --export s3-import`, uploaded to `bucket` under `keyPrefix`). Only for a NEW table: CloudFormation
 * fails if the table exists, and the import consumes no write capacity. aws-cdk-lib supports it on
 * `Table` (AWS::DynamoDB::Table), not `TableV2` (AWS::DynamoDB::GlobalTable), so the stack
 * generator makes this one table a `Table`.
 */
export interface TableImportSource {
  /** Name of the S3 bucket holding the files. */
  bucket: string;
  /** The key prefix of the table's files, e.g. `Notes/` (absent: the whole bucket). */
  keyPrefix?: string;
  /** Account id owning the bucket, when it is another account. */
  bucketOwner?: string;
  /** Absent: 'DYNAMODB_JSON' (what the export writes). */
  inputFormat?: 'DYNAMODB_JSON';
  /** Absent: 'GZIP' (what the export writes). */
  compressionType?: 'GZIP' | 'ZSTD' | 'NONE';
}

export interface TableDesignEntry {
  name: string;
  envVar: string;
  /** The entity stored in the table; for single-table and helper tables, the first entity it serves. */
  entity: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  gsis: GsiDesign[];
  ttlAttribute?: string;
  billing: 'PAY_PER_REQUEST';
  pointInTimeRecovery: boolean;
  removalPolicy: 'destroy' | 'retain';
  /** Added: see TablePurpose. */
  purpose?: TablePurpose;
  /** Added: every entity the table stores or serves, when that is more than its own entity. */
  entities?: string[];
  /** Added: encryption at rest. 'AWS_OWNED' is DynamoDB's default key (no cost); 'AWS_MANAGED' uses KMS. */
  encryption?: 'AWS_OWNED' | 'AWS_MANAGED';
  /** Added: create the table from an S3 import (see TableImportSource). */
  importSource?: TableImportSource;
}

/** Added: an attribute written with every item, computed from other attributes (never sent back by the API). */
export interface DerivedAttribute {
  name: string;
  /**
   * 'epoch-seconds': TTL value from `from` (an ISO date string, a Date, or a number; numbers above
   *                  1e11 are read as milliseconds), rounded down to whole seconds.
   * 'string':        `String(value of from)`, for attributes DynamoDB cannot use as a key (booleans).
   * 'constant':      always `value`; gives an index one partition holding every item of the entity.
   */
  as: 'epoch-seconds' | 'string' | 'constant';
  from?: string;
  value?: string;
}

/** Added: a unique attribute enforced with a guard item written by a conditional put. */
export interface UniqueAttributeDesign {
  attribute: string;
  /** Table holding the guard items. */
  table: string;
  /** Key of the guard item, attribute → template, e.g. `{ "uniqueKey": "User#email#{email}" }`. */
  key: Record<string, string>;
  /**
   * How the app looks an item up by this attribute: 'guard' reads the guard item (it stores the
   * item's id) then the item, both strongly consistent; 'index' queries `index`; 'none' when the
   * app never looks it up.
   */
  lookup: 'guard' | 'index' | 'none';
  index?: string;
}

export interface EntityDesign {
  table: string;
  /**
   * How new ids are made: 'uuid' | 'counter' (atomic counter item, keeps numeric ids) |
   * 'client' (the request supplies it) | 'natural' (a natural key such as an email) |
   * 'app' (the app's own code, unchanged).
   */
  idStrategy: string;
  /** Attribute name → type as the app stores it: string, number, boolean, date, object, array, null, unknown. */
  attributes?: Record<string, string>;
  /** Added: the app's id attribute (name and type as the API sees it). */
  idAttribute?: KeyAttribute;
  /** Added (single-table): templates for the table's key attributes, e.g. `NOTE#{id}`. */
  keys?: { partitionKey: string; sortKey?: string };
  /** Added (single-table): per overloaded GSI name, the templates this entity writes into its keys. */
  indexKeys?: Record<string, { partitionKey: string; sortKey?: string }>;
  /** Added: for idStrategy 'counter', the item whose `attribute` is incremented atomically (ADD 1). */
  counter?: { table: string; key: Record<string, string>; attribute: string };
  /** Added: attributes kept unique with conditional puts. */
  uniqueAttributes?: UniqueAttributeDesign[];
  /** Added: attributes computed on write (TTL seconds, string copies of booleans for keys, constants). */
  derivedAttributes?: DerivedAttribute[];
  /** Added: list endpoints page with DynamoDB's LastEvaluatedKey as an opaque cursor. */
  pagination?: 'cursor';
  /** Added: when an item of this entity is deleted, the related items deleted with it (Query + BatchWriteItem). */
  cascade?: { entity: string; attribute: string; index?: string }[];
  /**
   * Added: joins the app makes from this entity. 'many-to-one': this entity's `attribute` holds the
   * other entity's id (GetItem, BatchGetItem for lists). 'one-to-many': the other entity's
   * `attribute` holds this entity's id (Query on `index`).
   */
  joins?: { entity: string; attribute: string; kind: 'many-to-one' | 'one-to-many'; index?: string }[];
}

export interface HandlerDesign {
  file: string;
  handler?: string;
  actions: string[];
  tables: string[];
  indexes?: string[];
  /** Added: the access-model handler id (`GET /notes/:id`, `lambda/getNote.ts#handler`). */
  id?: string;
  /** Added: least-privilege grants per table; `actions`/`tables`/`indexes` above are their union. */
  grants?: { table: string; actions: string[]; indexes?: string[] }[];
}

/** Added: one access pattern of the app and the DynamoDB request it becomes. Derived on every run. */
export interface AccessPatternDesign {
  entity: string;
  /** Plain words, e.g. "get a Note by id", "list Todos where completed = ?, newest createdAt first". */
  description: string;
  handlers: string[];
  /** The requests, in order, e.g. ["GetItem Notes"], ["Query Todos index completed-createdAt-index"]. */
  requests: string[];
  /** Capacity for one request on an average item (estimated size), e.g. "0.5 RCU (eventually consistent)". */
  cost: string;
  readUnits?: number;
  writeUnits?: number;
  /** Set when no key or index serves the pattern and it reads the whole table. */
  scan?: boolean;
}

export interface TableDesign {
  version: 1;
  tables: TableDesignEntry[];
  entities: Record<string, EntityDesign>;
  handlers: HandlerDesign[];
  /** Added: 'table-per-entity' (default) or 'single-table'. */
  layout?: 'table-per-entity' | 'single-table';
  /** Added: derived on every run from the code and the tables above. */
  accessPatterns?: AccessPatternDesign[];
  /** Added: changes the API's clients will see (id type, pagination), derived on every run. */
  apiChanges?: string[];
}
