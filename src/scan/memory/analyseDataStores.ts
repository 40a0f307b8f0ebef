import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { classifyFsCall, type FsCall } from '../json-file/classifyFsCall';
import { collectionAt } from '../json-file/jsonDocument';
import { jsonModuleRefOf } from '../json-file/findJsonModuleRefs';
import type { EntityEvidence, OperationFinding, ProjectIndex, ScanContext, SourceFile, StoreFinding } from '../types';
import { buildEvidence, referencedEntity } from './buildEvidence';
import { CallSites } from './CallSites';
import { collectOperations, type Collected } from './collectOperations';
import { collectSeeds, type Seeds } from './collectSeeds';
import { finaliseOperations, type KeyInfo } from './finaliseOperations';
import { findMemoryCandidates } from './findMemoryCandidates';
import type { DataStore, RawOp } from './model';
import { entityNameOf, firstRefOf, storeIdOf, storeKindOf } from './nameStores';
import { requestPart } from './requestValueSource';
import { StoreRegistry } from './StoreRegistry';
import { ViewEvaluator } from './ViewEvaluator';
import { walkPaths } from '../walkPaths';

export interface AnalysedStore {
  store: DataStore;
  finding: StoreFinding;
  operations: OperationFinding[];
  evidence: EntityEvidence[];
}

export interface DataStoreAnalysis {
  stores: AnalysedStore[];
  /** Answers what any expression is in terms of the stores (for transforms); absent after an internal failure. */
  evaluator?: ViewEvaluator;
}

const cache = new WeakMap<ProjectIndex, DataStoreAnalysis>();
/** Bookkeeping collections, not app data: caches, memo tables, queues, listener lists. */
const NOT_DATA_NAMES = /(^|_|[a-z])(cache|caches|memo|memos|seen|visited|pending|queue|stack|timers|listeners|subscribers|handlers|sockets|locks|registry|inflight)$/i;

/**
 * The shared analysis behind the in-memory and JSON-file families: run once per project, each
 * family then reports its own stores. Never throws: a failure becomes a diagnostic.
 */
export function analyseDataStores(ctx: ScanContext): DataStoreAnalysis {
  const cached = cache.get(ctx.project);
  if (cached) return cached;
  let analysis: DataStoreAnalysis;
  try {
    analysis = run(ctx);
  } catch (error) {
    ctx.diagnostics.add({
      severity: 'error',
      code: 'recogniser-failed',
      file: '.',
      line: 0,
      message: `internal error while analysing in-memory and JSON stores (${(error as Error).message}); these stores are missing from the model — please report this`,
    });
    analysis = { stores: [] };
  }
  cache.set(ctx.project, analysis);
  return analysis;
}

function run(ctx: ScanContext): DataStoreAnalysis {
  const registry = new StoreRegistry(ctx);
  findMemoryCandidates(ctx, registry);
  const calls = new CallSites(ctx);
  const ev = new ViewEvaluator(ctx, registry, calls);
  const writes = prepass(ctx, ev);
  // Paths of writes are worked out once every call site is known (path parameters of helpers).
  registry.pathHooks = { callSitesOf: (fn) => calls.of(fn) };
  for (const { file, call, fsCall } of writes) registry.addWrite(registry.refForFsCall(file, call, fsCall));
  const collected = collectOperations(ctx, ev);
  for (const store of registry.stores) {
    if (store.json) store.json.writes = registry.writesOf(store.json.source ?? store.json.display);
  }

  const seeds = new Map<DataStore, Seeds>();
  for (const store of registry.stores) if (store.family === 'memory') seeds.set(store, collectSeeds(ev, store, collected));
  const entities = new Map<DataStore, string>(registry.stores.map((s) => [s, entityNameOf(s)]));
  const keys = new Map<DataStore, KeyInfo>(registry.stores.map((s) => [s, inferKey(ev, s, collected, seeds.get(s), registry, entities.get(s)!)]));

  const used = new Set<DataStore>(collected.ops.map((op) => op.store).concat(collected.lookups.map((l) => l.store)));
  const knownEntities = new Set([...used].map((s) => entities.get(s)!));
  const isReference = (store: DataStore, attr: string, viaPath: boolean): boolean => {
    const target = referencedEntity(attr);
    return Boolean(target) && target !== entities.get(store) && (knownEntities.has(target!) || viaPath);
  };
  const ops = finaliseOperations(ev, collected, keys, isReference);
  const viaPathRefs = new Set(ops.filter((o) => o.op === 'relations').map((o) => `${entities.get(o.store)}.${o.attributes?.[0]}`));

  const confirmed = registry.stores.filter((store) => isConfirmed(store, ops, seeds.get(store)));
  const result: AnalysedStore[] = [];
  for (const store of confirmed) {
    const entity = entities.get(store)!;
    const id = storeIdOf(store, confirmed);
    const mine = ops.filter((op) => op.store === store);
    const operations = ops.filter((op) => op.op === 'join' ? op.store === store : op.store === store).map((op) => toFinding(op, entity, id));
    const references = (field: string): string | undefined => {
      const target = referencedEntity(field);
      return target && (knownEntities.has(target) || viaPathRefs.has(`${entity}.${field}`)) ? target : undefined;
    };
    const evidence = buildEvidence(ev, registry, { store, entity, key: keys.get(store)!, seeds: seeds.get(store), creates: collected.creates.filter((c) => c.store === store && mine.includes(c.op)), ops: mine }, references);
    result.push({ store, finding: toStoreFinding(ctx, store, entity, id), operations, evidence });
    if (store.json && !store.json.source) {
      const ref = firstRefOf(store)!;
      ctx.diagnostics.add({
        severity: 'warning',
        code: 'json-path-unresolved',
        file: ref.file.rel,
        line: ctx.project.lineOf(ref.path),
        message: `cannot work out which file ${store.json.display} names; the store is named after the expression — use a literal path or a constant (path.join(__dirname, …)) so records and fields can be read from the file`,
      });
    }
  }
  return { stores: result, evaluator: ev };
}

/** One walk over every file: JSON requires/imports, fs writes, and the call sites of project functions. */
function prepass(ctx: ScanContext, ev: ViewEvaluator): { file: SourceFile; call: NodePath<t.CallExpression>; fsCall: FsCall }[] {
  const writes: { file: SourceFile; call: NodePath<t.CallExpression>; fsCall: FsCall }[] = [];
  for (const file of ctx.project.sources) {
    try {
      walkPaths(file.program, {
        ImportDeclaration(path) {
          const ref = jsonModuleRefOf(ctx, file, path);
          if (ref) ev.registry.addModuleRef(ref);
        },
        CallExpression(call) {
          ev.calls.record(file, call);
          try {
            const ref = jsonModuleRefOf(ctx, file, call);
            if (ref) ev.registry.addModuleRef(ref);
            const fsCall = classifyFsCall(ctx.project, file, call);
            if (fsCall?.direction === 'write') writes.push({ file, call, fsCall });
          } catch (error) {
            ctx.diagnostics.add({
              severity: 'warning',
              code: 'recogniser-failed',
              file: file.rel,
              line: ctx.project.lineOf(call),
              message: `could not classify this call (${(error as Error).message}); a JSON file it reads or writes may be missed`,
            });
          }
        },
        NewExpression(call) {
          ev.calls.record(file, call);
        },
      });
    } catch (error) {
      ctx.diagnostics.add({
        severity: 'warning',
        code: 'recogniser-failed',
        file: file.rel,
        line: 1,
        message: `could not index the calls of this file (${(error as Error).message}); data flowing through it may be missed`,
      });
    }
  }
  ev.calls.markBuilt();
  return writes;
}

/** The key field: from `map.set(x.key, x)`, a natural key looked up from the path, or the records' `id`. */
function inferKey(ev: ViewEvaluator, store: DataStore, collected: Collected, seeds: Seeds | undefined, registry: StoreRegistry, entity: string): KeyInfo {
  const hints = new Map<string, number>();
  for (const hint of collected.keyHints) if (hint.store === store) hints.set(hint.attr, (hints.get(hint.attr) ?? 0) + 1);
  const hinted = [...hints.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? seeds?.keyAttr;
  if (hinted) return { name: hinted, natural: false };
  const fields = fieldNames(store, collected, seeds, registry);
  const pathAttrs = new Set<string>();
  for (const lookup of collected.lookups) {
    if (lookup.store !== store || !['find', 'findIndex', 'filter'].includes(lookup.method)) continue;
    for (const condition of lookup.info?.conditions ?? []) {
      if (lookup.method === 'filter' ? condition.kind !== 'neq' : condition.kind !== 'eq') continue;
      if (requestPart(ev.calls, condition.value) === 'path') pathAttrs.add(condition.attr);
    }
  }
  const [onlyPathAttr] = pathAttrs;
  // Records without an `id`, always looked up by one attribute from the path (`/links/:code`): a natural key.
  if (pathAttrs.size === 1 && !fields.has('id') && fields.has(onlyPathAttr) && !referencedEntity(onlyPathAttr)) {
    return { name: onlyPathAttr, natural: true };
  }
  if (fields.has('id') || fields.size === 0) return { name: 'id', natural: false };
  if (fields.has('_id')) return { name: '_id', natural: false };
  const own = entity.charAt(0).toLowerCase() + entity.slice(1) + 'Id';
  if (fields.has(own)) return { name: own, natural: false };
  return { name: 'id', natural: false };
}

function fieldNames(store: DataStore, collected: Collected, seeds: Seeds | undefined, registry: StoreRegistry): Set<string> {
  const names = new Set<string>();
  const addLiteral = (node: t.ObjectExpression): void => {
    for (const property of node.properties) {
      if ((property.type === 'ObjectProperty' || property.type === 'ObjectMethod') && !property.computed) {
        const key = property.key;
        if (key.type === 'Identifier') names.add(key.name);
        else if (key.type === 'StringLiteral') names.add(key.value);
      }
    }
  };
  for (const record of seeds?.records ?? []) addLiteral(record.path.node);
  for (const create of collected.creates) if (create.store === store && create.literal) addLiteral(create.literal.path.node);
  if (store.json) {
    const ref = store.json.refs[0];
    const content = ref ? registry.contentOf(ref) : undefined;
    const found = content?.ok ? collectionAt(content.value, store.json.members) : undefined;
    for (const record of found?.records ?? []) for (const key of Object.keys(record)) names.add(key);
  }
  return names;
}

/** JSON collections are data by construction; a memory collection must be written, or read and start with plain records. */
function isConfirmed(store: DataStore, ops: RawOp[], seeds: Seeds | undefined): boolean {
  if (store.family === 'json') return true;
  if (NOT_DATA_NAMES.test(store.binding.split('.').pop() ?? '')) return false;
  const mine = ops.filter((op) => op.store === store);
  if (mine.some((op) => op.op === 'create' || op.op === 'update' || op.op === 'delete')) return true;
  if (mine.length === 0 || /^[A-Z0-9_]+$/.test(store.binding)) return false;
  // Only read: a store if it starts with plain data records (an empty one that nothing fills is not data).
  return Boolean(seeds && seeds.records.length > 0 && !seeds.nonData);
}

function toStoreFinding(ctx: ScanContext, store: DataStore, entity: string, id: string): StoreFinding {
  const finding: StoreFinding = { id, kind: storeKindOf(store), entity, file: store.file.rel, line: ctx.project.lineOf(store.path), anchors: store.anchors };
  if (store.json) {
    const first = firstRefOf(store);
    if (first) {
      finding.file = first.file.rel;
      finding.line = ctx.project.lineOf(first.path);
    }
    if (store.json.source) finding.source = store.json.source;
  }
  return finding;
}

function toFinding(op: RawOp, entity: string, storeId: string): OperationFinding {
  const finding: OperationFinding = { op: op.op, entity, store: storeId, sourceFile: op.file, path: op.path as NodePath };
  if (op.attributes && op.attributes.length > 0) finding.attributes = op.attributes;
  if (op.order) finding.order = op.order;
  if (op.pagination) finding.pagination = op.pagination;
  if (op.unique && op.unique.length > 0) finding.unique = op.unique;
  if (op.match) finding.match = op.match;
  if (op.inputs && op.inputs.length > 0) finding.inputs = op.inputs;
  return finding;
}
