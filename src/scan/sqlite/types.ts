/**
 * What the SQLite recogniser knows about a project, kept for the `sqlite-to-dynamodb` transform
 * (issue 7): connections, every place SQL runs (with its text, parsed statements, bound
 * arguments and how the result is used) and the schema. See README.md in this folder.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { StoreKind } from '../../model/access-model';
import type { DataFile, SourceFile } from '../types';
import type { StringHole } from './js/evaluateString';
import type { ParsedSql } from './sql/parseSql';
import type { SqlTableSchema } from './sql/readCreateTable';
import type { StatementSummary } from './sql/summariseStatement';

export type SqliteDriver = Extract<StoreKind, 'better-sqlite3' | 'sqlite3-callback' | 'sqlite-wrapper'>;

/** A database opened in code: `new Database(file)`, `new sqlite3.Database(file)`, `open({ filename, driver })`. */
export interface SqlConnection {
  driver: SqliteDriver;
  /** Project-relative database file, `:memory:`, or (unresolvable) the expression as written. */
  dbFile: string;
  dbFileResolved: boolean;
  file: SourceFile;
  /** The expression that opens the database. */
  path: NodePath<t.NewExpression | t.CallExpression>;
  /** Where it is stored: VariableDeclarator, `this.db =` / `db =` assignment, class property. */
  declaration?: NodePath;
  line: number;
}

/** One SQL text a call site can run (several when the text is built at run time). */
export interface SqlVariant {
  /** The SQL with interpolated values replaced by `:__iN` and unknown identifiers by `__dyn_N`. */
  text: string;
  parsed: ParsedSql;
  /** One summary per parsed statement (undefined for control statements and parse errors). */
  statements: (StatementSummary | undefined)[];
  /** Arguments bound to this variant's placeholders. */
  bindings: SqlBinding[];
}

/** An argument bound to a placeholder at the execution site. */
export interface SqlBinding {
  /** Canonical placeholder name in the parsed SQL (`__p1`). */
  canonical: string;
  /** As written: `?`, `@title`, `:id`, `$id`, `${…}`. */
  written: string;
  /** The argument expression (array element, object property value, positional argument). */
  argument?: NodePath;
}

/** How the code uses what the driver returns. */
export interface SqlResultUse {
  /** `callback` (sqlite3), `value` (better-sqlite3, or awaited promise), `ignored`. */
  style: 'callback' | 'value' | 'ignored';
  /** The callback function (sqlite3 and hand-made wrappers). */
  callback?: NodePath<t.Function>;
  /** Where the result is stored: `const info = …`, `const { lastInsertRowid } = …`. */
  target?: NodePath;
  /** `info.lastInsertRowid`, `this.lastID`, `result.lastID` … */
  insertedIdUses: NodePath[];
  /** `info.changes`, `this.changes`, `result.changes` … */
  changesUses: NodePath[];
}

export interface SqlCallSite {
  driver: SqliteDriver;
  connection: SqlConnection;
  /** Driver method that runs the SQL: run, get, all, each, iterate, exec (for helpers: the one inside). */
  method: string;
  /** File and call where the operation happens (a helper's call site when SQL goes through a helper). */
  file: SourceFile;
  path: NodePath<t.CallExpression>;
  /** The driver call itself (`db.all(sql, …)` inside the helper, `stmt.run(…)`, `db.exec(…)`). */
  driverCall: { file: SourceFile; path: NodePath<t.CallExpression> };
  /** `db.prepare(sql)` when run through a prepared statement, and the declaration holding the statement. */
  prepare?: { file: SourceFile; path: NodePath<t.CallExpression>; declaration?: NodePath };
  /** Helper functions the SQL text went through, innermost first. */
  helpers: { file: SourceFile; path: NodePath<t.Function> }[];
  /** Expression holding the SQL text at the call site (argument of the driver call or of the outer helper call). */
  sqlArgument: { file: SourceFile; path: NodePath };
  /** File and line of the SQL literal (for diagnostics). */
  sqlLocation: { file: string; line: number };
  variants: SqlVariant[];
  /** The text is chosen at run time (ternary, conditional `+=`, look-up, unknown identifier). */
  dynamic: boolean;
  /** Values interpolated into the SQL text (holes in value positions). */
  interpolatedValues: StringHole[];
  /** Unknown interpolated identifiers/fragments (ORDER BY ${col}). */
  interpolatedIdentifiers: StringHole[];
  /** Arguments bound to placeholders (from the first variant's placeholders). */
  bindings: SqlBinding[];
  result: SqlResultUse;
  /** Runs inside `db.transaction(fn)` or `db.serialize(fn)`. */
  inTransaction: boolean;
}

/** A table with its schema and where it is declared. */
export interface SqlTable {
  name: string;
  connection?: SqlConnection;
  dbFile: string;
  schema?: SqlTableSchema;
  /** Where CREATE TABLE is: a .sql data file or a code string. */
  declaredIn?: { file: string; line: number; dataFile?: DataFile };
  indexes: { columns: string[]; unique: boolean }[];
  /** snake_case column → camelCase field, where the app maps them (SQL aliases, row mappers). */
  columnMapping: Record<string, string>;
  /** INTEGER columns the app treats as booleans (stored 0/1). */
  booleanColumns: string[];
}

export interface SqliteAnalysis {
  connections: SqlConnection[];
  callSites: SqlCallSite[];
  tables: SqlTable[];
}
