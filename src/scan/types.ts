/**
 * Internal contracts of the scanner. Recognisers (one folder per storage family, plus handlers and
 * infrastructure) read the project through `ScanContext` and return findings; the core
 * (src/scan/index.ts) attributes operations to handlers, merges entity evidence and assembles the
 * AccessModel. Recognisers never print and never throw on odd code: they return what they can
 * prove and add a diagnostic for what they cannot.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type {
  DiagnosticRecord,
  FieldRecord,
  HandlerKind,
  IdStrategy,
  InfrastructureKind,
  KeyType,
  OperationRecord,
  RelationRecord,
  StoreKind,
} from '../model/access-model';

/** A parsed JavaScript/TypeScript file of the scanned project. */
export interface SourceFile {
  /** Path relative to the scan root, forward slashes. */
  rel: string;
  abs: string;
  text: string;
  ast: t.File;
  /** The Program path of a traversal that has crawled scopes; use it for bindings. */
  program: NodePath<t.Program>;
  typescript: boolean;
}

/** A non-code file the scanner keeps: .json, .sql, .yml/.yaml, .tf, cdk.json, sst.config.* … */
export interface DataFile {
  rel: string;
  abs: string;
  text: string;
}

/**
 * Where a value comes from, following bindings, imports/requires, re-exports and
 * `module.exports` objects across the project.
 */
export type ValueOrigin =
  /** A declaration in a project file: VariableDeclarator, FunctionDeclaration, ClassDeclaration, class property/method, parameter. */
  | { kind: 'declaration'; file: SourceFile; name: string; path: NodePath }
  /** A whole project module (namespace import, `require('./db')` of a module without a single `module.exports =` value). */
  | { kind: 'module'; file: SourceFile }
  /** A JSON (or other data) file brought in with require/import; `members` is the property path taken from it. */
  | { kind: 'data'; file: DataFile; members: string[] }
  /** A package or Node built-in, with the property path taken from it: `fs` + ['promises','readFile'].
   *  `node:fs` is normalised to `fs`; `fs/promises` to `fs` + ['promises']. `default` is not added for default imports. */
  | { kind: 'package'; module: string; members: string[] }
  /** `new X()` where X is a project class. */
  | { kind: 'instance'; file: SourceFile; classPath: NodePath<t.Class> }
  /** `this.name` inside a class body. */
  | { kind: 'this-member'; file: SourceFile; classPath: NodePath<t.Class>; name: string }
  /** Any other expression whose value is the node itself (literals, object literals, calls of unknown functions). */
  | { kind: 'expression'; file: SourceFile; path: NodePath<t.Expression> };

/** A function of the project: declaration, arrow, function expression, object or class method. */
export interface FunctionRef {
  file: SourceFile;
  path: NodePath<t.Function>;
}

/** The project as the recognisers see it: parsed files and cross-module resolution. */
export interface ProjectIndex {
  root: string;
  sources: SourceFile[];
  dataFiles: DataFile[];
  getSource(rel: string): SourceFile | undefined;
  /** Whether the project has this source file, parsed or not (a sharded scan parses part of it: see src/scan/shard). */
  hasSource?(rel: string): boolean;
  getDataFile(rel: string): DataFile | undefined;
  /** Resolves a relative import/require specifier from a file to a project file (tries .js/.ts/.tsx/.mjs/.cjs/.json and /index.*). */
  resolveModule(from: SourceFile, specifier: string): SourceFile | DataFile | undefined;
  /** The origin of an expression's value: identifiers through scope bindings and imports, `ns.member`, `require(...)`, `this.x`. */
  resolveExpression(file: SourceFile, path: NodePath): ValueOrigin | undefined;
  /** `origin.member`: an export of a module, a property of an object literal, a member of a class instance or package. */
  resolveMember(origin: ValueOrigin, member: string): ValueOrigin | undefined;
  /** The project function an expression refers to (callee of a call, a route's handler argument), if any. */
  resolveFunction(file: SourceFile, path: NodePath): FunctionRef | undefined;
  /** The functions that call `fn` (call sites resolved with resolveFunction), computed once for the project. */
  getCallers(fn: FunctionRef): FunctionRef[];
  /** 1-based line of a node. */
  lineOf(path: NodePath | t.Node): number;
}

export interface DiagnosticSink {
  add(diagnostic: DiagnosticRecord): void;
}

export interface ScanContext {
  root: string;
  project: ProjectIndex;
  diagnostics: DiagnosticSink;
}

/** A declaration (or other place) whose value is the store's collection: ops on it are ops on the store. */
export interface StoreAnchor {
  file: SourceFile;
  /** The declaration path (VariableDeclarator, class property, …) or expression that holds the data. */
  path: NodePath;
}

export interface StoreFinding {
  id: string;
  kind: StoreKind;
  entity: string;
  file: string;
  line: number;
  source?: string;
  anchors: StoreAnchor[];
}

/** An operation found in code; the core adds `handler` (through the call graph) and the line. */
export interface OperationFinding extends Omit<OperationRecord, 'handler' | 'file' | 'line'> {
  sourceFile: SourceFile;
  /** The node the operation is reported at; its enclosing function ties it to handlers. */
  path: NodePath;
}

/** What one place in the code says about an entity; the core merges all evidence per entity. */
export interface EntityEvidence {
  entity: string;
  /** Where this evidence comes from, most reliable first when merging: 'schema' (SQL/TS types), 'seed', 'create', 'usage'. */
  source: 'schema' | 'seed' | 'create' | 'usage';
  fields?: FieldRecord[];
  key?: { name: string; type: KeyType };
  idStrategy?: IdStrategy;
  relations?: RelationRecord[];
  records?: number;
}

/** One storage family: memory + JSON files, SQLite, existing DynamoDB use. */
export interface StoreFamily {
  name: string;
  findStores(ctx: ScanContext): StoreFinding[];
  findOperations(ctx: ScanContext, stores: StoreFinding[]): OperationFinding[];
  findEntityEvidence(ctx: ScanContext, stores: StoreFinding[]): EntityEvidence[];
}

/** A route or Lambda entry point found in code. */
export interface HandlerFinding {
  kind: HandlerKind;
  method?: string;
  /** Full path including router/plugin prefixes, Express style `:id` params kept as written. */
  path?: string;
  /** For Lambda: the export name (`handler`). */
  exportName?: string;
  file: string;
  line: number;
  /** The function that runs for this handler (undefined when it cannot be resolved; a diagnostic says so). */
  fn?: FunctionRef;
}

/** A Lambda construct and the handler it runs. */
export interface LambdaConstructFinding {
  file: string;
  line: number;
  /** Construct id or variable name, e.g. `CreateNoteFunction`. */
  name: string;
  /** Handler source file relative to the scan root, and export name, when resolvable. */
  handlerFile?: string;
  handlerExport?: string;
}

export interface InfrastructureFinding {
  kind: InfrastructureKind;
  files: string[];
  constructs: LambdaConstructFinding[];
  /** API constructs (RestApi, HttpApi, serverless http events) — for the report. */
  apis: { file: string; line: number; kind: string; name: string }[];
}
