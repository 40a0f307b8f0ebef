import traverse, { type NodePath, type Visitor } from '@babel/traverse';
import * as t from '@babel/types';
import type { OpKind } from '../../model/access-model';
import type { ScanContext, SourceFile } from '../types';
import { analysePredicate } from './analysePredicate';
import { analyseComparator, analyseSlice } from './analyseOrdering';
import type { Collected, DataStore, Lookup, RawOp, RecordLiteral, View } from './model';
import { assignedAttributes, classifyWrittenValue, isRecordValue, recordLiteralOf, type WriteClassification } from './recogniseWrites';
import { listSinkVisitor } from './recogniseSinks';
import { reportContainerAccess, underExpiryCheck } from './recogniseGuards';
import { requestPart } from './requestValueSource';
import { fieldOfComparison } from './recogniseTtl';
import { storeKindOf } from './nameStores';
import { isNowExpression, isNowPlusDuration, memberName, propertyKeyName, textOf, unwrap } from './syntax';
import { ARRAY_METHODS, shapeOf, type ViewEvaluator } from './ViewEvaluator';
import { walkPaths } from '../walkPaths';

const MUTATING_FIELD_METHODS = new Set(['push', 'unshift', 'splice', 'pop', 'shift', 'sort', 'reverse', 'set', 'add', 'delete']);
const COLLECTION_MUTATIONS = new Set(['push', 'unshift', 'splice', 'concat', 'pop', 'shift']);
/** A copy of a JSON file's collection that is then written back replaces the file: its changes count. */
const savedCopy = (store: DataStore): boolean => /^json-file-/.test(storeKindOf(store));
const PREDICATE_METHODS = new Set(['find', 'findLast', 'findIndex', 'findLastIndex', 'filter', 'some', 'every']);

/** Walks every function of the project and records what it does to the data stores. */
export type { Collected, CreateSite, Lookup } from './model';

export function collectOperations(ctx: ScanContext, ev: ViewEvaluator): Collected {
  const out: Collected = { ops: [], lookups: [], creates: [], keyHints: [], seedWrites: [] };
  for (const file of ctx.project.sources) {
    const guard = (path: NodePath, run: () => void): void => {
      try {
        run();
      } catch (error) {
        ctx.diagnostics.add({
          severity: 'warning',
          code: 'recogniser-failed',
          file: file.rel,
          line: ctx.project.lineOf(path),
          message: `could not analyse this data access (${(error as Error).message}); it is not in the model`,
        });
      }
    };
    const collector = new FileCollector(ev, file, out);
    try {
      const operations: Visitor = {
        'CallExpression|OptionalCallExpression'(path) {
          guard(path, () => collector.call(path as NodePath<t.CallExpression>));
        },
        AssignmentExpression(path) {
          guard(path, () => collector.assignment(path));
        },
        UpdateExpression(path) {
          guard(path, () => collector.updateExpression(path));
        },
        UnaryExpression(path) {
          if (path.node.operator === 'delete') guard(path, () => collector.deleteExpression(path));
        },
        MemberExpression(path) {
          if (path.node.computed) guard(path, () => collector.computedRead(path));
        },
        ArrayExpression(path) {
          guard(path, () => collector.arraySpread(path));
        },
        BinaryExpression(path) {
          guard(path, () => collector.comparison(path));
        },
        'ForOfStatement|ForInStatement'(path) {
          guard(path, () => collector.loop(path as NodePath<t.ForOfStatement | t.ForInStatement>));
        },
      };
      const sinks = listSinkVisitor(ev, file, (path, view) => collector.list(path, view), guard);
      walkPaths(file.program, traverse.visitors.merge([operations, sinks]));
    } catch (error) {
      ctx.diagnostics.add({
        severity: 'warning',
        code: 'recogniser-failed',
        file: file.rel,
        line: 1,
        message: `could not analyse the data accesses of this file (${(error as Error).message}); its operations may be missing`,
      });
    }
  }
  return out;
}

class FileCollector {
  constructor(
    private readonly ev: ViewEvaluator,
    private readonly file: SourceFile,
    private readonly out: Collected,
  ) {}

  private emit(op: OpKind, store: DataStore, path: NodePath, extra: Partial<RawOp> = {}): RawOp | undefined {
    const fn = path.getFunctionParent();
    if (!fn) return undefined;
    const raw: RawOp = { op, store, file: this.file, path, fn: fn.node, ...extra };
    this.out.ops.push(raw);
    return raw;
  }

  private lookup(store: DataStore, path: NodePath, method: Lookup['method'], extra: Partial<Lookup> = {}): void {
    const fn = path.getFunctionParent();
    if (!fn) return;
    this.out.lookups.push({ store, file: this.file, path, fn, method, ...extra });
  }

  list(path: NodePath, view: View & { type: 'collection' }): void {
    this.emit('list', view.store, path);
  }

  call(path: NodePath<t.CallExpression>): void {
    const callee = unwrap(path.get('callee') as NodePath);
    if (!callee.isMemberExpression() && !callee.isOptionalMemberExpression()) return;
    const name = memberName(callee.node);
    if (!name) return;
    const object = callee.get('object') as NodePath;
    const args = path.get('arguments') as NodePath[];
    if (object.isIdentifier({ name: 'Object' }) && name === 'assign' && !object.scope.getBinding('Object')) {
      this.objectAssign(path, args);
      return;
    }
    const receiver = this.ev.view(this.file, object);
    if (!receiver) return;
    if (receiver.type === 'field' && MUTATING_FIELD_METHODS.has(name)) {
      this.updateRecord(path, receiver.record, [receiver.attr]);
      return;
    }
    const view = ARRAY_METHODS.has(name) ? this.ev.asCollection(receiver) : receiver;
    if (view?.type !== 'collection') return;
    if (view.copy && COLLECTION_MUTATIONS.has(name) && !savedCopy(view.store)) return;
    if (shapeOf(view) === 'map') this.mapMethod(path, view.store, name, args);
    else this.arrayMethod(path, view.store, name, args);
  }

  private mapMethod(path: NodePath<t.CallExpression>, store: DataStore, name: string, args: NodePath[]): void {
    if (name === 'get') {
      this.lookup(store, path, 'key', { keyPath: args[0] });
    } else if (name === 'set' && args.length >= 2) {
      this.keyedWrite(path, store, args[0], args[1]);
    } else if (name === 'delete' && args[0]) {
      this.emit('delete', store, path, { keyText: textOf(this.file.text, args[0].node), expiry: underExpiryCheck(path) });
    }
  }

  private arrayMethod(path: NodePath<t.CallExpression>, store: DataStore, name: string, args: NodePath[]): void {
    if (name === 'push' || name === 'unshift' || name === 'concat') {
      for (const arg of args) {
        const value = name === 'concat' && unwrap(arg).isArrayExpression() ? (unwrap(arg).get('elements') as NodePath[])[0] : arg;
        if (value && !value.isSpreadElement() && isRecordValue(value)) this.create(path, store, value);
      }
      return;
    }
    if (PREDICATE_METHODS.has(name)) {
      const method = (name.startsWith('findLast') ? name.replace('Last', '') : name) as Lookup['method'];
      this.lookup(store, path, method, { info: analysePredicate(this.ev, this.file, args[0]) });
      return;
    }
    if (name === 'splice' && args.length >= 1) {
      const index = this.ev.view(this.file, args[0]);
      const consumes = index?.type === 'index' ? [index.origin] : [];
      const deleteCount = args[1] ? unwrap(args[1]).node : undefined;
      if (args.length >= 3) {
        if (t.isNumericLiteral(deleteCount, { value: 0 })) this.create(path, store, args[2]);
        else this.emit('update', store, path, { consumes });
      } else this.emit('delete', store, path, { consumes, keyText: textOf(this.file.text, args[0].node) });
      return;
    }
    if (name === 'sort' || name === 'toSorted') {
      const comparator = args[0] && (args[0].isFunction() ? { file: this.file, path: args[0] } : this.ev.ctx.project.resolveFunction(this.file, args[0]));
      const info = analyseComparator(comparator);
      if (info) this.emit('sort', store, path, { attributes: info.attributes, order: info.order });
      return;
    }
    if (name === 'slice') {
      const pagination = analyseSlice(this.file, args);
      if (pagination) this.emit('paginate', store, path, { pagination });
      return;
    }
    if (name === 'map' && args[0]?.isFunction()) this.updateByMap(path, store, args[0]);
  }

  /** `notes.map(n => n.id === id ? { ...n, ...changes } : n)`. */
  private updateByMap(path: NodePath, store: DataStore, callback: NodePath<t.Function>): void {
    const body = unwrap(callback.get('body') as NodePath);
    if (!body.isConditionalExpression()) return;
    const info = analysePredicate(this.ev, this.file, callback);
    if (!info?.conditions.some((c) => c.kind === 'eq')) return;
    const branch = [body.get('consequent'), body.get('alternate')].map((b) => unwrap(b)).find((b) => b.isObjectExpression());
    if (!branch) return;
    const classified = classifyWrittenValue(this.ev, this.file, branch, store);
    if (classified.kind === 'update') this.emit('update', store, path, { attributes: classified.opaque ? undefined : classified.attributes });
  }

  private create(path: NodePath, store: DataStore, value: NodePath, keyPath?: NodePath): void {
    const fn = path.getFunctionParent();
    if (!fn) {
      this.out.seedWrites.push({ store, file: this.file, value, key: keyPath });
      return;
    }
    const op = this.emit('create', store, path, { keyText: keyPath ? textOf(this.file.text, keyPath.node) : undefined })!;
    const literal = recordLiteralOf(this.ev, this.file, value);
    this.out.creates.push({ store, op, literal, keyPath, keyFile: this.file });
    if (literal) this.ttlOnCreate(store, literal);
  }

  /** `expiresAt: Date.now() + ttl`: a record that expires. */
  private ttlOnCreate(store: DataStore, literal: RecordLiteral): void {
    for (const property of literal.path.get('properties')) {
      if (!property.isObjectProperty()) continue;
      const key = propertyKeyName(property.node);
      if (key && isNowPlusDuration(property.get('value') as NodePath)) {
        const fn = property.getFunctionParent();
        if (fn) this.out.ops.push({ op: 'ttl', store, file: literal.file, path: property, fn: fn.node, attributes: [key] });
      }
    }
  }

  /** `map.set(k, v)` / `obj[k] = v`: a create or an update depending on the value and the key. */
  private keyedWrite(path: NodePath, store: DataStore, keyPath: NodePath, value: NodePath): void {
    // `hits.set(req.ip, count + 1)`: a counter or flag per key, not a record.
    if (!isRecordValue(value)) return;
    this.keyHint(store, keyPath, value);
    if (!path.getFunctionParent()) {
      this.out.seedWrites.push({ store, file: this.file, value, key: keyPath });
      return;
    }
    const classified = classifyWrittenValue(this.ev, this.file, value, store);
    if (classified.param && this.liftToCallers(path, store, classified, keyPath)) return;
    this.emitKeyedWrite(path, store, classified, keyPath, value, this.file);
  }

  private emitKeyedWrite(path: NodePath, store: DataStore, classified: WriteClassification, keyPath: NodePath, value: NodePath, file: SourceFile): void {
    const keyText = textOf(this.file.text, keyPath.node);
    const byPathKey = requestPart(this.ev.calls, keyPath) === 'path';
    if (classified.kind === 'update' || (classified.kind !== 'create' && byPathKey)) {
      const attributes = classified.opaque ? undefined : classified.attributes;
      this.emit('update', store, path, { consumes: classified.consumes, keyText, attributes });
      return;
    }
    const op = this.emit('create', store, path, { keyText })!;
    const literal = classified.literal ?? recordLiteralOf(this.ev, file, value);
    this.out.creates.push({ store, op, literal, keyPath, keyFile: this.file });
    if (literal) this.ttlOnCreate(store, literal);
  }

  /** `put(product) { products[product.id] = product }`: decide create/update at each call of the helper. */
  private liftToCallers(path: NodePath, store: DataStore, classified: WriteClassification, keyPath: NodePath): boolean {
    const { fn, index } = classified.param!;
    const sites = this.ev.calls.of(fn.node);
    if (sites.length === 0) return false;
    for (const site of sites) {
      const arg = (site.call.get('arguments') as NodePath[])[index];
      if (!arg || !site.call.getFunctionParent()) continue;
      const atSite = classifyWrittenValue(this.ev, site.file, arg, store);
      const siteCollector = new FileCollector(this.ev, site.file, this.out);
      siteCollector.emitKeyedWrite(site.call, store, atSite, keyPath, arg, site.file);
    }
    return true;
  }

  private keyHint(store: DataStore, keyPath: NodePath, value: NodePath): void {
    const key = unwrap(keyPath);
    if (key.isMemberExpression() && !key.node.computed) {
      const attr = memberName(key.node);
      if (attr) this.out.keyHints.push({ store, attr });
      return;
    }
    if (key.isIdentifier()) {
      const literal = recordLiteralOf(this.ev, this.file, value);
      for (const property of literal?.path.node.properties ?? []) {
        if (t.isObjectProperty(property) && t.isIdentifier(property.value, { name: key.node.name })) {
          const attr = propertyKeyName(property);
          if (attr) this.out.keyHints.push({ store, attr });
        }
      }
    }
  }

  assignment(path: NodePath<t.AssignmentExpression>): void {
    const left = path.get('left') as NodePath;
    if (!left.isMemberExpression()) return;
    const object = left.get('object') as NodePath;
    const name = memberName(left.node);
    const dynamic = left.node.computed && (name === undefined || !/^\d+$/.test(name));
    let target = this.ev.view(this.file, object);
    if (target?.type === 'document' && dynamic && target.members.length === 0 && !this.ev.registry.contentOf(target.ref).ok) {
      target = this.ev.asCollection(target, 'object');
    }
    if (!target) return;
    const right = path.get('right') as NodePath;
    if (target.type === 'record') {
      if (dynamic) this.updateRecord(path, target, undefined);
      else if (name) this.updateRecord(path, target, [name]);
      return;
    }
    if (target.type === 'field') {
      this.updateRecord(path, target.record, [target.attr]);
      return;
    }
    if (target.type !== 'collection') return;
    const store = target.store;
    if (shapeOf(target) === 'object') {
      this.keyedWrite(path, store, left.get('property') as NodePath, right);
      return;
    }
    if (shapeOf(target) === 'array' && left.node.computed && (!target.copy || savedCopy(store))) {
      const index = this.ev.view(this.file, left.get('property') as NodePath);
      const classified = classifyWrittenValue(this.ev, this.file, right, store);
      const consumes = [...classified.consumes, ...(index?.type === 'index' ? [index.origin] : [])];
      if (!path.getFunctionParent()) return;
      this.emit('update', store, path, { consumes, attributes: classified.opaque ? undefined : classified.attributes });
    }
  }

  private updateRecord(path: NodePath, record: View & { type: 'record' }, attributes: string[] | undefined): void {
    this.emit('update', record.store, path, { consumes: [record.origin], attributes, needsSave: true });
  }

  private objectAssign(path: NodePath<t.CallExpression>, args: NodePath[]): void {
    const target = this.ev.view(this.file, args[0]);
    if (target?.type !== 'record') return;
    const { attributes, opaque } = assignedAttributes(this.ev, this.file, args.slice(1), target.store);
    this.updateRecord(path, target, opaque ? undefined : attributes);
  }

  updateExpression(path: NodePath<t.UpdateExpression>): void {
    const argument = path.get('argument');
    if (!argument.isMemberExpression()) return;
    const target = this.ev.view(this.file, argument.get('object') as NodePath);
    const name = memberName(argument.node);
    if (target?.type === 'record' && name) this.updateRecord(path, target, [name]);
    else if (target?.type === 'field') this.updateRecord(path, target.record, [target.attr]);
  }

  deleteExpression(path: NodePath<t.UnaryExpression>): void {
    const argument = path.get('argument');
    if (!argument.isMemberExpression()) return;
    let target = this.ev.view(this.file, argument.get('object') as NodePath);
    if (target?.type === 'document' && target.members.length === 0) target = this.ev.asCollection(target, 'object');
    if (target?.type === 'collection' && shapeOf(target) === 'object') {
      const key = argument.get('property') as NodePath;
      this.emit('delete', target.store, path, { keyText: textOf(this.file.text, key.node), expiry: underExpiryCheck(path) });
    } else if (target?.type === 'record') {
      const name = memberName(argument.node);
      this.updateRecord(path, target, name ? [name] : undefined);
    }
  }

  /** `users[id]` read (not written, not deleted): a lookup by key. `arr[i]` after findIndex: that lookup was read. */
  computedRead(path: NodePath<t.MemberExpression>): void {
    const parent = path.parentPath;
    if (parent?.isAssignmentExpression() && parent.node.left === path.node) return;
    if (parent?.isUpdateExpression() || parent?.isUnaryExpression({ operator: 'delete' })) return;
    const view = this.ev.view(this.file, path);
    if (!view) reportContainerAccess(this.ev, this.file, path);
    if (view?.type !== 'record' || view.iteration) return;
    if (view.store.shape === 'object' && view.origin === path.node) {
      this.lookup(view.store, path, 'key', { keyPath: path.get('property') as NodePath });
    } else if (view.store.shape === 'array') {
      const lookup = this.out.lookups.find((l) => l.path.node === view.origin);
      if (lookup) lookup.indexRead = true;
    }
  }

  /** `[...notes, note]`: a create when the new array replaces or saves the collection. */
  arraySpread(path: NodePath<t.ArrayExpression>): void {
    const elements = path.get('elements') as NodePath[];
    const spread = elements.find((e) => e.isSpreadElement());
    if (!spread || elements.length < 2) return;
    const view = this.ev.asCollection(this.ev.view(this.file, spread.get('argument') as NodePath));
    if (view?.type !== 'collection') return;
    for (const element of elements) {
      if (element.isSpreadElement() || !isRecordValue(element)) continue;
      this.create(path, view.store, element);
    }
  }

  /** `for (const id in users)`, `for (const n of notes)`: every record is read (a scan), whatever the body does. */
  loop(path: NodePath<t.ForOfStatement | t.ForInStatement>): void {
    const right = path.get('right') as NodePath;
    const view = this.ev.asCollection(this.ev.view(this.file, right), path.isForInStatement() ? 'object' : 'array');
    if (view?.type === 'collection' && view.whole) this.emit('list', view.store, right);
  }

  /** `link.expiresAt < Date.now()` on a record: expiry (TTL) check. */
  comparison(path: NodePath<t.BinaryExpression>): void {
    if (!['<', '<=', '>', '>='].includes(path.node.operator)) return;
    const left = path.get('left') as NodePath;
    const right = path.get('right');
    const field = isNowExpression(right) ? fieldOfComparison(this.ev, this.file, left) : isNowExpression(left) ? fieldOfComparison(this.ev, this.file, right) : undefined;
    if (field) this.emit('ttl', field.store, path, { attributes: [field.attr] });
  }
}
