/** Shapes shared by the parts of migrate-data. */

/** One record as a source holds it, before the design's conversions. */
export interface SourceRecord {
  value: unknown;
  /** Where it is, for messages: `data/notes.json:12`, `blog.db#authors rowid 5`, `server.js:14`. */
  ref: string;
  /** The key of an object keyed by id (`{ "7": {...} }`) or a Map entry, when the record may lack its id. */
  mapKey?: string | number;
}

/** A problem with the input found before anything is written. */
export interface SourceProblem {
  /** `data/notes.json:12`, `server.js:20`. */
  ref: string;
  entity: string;
  /** The record's key as text, when it has one. */
  key?: string;
  message: string;
}

export type SourceKind = 'json' | 'sqlite' | 'seed' | 'seed-file';

/** A place records of one entity come from. */
export interface MigrationSource {
  /** Store ids of the access model this source serves (`json:data/notes.json`, `src/db.js#notes`). */
  stores: string[];
  entity: string;
  kind: SourceKind;
  /** The data file (JSON, SQLite) or source file (seed data), relative to the project root. */
  file: string;
  /** SQLite table name. */
  sqliteTable?: string;
  /** Short description for messages: `data/notes.json`, `blog.db table authors`, `seed data in server.js`. */
  label: string;
  /** Problems found while locating the records (seed records that are not literal data, a missing file). */
  problems: SourceProblem[];
  /** Notes that are not problems (a SQLite file not created yet, times evaluated at migration time). */
  notes: string[];
  /** Number of records, when known without reading them all. */
  count(): Promise<number | undefined>;
  read(): AsyncIterable<SourceRecord>;
  /** Changes when the source changes (size and mtime of the file): a checkpoint of another content is not resumed. */
  fingerprint(): string;
  /** Key attributes the source itself keeps unique (a SQLite PRIMARY KEY / UNIQUE column): no need to track them. */
  uniqueColumns?: string[][];
  /** Source column → app attribute (SQLite snake_case columns the app reads as camelCase). */
  columnNames?: Record<string, string>;
  close?(): void;
}
