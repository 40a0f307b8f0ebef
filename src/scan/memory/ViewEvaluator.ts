import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { classifyFsCall } from '../json-file/classifyFsCall';
import type { FunctionRef, ScanContext, SourceFile, ValueOrigin } from '../types';
import type { CallSites } from './CallSites';
import type { DataStore, View } from './model';
import { keepsEveryRecord } from './analysePredicate';
import { helperCallbackView, paramView } from './paramViews';
import { elementView, returnedExpressions, shapeOf, union } from './views';
import { requestPart } from './requestValueSource';
import type { StoreRegistry } from './StoreRegistry';
import { destructuredKey, memberName, propertyKeyName, textOf, unwrap } from './syntax';
import { walkPaths } from '../walkPaths';

/** Array methods whose callback receives a record as its first parameter. */
export const ITERATION_METHODS = new Set(['find', 'findIndex', 'findLast', 'findLastIndex', 'filter', 'some', 'every', 'forEach', 'map', 'flatMap']);
/** Methods that only make sense on an array: a JSON document value used with them is a collection. */
export const ARRAY_METHODS = new Set([
  ...ITERATION_METHODS, 'push', 'unshift', 'splice', 'sort', 'toSorted', 'slice', 'reduce', 'reduceRight', 'concat', 'indexOf', 'includes', 'at', 'pop', 'shift', 'reverse',
]);
const COPY_METHODS = new Set(['slice', 'sort', 'toSorted', 'reverse', 'toReversed', 'concat', 'map', 'flatMap']);
const TOO_DEEP = Symbol('too deep');
const MAX_STACK = 80;

/**
 * Works out what a value is in terms of the data stores: the collection itself (or a copy, maybe
 * narrowed), one record, a field of a record, a findIndex result, a parsed JSON document or a
 * JSON file's raw text. Follows local variables, imports/requires, helper function returns,
 * callback parameters (fs callbacks, `getNotes((err, notes) => …)`, `.then(notes => …)`, array
 * callbacks) and parameters of helpers from their call sites.
 */
export class ViewEvaluator {
  private readonly memo = new Map<unknown, View | null>();
  private readonly active = new Set<unknown>();
  private readonly hits: Set<unknown>[] = [];
  private readonly composite = new Map<t.Node, Map<string, object>>();
  private readonly reported = new Set<t.Node>();

  constructor(
    readonly ctx: ScanContext,
    readonly registry: StoreRegistry,
    readonly calls: CallSites,
  ) {}

  view(file: SourceFile, path: NodePath | undefined): View | undefined {
    if (!path?.node) return undefined;
    return this.guarded(path.node, () => this.compute(file, path));
  }

  /** `obj.name` as a view, without a MemberExpression node (destructuring). */
  memberOf(file: SourceFile, objectPath: NodePath, name: string): View | undefined {
    const objectView = this.view(file, objectPath);
    if (objectView) return this.namedMember(objectView, name, objectPath.node);
    const literal = this.objectLiteralMember(file, objectPath, name);
    if (literal) return literal;
    const origin = this.resolve(file, objectPath);
    return origin ? this.originView(this.ctx.project.resolveMember(origin, name)) : undefined;
  }

  /** What a function returns (union over its return statements). */
  returnView(fn: FunctionRef): View | undefined {
    return this.guarded(this.key(fn.path.node, 'return'), () => union(returnedExpressions(fn).map((r) => this.view(fn.file, r))));
  }

  /** Promotes a document value used as an array/object to a collection of a JSON store. */
  asCollection(view: View | undefined, shape: 'array' | 'object' = 'array'): View | undefined {
    if (view?.type === 'document') return this.registry.documentView(view.ref, view.members, shape);
    return view;
  }

  diagnoseOnce(file: SourceFile, node: t.Node, message: string): void {
    if (this.reported.has(node)) return;
    this.reported.add(node);
    this.ctx.diagnostics.add({ severity: 'warning', code: 'unresolved-store-use', file: file.rel, line: this.ctx.project.lineOf(node), message });
  }

  resolve(file: SourceFile, path: NodePath): ValueOrigin | undefined {
    try {
      return this.ctx.project.resolveExpression(file, path);
    } catch {
      return undefined;
    }
  }

  /** A stable composite memo key (internal). */
  key(node: t.Node, ...parts: (string | number)[]): object {
    let map = this.composite.get(node);
    if (!map) this.composite.set(node, (map = new Map()));
    const id = parts.join(':');
    let key = map.get(id);
    if (!key) map.set(id, (key = { id }));
    return key;
  }

  /** Memoised evaluation that tolerates cycles (`x = x.filter(…)`): results that saw an unfinished value are not cached. */
  guarded(key: unknown, compute: () => View | undefined): View | undefined {
    const cached = this.memo.get(key);
    if (cached !== undefined) return cached ?? undefined;
    if (this.active.has(key) || this.hits.length > MAX_STACK) {
      this.hits[this.hits.length - 1]?.add(this.active.has(key) ? key : TOO_DEEP);
      return undefined;
    }
    this.active.add(key);
    this.hits.push(new Set());
    let result: View | undefined;
    try {
      result = compute();
    } finally {
      this.active.delete(key);
      const seen = this.hits.pop()!;
      seen.delete(key);
      if (seen.size === 0) this.memo.set(key, result ?? null);
      else for (const hit of seen) this.hits[this.hits.length - 1]?.add(hit);
    }
    return result;
  }

  private compute(file: SourceFile, path: NodePath): View | undefined {
    const p = unwrap(path);
    if (p.node !== path.node) return this.view(file, p);
    if (p.isIdentifier()) return this.identifierView(file, p);
    if (p.isMemberExpression() || p.isOptionalMemberExpression()) return this.memberExpressionView(file, p);
    if (p.isCallExpression() || p.isOptionalCallExpression()) return this.callView(file, p);
    if (p.isNewExpression()) return this.newView(file, p);
    if (p.isConditionalExpression()) return union([this.view(file, p.get('consequent')), this.view(file, p.get('alternate'))]);
    if (p.isLogicalExpression()) return union([this.view(file, p.get('left')), this.view(file, p.get('right'))]);
    if (p.isSequenceExpression()) return this.view(file, p.get('expressions').at(-1));
    if (p.isAssignmentExpression()) return this.view(file, p.get('right'));
    if (p.isArrayExpression() && p.node.elements.length === 1 && t.isSpreadElement(p.node.elements[0])) {
      const inner = this.asCollection(this.view(file, (p.get('elements')[0] as NodePath).get('argument') as NodePath));
      return inner?.type === 'collection' ? { ...inner, array: true, copy: true } : undefined;
    }
    return undefined;
  }

  private identifierView(file: SourceFile, p: NodePath<t.Identifier>): View | undefined {
    const binding = p.scope.getBinding(p.node.name);
    if (!binding) return this.originView(this.resolve(file, p));
    const direct = this.registry.storeOfNode(binding.path.node);
    if (direct) return { type: 'collection', store: direct, whole: true };
    if (binding.kind === 'module') return this.originView(this.resolve(file, p));
    if (binding.kind === 'param') return paramView(this, file, binding);
    if (binding.path.isVariableDeclarator()) {
      const local = this.bindingView(file, binding);
      if (local) return local;
      const origin = this.resolve(file, p);
      if (origin && !(origin.kind === 'declaration' && origin.path.node === binding.path.node)) return this.originView(origin);
    }
    return undefined;
  }

  bindingView(file: SourceFile, binding: Binding): View | undefined {
    return this.guarded(binding, () => {
      const decl = binding.path as NodePath<t.VariableDeclarator>;
      const name = binding.identifier.name;
      const views: (View | undefined)[] = [];
      const id = decl.node.id;
      const init = decl.get('init') as NodePath;
      if (t.isObjectPattern(id)) {
        const key = destructuredKey(id, name);
        if (key && init.node) views.push(this.memberOf(file, init, key));
      } else if (t.isIdentifier(id)) {
        if (init.node) views.push(this.view(file, init));
        const loop = decl.parentPath?.parentPath;
        if (loop?.isForOfStatement() && loop.node.left === decl.parent) views.push(this.elementOf(file, loop.get('right'), loop.node));
        if (loop?.isForInStatement() && loop.node.left === decl.parent) {
          const over = this.asCollection(this.view(file, loop.get('right')), 'object');
          if (over?.type === 'collection') views.push({ type: 'key', store: over.store });
        }
      } else if (t.isArrayPattern(id)) {
        // for (const [id, todo] of todos) / of Object.entries(users)
        const loop = decl.parentPath?.parentPath;
        const index = id.elements.findIndex((e) => e === binding.identifier || (t.isAssignmentPattern(e) && e.left === binding.identifier));
        if (loop?.isForOfStatement() && loop.node.left === decl.parent && index >= 0) views.push(this.elementOf(file, loop.get('right'), loop.node, index));
      }
      for (const violation of binding.constantViolations) {
        if (violation.isAssignmentExpression({ operator: '=' }) && t.isIdentifier(violation.node.left, { name })) {
          views.push(this.view(file, violation.get('right')));
        }
      }
      return union(views);
    });
  }

  private elementOf(file: SourceFile, collection: NodePath, origin: t.Node, index?: number): View | undefined {
    const view = this.asCollection(this.view(file, collection));
    return view?.type === 'collection' ? elementView(view, origin, index) : undefined;
  }

  private memberExpressionView(file: SourceFile, p: NodePath<t.MemberExpression | t.OptionalMemberExpression>): View | undefined {
    const objectPath = p.get('object') as NodePath;
    const name = memberName(p.node);
    const objectView = this.view(file, objectPath);
    if (objectView) {
      if (p.node.computed && (name === undefined || /^\d+$/.test(name))) return this.computedMember(file, p, objectView);
      return name === undefined ? undefined : this.namedMember(objectView, name, p.node);
    }
    if (name !== undefined) {
      const literal = this.objectLiteralMember(file, objectPath, name);
      if (literal) return literal;
    }
    const fromOrigin = this.originView(this.resolve(file, p));
    if (fromOrigin) return fromOrigin;
    if (objectPath.isThisExpression() && name) return this.objectThisMember(file, p, name);
    return undefined;
  }

  namedMember(view: View, name: string, node: t.Node): View | undefined {
    switch (view.type) {
      case 'collection':
        return shapeOf(view) === 'object' && name !== 'length' ? { type: 'record', store: view.store, origin: node, iteration: false } : undefined;
      case 'record':
        return { type: 'field', store: view.store, attr: name, record: view };
      case 'field':
        return view;
      case 'document':
        return this.registry.documentView(view.ref, [...view.members, name]);
      default:
        return undefined;
    }
  }

  private computedMember(file: SourceFile, p: NodePath<t.MemberExpression | t.OptionalMemberExpression>, view: View): View | undefined {
    let target = view;
    if (target.type === 'document') {
      // With no data file to look at, `data[req.params.id]` is a record of an id-keyed document;
      // `data[name]` with any other key picks a collection we cannot name.
      const byRequest = requestPart(this.calls, p.get('property') as NodePath) !== undefined;
      if (target.members.length === 0 && !this.registry.contentOf(target.ref).ok && byRequest) target = this.registry.documentView(target.ref, [], 'object');
      else {
        this.diagnoseOnce(file, p.node, `computed access ${textOf(file.text, p.node)} on the JSON document ${target.ref.display}: cannot tell which collection it reads; operations through it are not in the model`);
        return undefined;
      }
    }
    if (target.type === 'record') return { type: 'field', store: target.store, attr: '*', record: target };
    if (target.type !== 'collection') return undefined;
    if (shapeOf(target) === 'object') {
      const key = this.view(file, p.get('property') as NodePath);
      return { type: 'record', store: target.store, origin: p.node, iteration: key?.type === 'key' && key.store === target.store };
    }
    if (shapeOf(target) === 'array') {
      const index = this.view(file, p.get('property') as NodePath);
      if (index?.type === 'index') return { type: 'record', store: target.store, origin: index.origin, iteration: false };
      return { type: 'record', store: target.store, origin: p.node, iteration: true };
    }
    return undefined;
  }

  /** `{ notes }.notes`, `const api = { list: notes }; api.list`. */
  private objectLiteralMember(file: SourceFile, objectPath: NodePath, name: string, depth = 0): View | undefined {
    let object = unwrap(objectPath);
    if ((object.isCallExpression() || object.isOptionalCallExpression()) && depth < 3) {
      // `const { items, total } = repo.findAll()` where findAll returns `{ items: …, total }`.
      const fn = this.ctx.project.resolveFunction(file, object.get('callee') as NodePath);
      if (!fn) return undefined;
      const views: (View | undefined)[] = [];
      for (const returned of returnedExpressions(fn)) views.push(this.objectLiteralMember(fn.file, returned, name, depth + 1));
      return union(views);
    }
    if (object.isIdentifier()) {
      const binding = object.scope.getBinding(object.node.name);
      if (!binding?.constant || !binding.path.isVariableDeclarator()) return undefined;
      object = unwrap(binding.path.get('init') as NodePath);
    }
    if (!object.isObjectExpression()) return undefined;
    for (const property of object.get('properties')) {
      if (property.isObjectProperty() && propertyKeyName(property.node) === name) return this.view(file, property.get('value') as NodePath);
    }
    return undefined;
  }

  /** `this.data` assigned in the class (`this.data = JSON.parse(fs.readFileSync(f))` in the constructor). */
  private thisMemberView(file: SourceFile, classPath: NodePath<t.Class>, name: string): View | undefined {
    return this.guarded(this.key(classPath.node, 'this', name), () => {
      const views: (View | undefined)[] = [];
      walkPaths(classPath.get('body'), {
        AssignmentExpression: (assignment) => {
          const left = assignment.node.left;
          if (t.isMemberExpression(left) && t.isThisExpression(left.object) && memberName(left) === name) {
            views.push(this.view(file, assignment.get('right')));
          }
        },
      });
      return union(views);
    });
  }

  /** `this.notes` inside a method of an object literal (`const store = { notes: [], add() { this.notes.push(…) } }`). */
  private objectThisMember(file: SourceFile, p: NodePath, name: string): View | undefined {
    const fn = p.getFunctionParent();
    if (!fn || fn.isArrowFunctionExpression()) return undefined;
    const holder = fn.isObjectMethod() ? fn.parentPath : fn.parentPath?.isObjectProperty() ? fn.parentPath.parentPath : undefined;
    if (!holder?.isObjectExpression()) return undefined;
    for (const property of holder.get('properties')) {
      if (!property.isObjectProperty() || propertyKeyName(property.node) !== name) continue;
      const value = property.get('value') as NodePath;
      const store = this.registry.storeOfNode(value.node);
      return store ? { type: 'collection', store, whole: true } : this.view(file, value);
    }
    return undefined;
  }

  private callView(file: SourceFile, p: NodePath<t.CallExpression | t.OptionalCallExpression>): View | undefined {
    const callee = unwrap(p.get('callee') as NodePath);
    const args = p.get('arguments') as NodePath[];
    if (callee.isMemberExpression() || callee.isOptionalMemberExpression()) {
      const name = memberName(callee.node);
      const object = callee.get('object') as NodePath;
      const global = object.isIdentifier() && !object.scope.getBinding(object.node.name) ? object.node.name : undefined;
      if (global === 'JSON' && name === 'parse') {
        const inner = this.view(file, args[0]);
        if (inner?.type === 'text') return this.registry.documentView(inner.ref, []);
        return inner?.type === 'document' || inner?.type === 'collection' ? inner : undefined;
      }
      if (global === 'JSON') return name === 'stringify' && p.parentPath?.isCallExpression() ? this.view(file, args[0]) : undefined;
      if (global === 'Object' && (name === 'values' || name === 'entries' || name === 'keys')) {
        const inner = this.asCollection(this.view(file, args[0]), 'object');
        if (inner?.type !== 'collection') return undefined;
        return { ...inner, array: true, copy: true, items: name === 'values' ? undefined : name };
      }
      if (global === 'Array' && name === 'from') {
        const inner = this.view(file, args[0]);
        return inner?.type === 'collection' ? { ...inner, array: true, copy: true } : inner;
      }
      if (global === 'Promise' && name === 'resolve') return this.view(file, args[0]);
      if (name !== undefined) {
        const receiver = this.view(file, object);
        if (receiver) return this.methodResult(file, p, receiver, name, args);
      }
    } else if (callee.isIdentifier({ name: 'structuredClone' })) {
      return this.view(file, args[0]);
    }
    if (p.isCallExpression()) {
      const fsCall = classifyFsCall(this.ctx.project, file, p);
      if (fsCall) {
        if (fsCall.direction !== 'read' || fsCall.api === 'callback') return undefined;
        const ref = this.registry.refForFsCall(file, p, fsCall);
        return fsCall.json ? this.registry.documentView(ref, []) : { type: 'text', ref };
      }
      if (t.isIdentifier(p.node.callee, { name: 'require' }) || t.isImport(p.node.callee)) return this.originView(this.resolve(file, p));
    }
    const fn = this.ctx.project.resolveFunction(file, callee);
    return fn ? this.returnView(fn) : undefined;
  }

  private methodResult(file: SourceFile, call: NodePath, receiver: View, name: string, args: NodePath[]): View | undefined {
    const view = ARRAY_METHODS.has(name) ? this.asCollection(receiver) : receiver;
    if (!view) return undefined;
    if (view.type === 'text') return name === 'toString' ? view : undefined;
    if (view.type !== 'collection') return undefined;
    const { store } = view;
    if (shapeOf(view) === 'map') {
      if (name === 'get') return { type: 'record', store, origin: call.node, iteration: false };
      if (name === 'values' || name === 'entries' || name === 'keys') {
        return { type: 'collection', store, whole: view.whole, array: true, copy: true, items: name === 'values' ? undefined : name };
      }
      return undefined;
    }
    if ((name === 'find' || name === 'findLast') && view.items === 'keys') return { type: 'key', store };
    if (name === 'find' || name === 'findLast') return { type: 'record', store, origin: call.node, iteration: false };
    if (name === 'findIndex' || name === 'findLastIndex' || name === 'indexOf') return { type: 'index', store, origin: call.node };
    if (name === 'filter') return { type: 'collection', store, whole: view.whole && keepsEveryRecord(this, file, args[0]), array: true, copy: true, items: view.items };
    // `Object.keys(users).map((id) => users[id])` holds records again.
    if (name === 'map' || name === 'flatMap') return { type: 'collection', store, whole: view.whole, array: true, copy: true };
    if (name === 'sort' || name === 'reverse') return view; // in place: the same array
    if (COPY_METHODS.has(name)) return { type: 'collection', store, whole: view.whole, array: true, copy: true, items: view.items };
    if (name === 'at' || name === 'pop' || name === 'shift') return elementView(view, call.node);
    return undefined;
  }

  private newView(file: SourceFile, p: NodePath<t.NewExpression>): View | undefined {
    if (!t.isIdentifier(p.node.callee, { name: 'Promise' })) return undefined;
    const executor = (p.get('arguments') as NodePath[])[0];
    if (!executor?.isFunction()) return undefined;
    return helperCallbackView(this, { file, path: executor }, 0, 0);
  }

  private originView(origin: ValueOrigin | undefined): View | undefined {
    if (!origin) return undefined;
    const store = this.registry.storeOfOrigin(origin);
    if (store) return { type: 'collection', store, whole: true };
    switch (origin.kind) {
      case 'data': {
        if (!origin.file.rel.endsWith('.json')) return undefined;
        const ref = this.registry.moduleRefFor(origin.file.rel);
        return ref ? this.registry.documentView(ref, origin.members) : undefined;
      }
      case 'declaration': {
        const decl = origin.path;
        if (decl.isVariableDeclarator()) {
          const binding = decl.scope.getBinding(origin.name);
          if (binding && binding.path.node === decl.node) return this.bindingView(origin.file, binding);
          return decl.node.init ? this.view(origin.file, decl.get('init') as NodePath) : undefined;
        }
        if (decl.isClassProperty() || decl.isClassPrivateProperty()) {
          const value = decl.get('value') as NodePath;
          return value.node ? this.view(origin.file, value) : undefined;
        }
        if (decl.isAssignmentExpression()) return this.view(origin.file, decl.get('right'));
        return undefined;
      }
      case 'expression':
        return this.view(origin.file, origin.path);
      case 'this-member':
        return this.thisMemberView(origin.file, origin.classPath, origin.name);
      default:
        return undefined;
    }
  }
}

export { returnedExpressions, shapeOf, union } from './views';
