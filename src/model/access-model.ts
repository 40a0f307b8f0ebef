/**
 * Contract 1: the access model that `scan --json` prints.
 *
 * Stable and versioned: a migration script may read it. Fields beyond those in
 * shared/DESIGN.md are optional and documented in the README ("scan JSON").
 *
 * Id conventions (stable across runs, all paths relative to the scanned root, forward slashes):
 *  - store id:   in-memory / code stores  `<file>#<binding>`         e.g. `src/db.js#notes`
 *                JSON files               `json:<data file>`          e.g. `json:data/notes.json`
 *                SQLite tables            `sqlite:<db file>#<table>`  e.g. `sqlite:app.db#users`
 *                existing DynamoDB use    `dynamodb:<table name or env var>`
 *  - handler id: HTTP routes              `<METHOD> <full path>`      e.g. `GET /api/notes/:id`
 *                Lambda handlers          `<file>#<export>`           e.g. `lambda/createNote.ts#handler`
 *                a repeated id gets ` (2)`, ` (3)` … appended in source order.
 *  - entity names are singular PascalCase (`notes` array → `Note`, `order_items` table → `OrderItem`).
 */

export type StoreKind =
  | 'in-memory-array'
  | 'in-memory-map'
  | 'in-memory-object-map'
  | 'json-file-sync'
  | 'json-file-callback'
  | 'json-file-promises'
  | 'json-require'
  | 'json-import'
  | 'better-sqlite3'
  | 'sqlite3-callback'
  | 'sqlite-wrapper'
  | 'dynamodb';

export type OpKind =
  | 'create'
  | 'read-by-id'
  | 'list'
  | 'filter-by-attr'
  | 'update'
  | 'delete'
  | 'sort'
  | 'paginate'
  | 'ttl'
  | 'relations'
  | 'join';

export type KeyType = 'string' | 'number';

/**
 * How a filter-by-attr operation compares its attributes: `equals` (`===`, `==`, `WHERE x = ?`),
 * `contains` (`.includes(q)`, `indexOf`, a regex test, `LIKE '%…%'`), `prefix` (`.startsWith(q)`,
 * `LIKE ? || '%'`), `range` (`<`, `>`, `<=`, `>=`). Only an equality can be a GSI's partition key.
 */
export type FilterMatch = 'equals' | 'contains' | 'prefix' | 'range';

/**
 * A request parameter an operation compares an attribute with: `t.title.includes(req.query.search)`
 * gives `{ attribute: 'title', from: 'query', name: 'search' }`.
 */
export interface RequestInputRecord {
  attribute: string;
  from: 'path' | 'query' | 'body';
  name: string;
}

export type IdStrategy = 'uuid' | 'increment' | 'autoincrement' | 'client' | 'natural' | 'unknown';

export type HandlerKind = 'express' | 'fastify' | 'lambda' | 'other';

export type InfrastructureKind = 'cdk' | 'sst' | 'terraform' | 'serverless' | 'none';

export type Severity = 'error' | 'warning' | 'info';

export interface StoreRecord {
  id: string;
  kind: StoreKind;
  entity: string;
  file: string;
  line: number;
  /** JSON data file, SQLite database file, or DynamoDB table name the store reads, when known. */
  source?: string;
}

export interface FieldRecord {
  name: string;
  /** 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null' | a TS type text; absent when unknown. */
  type?: string;
}

export interface RelationRecord {
  /** Field on this entity that holds the other entity's key (e.g. `userId`). */
  field: string;
  entity: string;
}

export interface EntityRecord {
  name: string;
  fields: FieldRecord[];
  key: { name: string; type: KeyType };
  idStrategy: IdStrategy;
  relations: RelationRecord[];
  /** Number of records found in seed data, JSON content or a SQLite file. */
  records?: number;
}

export interface OperationRecord {
  op: OpKind;
  entity: string;
  store: string;
  file: string;
  line: number;
  handler?: string;
  /** Attributes the operation looks at: filter/sort/ttl fields, updated fields, join keys. */
  attributes?: string[];
  /** Optional extras (see README): sort direction, pagination style, attributes a create keeps unique. */
  order?: 'asc' | 'desc';
  pagination?: 'offset' | 'page' | 'limit' | 'cursor';
  unique?: string[];
  /**
   * delete: what goes when it is not one item by key (a delete by other attributes lists them in
   * `attributes`). `all`: every item (`DELETE FROM t` without WHERE); `counter`: the entity's id
   * counter (SQLite's AUTOINCREMENT reset, `DELETE FROM sqlite_sequence WHERE name = 't'`).
   */
  removes?: 'all' | 'counter';
  /**
   * filter-by-attr: how the attributes are compared; absent means 'equals'. One filter comparing
   * attributes in different ways is reported as one operation per way (same file and line).
   */
  match?: FilterMatch;
  /**
   * filter-by-attr on one unique attribute: the code reads the matched item (`tag.id`), not only
   * whether one exists (`if (row) return 409`, which the guard's conditional put replaces).
   */
  readsMatch?: boolean;
  /**
   * filter-by-attr: the request parameters its attributes are compared with, where scan can name
   * them (`?search=` for `title`); an attribute compared with anything else is not listed.
   */
  inputs?: RequestInputRecord[];
}

export interface HandlerRecord {
  id: string;
  file: string;
  line: number;
  kind: HandlerKind;
  method?: string;
  path?: string;
  /** The CDK construct that runs this handler, when the infrastructure was found. */
  construct?: { file: string; line: number; name: string };
}

export interface DiagnosticRecord {
  severity: Severity;
  code: string;
  file: string;
  line: number;
  message: string;
}

export interface AccessModel {
  version: 1;
  stores: StoreRecord[];
  entities: EntityRecord[];
  operations: OperationRecord[];
  handlers: HandlerRecord[];
  infrastructure: { kind: InfrastructureKind; files: string[] };
  diagnostics: DiagnosticRecord[];
}
