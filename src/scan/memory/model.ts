/**
 * Internal model shared by the in-memory and JSON-file recognisers: the data stores found in
 * the project, the abstract values ("views") an expression can hold, and raw operations before
 * they are finalised into OperationFindings.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { FilterMatch, OpKind, RequestInputRecord, StoreKind } from '../../model/access-model';
import type { SourceFile, StoreAnchor } from '../types';

/** How a JSON document gets into the app. */
export type ReadApi = 'sync' | 'callback' | 'promises' | 'require' | 'import';

/** How records sit in the collection: an array, a Map, or a plain object keyed by id. */
export type CollectionShape = 'array' | 'map' | 'object';

/** A JSON data file as code refers to it (a read, a write, a require or an import). */
export interface JsonSourceRef {
  /** The data file relative to the scan root, when the path could be worked out. */
  source?: string;
  /** Stable text naming the file when `source` is unknown (the path expression). */
  display: string;
  api: ReadApi;
  file: SourceFile;
  path: NodePath;
}

export interface DataStore {
  /** Internal identity (stable within one scan). */
  key: string;
  family: 'memory' | 'json';
  shape: CollectionShape;
  /** Binding name for memory stores (`notes`, `db.users`, `this.items` → `items`). */
  binding: string;
  file: SourceFile;
  path: NodePath;
  anchors: StoreAnchor[];
  /** Declarations/values whose ValueOrigin means "this store". */
  anchorNodes: Set<t.Node>;
  /** `this.items = []` assigned in a class (no class property): matched by class and name. */
  thisMember?: { classNode: t.Node; name: string };
  /** TS element type from an annotation (`Note[]`, `Map<string, Session>`). */
  typeName?: string;
  /** Class holding a `this.x` / class-property store (`UserRepository`). */
  className?: string;
  /** JSON stores: data file and the property path of the collection inside the document. */
  json?: { source?: string; display: string; members: string[]; refs: JsonSourceRef[]; writes: JsonSourceRef[] };
  /** Values assigned to the store (initialiser, constructor assignments), for seed records. */
  assignedValues: { file: SourceFile; path: NodePath }[];
}

export type View =
  /** The collection itself or a copy of it; `whole` when not narrowed to some records by an attribute;
   *  `array` when a Map/object store was enumerated into an array (`[...m.values()]`, `Object.values(o)`);
   *  `items` when its elements are keys or [key, record] pairs rather than records;
   *  `copy` when it is a new array (`filter`, `slice`, `[...xs]`): adding to or removing from it changes no store. */
  | { type: 'collection'; store: DataStore; whole: boolean; array?: boolean; items?: 'keys' | 'entries'; copy?: boolean }
  /** A key of a Map/object store (`Object.keys(users)`, `for (const id in users)`, `[id, todo]` of entries). */
  | { type: 'key'; store: DataStore }
  /** One record; `origin` is the lookup (or iteration) that produced it. */
  | { type: 'record'; store: DataStore; origin: t.Node; iteration: boolean }
  /** A field of a record (`note.tags`). */
  | { type: 'field'; store: DataStore; attr: string; record: View & { type: 'record' } }
  /** The result of `findIndex` on a collection. */
  | { type: 'index'; store: DataStore; origin: t.Node }
  /** A parsed JSON document (or a part of it that is not a collection). */
  | { type: 'document'; ref: JsonSourceRef; members: string[] }
  /** The raw text of a JSON file. */
  | { type: 'text'; ref: JsonSourceRef };

export type RecordView = View & { type: 'record' };

/** One comparison a predicate makes on a record attribute. */
export interface Condition {
  attr: string;
  /** `exists`: compared with null/undefined (a presence check, not a filter). */
  kind: 'eq' | 'neq' | 'includes' | 'search' | 'ttl' | 'exists' | 'other';
  /** How a filter compares (absent: equals); see FilterMatch. */
  match?: FilterMatch;
  value?: NodePath;
  valueFile?: SourceFile;
}

export interface PredicateInfo {
  conditions: Condition[];
  /** `!q || r.x === q`, `q ? r.x === q : true`: may keep every record. */
  optional: boolean;
}

/** An operation as recognised, before key inference and suppression. */
export interface RawOp {
  op: OpKind;
  store: DataStore;
  file: SourceFile;
  path: NodePath;
  /** Enclosing function node (null at module level). */
  fn: t.Node | null;
  attributes?: string[];
  order?: 'asc' | 'desc';
  pagination?: 'offset' | 'page' | 'limit' | 'cursor';
  unique?: string[];
  /** Lookup this op stands for (read-by-id, findIndex), so a later mutation of the same record can absorb it. */
  origin?: t.Node;
  /** Lookups this mutation absorbs (same function). */
  consumes?: t.Node[];
  /** Text of the key expression, to match existence checks with the mutation they guard. */
  keyText?: string;
  /** Guarded by an expiry check (lazy TTL delete): does not absorb the read it follows. */
  expiry?: boolean;
  /** A lookup by a non-key attribute compared with a path parameter (natural key candidate). */
  naturalAttr?: string;
  /** The predicate or key attribute a lookup uses (for key inference). */
  lookupAttr?: string;
  /** For JSON file stores: a mutation only persists when the function saves the file. */
  needsSave?: boolean;
  /** filter-by-attr: how its attributes are compared (absent: equals). */
  match?: FilterMatch;
  /** filter-by-attr: the named request parameters its attributes are compared with. */
  inputs?: RequestInputRecord[];
}

/** A record literal the app creates or seeds, with where it is. */
export interface RecordLiteral {
  file: SourceFile;
  path: NodePath<t.ObjectExpression>;
}

/** A lookup of records: a predicate (`find`, `filter`, …) or a key (`map.get(k)`, `obj[k]`). */
export interface Lookup {
  store: DataStore;
  file: SourceFile;
  path: NodePath;
  fn: NodePath<t.Function> | null;
  method: 'find' | 'findIndex' | 'filter' | 'some' | 'every' | 'key';
  info?: PredicateInfo;
  keyPath?: NodePath;
  /** findIndex results read as `arr[i]` (a read, unless a mutation uses the index). */
  indexRead?: boolean;
}

export interface CreateSite {
  store: DataStore;
  op: RawOp;
  literal?: RecordLiteral;
  keyPath?: NodePath;
  keyFile?: SourceFile;
}

export interface Collected {
  ops: RawOp[];
  lookups: Lookup[];
  creates: CreateSite[];
  /** `map.set(todo.id, todo)`, `users[user.id] = user`: the key field of a store. */
  keyHints: { store: DataStore; attr: string }[];
  /** Records written at module level (seeding). */
  seedWrites: { store: DataStore; file: SourceFile; value: NodePath; key?: NodePath }[];
}
