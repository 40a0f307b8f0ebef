import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { Collected, Lookup } from './collectOperations';
import type { FilterMatch, RequestInputRecord } from '../../model/access-model';
import type { Condition, DataStore, RawOp } from './model';
import { storeKindOf } from './nameStores';
import { classifyIdStrategy } from './classifyIdStrategy';
import { uniqueAttributes } from './recogniseUniqueness';
import { requestInput, requestPart, type RequestInput } from './requestValueSource';
import { SaveChecker } from './savesStore';
import { isWithin, textOf } from './syntax';
import type { ViewEvaluator } from './ViewEvaluator';

export interface KeyInfo {
  name: string;
  /** The app looks records up by this non-id attribute from the path (`/links/:code`). */
  natural: boolean;
}

interface ReadCandidate {
  lookup: Lookup;
  origin: t.Node;
  keyText?: string;
  attributes?: string[];
}

const MUTATIONS = new Set(['create', 'update', 'delete']);

/**
 * Turns raw findings into the operations of the model: lookups become read-by-id / filter-by-attr /
 * relations / join / ttl / delete-by-filter; reads absorbed by the mutation they prepare are dropped;
 * unsaved changes to JSON file data are dropped; creates get their uniqueness checks.
 */
export function finaliseOperations(
  ev: ViewEvaluator,
  collected: Collected,
  keys: Map<DataStore, KeyInfo>,
  isReference: (store: DataStore, attr: string, viaPath: boolean) => boolean,
): RawOp[] {
  const ops: RawOp[] = [...collected.ops];
  const reads: ReadCandidate[] = [];
  const keyOf = (store: DataStore): string => keys.get(store)?.name ?? 'id';

  for (const lookup of collected.lookups) {
    const key = keyOf(lookup.store);
    const base = { store: lookup.store, file: lookup.file, path: lookup.path, fn: lookup.fn?.node ?? null };
    if (lookup.method === 'key') {
      reads.push({ lookup, origin: lookup.path.node, keyText: lookup.keyPath ? textOf(lookup.file.text, lookup.keyPath.node) : undefined });
      joinFrom(ev, lookup, lookup.keyPath, key, ops);
      continue;
    }
    const conditions = lookup.info?.conditions ?? [];
    const byKey = conditions.find((c) => c.kind === 'eq' && c.attr === key);
    // `links.find(l => l.code === req.params.code)`: one record by another identifier from the path.
    const byPathAttr =
      !byKey && (lookup.method === 'find' || lookup.method === 'findIndex')
        ? conditions.find((c) => c.kind === 'eq' && requestPart(ev.calls, c.value) === 'path' && !isReference(lookup.store, c.attr, true))
        : undefined;
    const removesOne = conditions.find((c) => c.kind === 'neq' && (c.attr === key || requestPart(ev.calls, c.value) === 'path'));
    const filterConditions = conditions.filter((c) => c.kind !== 'ttl' && c.kind !== 'neq' && c.kind !== 'exists' && c.attr !== key);
    const filterAttrs = unique(filterConditions.map((c) => c.attr));
    if (lookup.method === 'filter' && removesOne) {
      ops.push({ ...base, op: 'delete', keyText: removesOne.value ? textOf(removesOne.valueFile?.text ?? lookup.file.text, removesOne.value.node) : undefined, needsSave: true });
    } else if (byKey && lookup.method !== 'every') {
      reads.push({ lookup, origin: lookup.path.node, keyText: byKey.value ? textOf(byKey.valueFile?.text ?? lookup.file.text, byKey.value.node) : undefined });
    } else if (byPathAttr) {
      const keyText = byPathAttr.value ? textOf(byPathAttr.valueFile?.text ?? lookup.file.text, byPathAttr.value.node) : undefined;
      reads.push({ lookup, origin: lookup.path.node, keyText, attributes: [byPathAttr.attr] });
    } else if (filterAttrs.length > 0) {
      ops.push(...filterOps(base, filterConditions, (value) => requestInput(ev.calls, value)));
    }
    for (const condition of filterConditions) {
      const viaPath = requestPart(ev.calls, condition.value) === 'path';
      if (isReference(lookup.store, condition.attr, viaPath)) ops.push({ ...base, op: 'relations', attributes: [condition.attr] });
    }
    for (const condition of conditions.filter((c) => c.kind === 'eq')) joinFrom(ev, lookup, condition.value, key, ops, condition);
  }

  // Changes to data loaded from a JSON file that is never written back are not persisted.
  const saves = new SaveChecker(ev);
  const persisted = ops.filter((op) => {
    if (!MUTATIONS.has(op.op) || op.store.family !== 'json') return true;
    const kind = storeKindOf(op.store);
    if (kind === 'json-require' || kind === 'json-import') return true;
    return saves.saves(op, op.store.json!.source ?? op.store.json!.display);
  });

  for (const read of reads) {
    if (read.lookup.method === 'findIndex' && !read.lookup.indexRead) continue;
    const absorbed = !isKeptProbe(ev, read.lookup) && persisted.some(
      (op) =>
        MUTATIONS.has(op.op) &&
        op.store === read.lookup.store &&
        op.fn === (read.lookup.fn?.node ?? null) &&
        !op.expiry &&
        ((op.consumes ?? []).includes(read.origin) ||
          (read.keyText !== undefined && op.keyText === read.keyText) ||
          // `if (links.some(l => l.code === code)) 409` before a create: part of the create.
          (op.op === 'create' && read.lookup.method === 'some')),
    );
    if (absorbed) continue;
    persisted.push({
      op: 'read-by-id',
      store: read.lookup.store,
      file: read.lookup.file,
      path: read.lookup.path,
      fn: read.lookup.fn?.node ?? null,
      attributes: read.attributes,
    });
  }

  for (const op of persisted) {
    if (op.op !== 'create') continue;
    const attrs = uniqueAttributes(ev, op, collected.lookups, (lookup) =>
      unique((lookup.info?.conditions ?? []).filter((c) => c.kind === 'eq').map((c) => c.attr)),
    );
    if (attrs.length > 0) op.unique = attrs;
  }
  return dedupe(persisted);
}

/**
 * `while (users[id]) id = …`: a read by key in a loop's test, looking for a key nobody holds, is
 * part of the id code rather than of the create. When that code makes random or sequential ids the
 * plan replaces it (uuid, counter) and apply drops a loop that only assigns the key, so the create
 * absorbs the read; any other such loop stays and reads the table on every create: an operation
 * of its own, which its handler must be granted.
 */
function isKeptProbe(ev: ViewEvaluator, lookup: Lookup): boolean {
  const key = lookup.keyPath;
  if (lookup.method !== 'key' || !key?.isIdentifier()) return false;
  const loop = lookup.path.findParent((p) => p.isFunction() || p.isWhileStatement() || p.isDoWhileStatement() || p.isForStatement());
  if (!loop || loop.isFunction() || !isWithin(lookup.path, (loop.node as t.WhileStatement).test as t.Node)) return false;
  const strategy = classifyIdStrategy(ev, lookup.file, key).strategy;
  return !((strategy === 'uuid' || strategy === 'increment') && onlyAssigns(loop.node as t.WhileStatement | t.DoWhileStatement | t.ForStatement, key.node.name));
}

/** The loop's body (and a for's update) only give `name` a new value: nothing else would be lost with it. */
function onlyAssigns(loop: t.WhileStatement | t.DoWhileStatement | t.ForStatement, name: string): boolean {
  if (loop.type === 'ForStatement' && loop.init) return false;
  const body = loop.body.type === 'BlockStatement' ? loop.body.body : [loop.body];
  const expressions = [...body.map((statement) => (statement.type === 'ExpressionStatement' ? statement.expression : statement.type === 'EmptyStatement' ? null : statement)), ...(loop.type === 'ForStatement' && loop.update ? [loop.update] : [])];
  return expressions.every((node) => {
    if (node === null) return true;
    if (node.type === 'AssignmentExpression') return node.left.type === 'Identifier' && node.left.name === name;
    if (node.type === 'UpdateExpression') return node.argument.type === 'Identifier' && node.argument.name === name;
    return false;
  });
}

/** `users.find(u => u.id === order.userId)` inside work on orders: a join of Order to User on userId. */
function joinFrom(ev: ViewEvaluator, lookup: Lookup, value: NodePath | undefined, key: string, ops: RawOp[], condition?: Condition): void {
  if (!value?.node) return;
  if (condition && condition.attr !== key) return;
  const view = ev.view(condition?.valueFile ?? lookup.file, value);
  if (view?.type !== 'field' || view.store === lookup.store || view.attr === '*') return;
  // Reported on the main entity (the one whose records are enriched), with the foreign key as attribute.
  ops.push({ op: 'join', store: view.store, file: lookup.file, path: lookup.path, fn: lookup.fn?.node ?? null, attributes: [view.attr] });
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * One operation per kind, store, function and attributes (the first place it is seen); the field
 * assignments of one function (`item.name = …; item.tags = …`) are one update of those fields.
 */
/**
 * One filter-by-attr per way the filter compares (`t.team === x && t.name.includes(q)`: team
 * equals, name contains), since only the equality can be answered by an index.
 */
function filterOps(base: Pick<RawOp, 'store' | 'file' | 'path' | 'fn'>, conditions: Condition[], inputOf: (value: NodePath | undefined) => RequestInput | undefined): RawOp[] {
  const byMatch = new Map<FilterMatch, string[]>();
  const inputs = new Map<FilterMatch, RequestInputRecord[]>();
  for (const condition of conditions) {
    const match = condition.match ?? 'equals';
    byMatch.set(match, unique([...(byMatch.get(match) ?? []), condition.attr]));
    // the parameter a request sets to ask for this filter (`?search=` for `title`)
    const input = inputOf(condition.value);
    const mine = inputs.get(match) ?? [];
    if (input?.name !== undefined && !mine.some((known) => known.attribute === condition.attr)) inputs.set(match, [...mine, { attribute: condition.attr, from: input.part, name: input.name }]);
  }
  return [...byMatch].map(([match, attributes]) => ({ ...base, op: 'filter-by-attr' as const, attributes, ...(match !== 'equals' ? { match } : {}), ...(inputs.has(match) ? { inputs: inputs.get(match) } : {}) }));
}

function dedupe(ops: RawOp[]): RawOp[] {
  const seen = new Set<string>();
  const sorted = [...ops].sort((a, b) => (a.file.rel < b.file.rel ? -1 : a.file.rel > b.file.rel ? 1 : (a.path.node.start ?? 0) - (b.path.node.start ?? 0)));
  const updates = new Map<string, RawOp>();
  const merged = sorted.filter((op) => {
    if (op.op !== 'update') return true;
    const id = [op.store.key, op.file.rel, op.fn?.start ?? 'module'].join('|');
    const first = updates.get(id);
    if (!first) {
      updates.set(id, op);
      return true;
    }
    first.attributes = first.attributes && op.attributes ? unique([...first.attributes, ...op.attributes]) : undefined;
    return false;
  });
  return merged.filter((op) => {
    const id = [op.op, op.store.key, op.fn?.start ?? 'module', op.file.rel, (op.attributes ?? []).join(','), op.order ?? '', op.pagination ?? '', op.match ?? ''].join('|');
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
