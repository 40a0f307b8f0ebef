import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { FsCall } from '../json-file/classifyFsCall';
import { evaluatePath, resolveDataFilePath, type PathHooks } from '../json-file/evaluatePath';
import { collectionAt, parseJsonFile, type ParsedJson } from '../json-file/jsonDocument';
import type { ScanContext, SourceFile, ValueOrigin } from '../types';
import type { CollectionShape, DataStore, JsonSourceRef, ReadApi, View } from './model';
import { textOf } from './syntax';

/** Every data store of the scan (memory candidates and JSON collections) and how code refers to them. */
export class StoreRegistry {
  readonly stores: DataStore[] = [];
  private readonly byAnchor = new Map<t.Node, DataStore>();
  private readonly byThisMember = new Map<t.Node, Map<string, DataStore>>();
  private readonly jsonStores = new Map<string, DataStore>();
  private readonly fsRefs = new Map<t.Node, JsonSourceRef>();
  /** require()/import of a data file, by data file. */
  private readonly moduleRefs = new Map<string, JsonSourceRef[]>();
  private readonly reportedParse = new Set<string>();
  /** fs writes, by data file (source or display text). */
  private readonly writes = new Map<string, JsonSourceRef[]>();

  /** Call sites for path parameters (`new NotesRepo(path.join(__dirname, 'notes.json'))`); set once known. */
  pathHooks?: PathHooks;

  constructor(private readonly ctx: ScanContext) {}

  addMemoryStore(store: DataStore): void {
    this.stores.push(store);
    for (const node of store.anchorNodes) this.byAnchor.set(node, store);
    if (store.thisMember) {
      const members = this.byThisMember.get(store.thisMember.classNode) ?? new Map<string, DataStore>();
      members.set(store.thisMember.name, store);
      this.byThisMember.set(store.thisMember.classNode, members);
    }
  }

  addAnchor(store: DataStore, node: t.Node): void {
    store.anchorNodes.add(node);
    this.byAnchor.set(node, store);
  }

  setThisMember(store: DataStore, classNode: t.Node, name: string): void {
    store.thisMember = { classNode, name };
    const members = this.byThisMember.get(classNode) ?? new Map<string, DataStore>();
    members.set(name, store);
    this.byThisMember.set(classNode, members);
  }

  storeOfNode(node: t.Node): DataStore | undefined {
    return this.byAnchor.get(node);
  }

  /** The store a resolved value is, if any. */
  storeOfOrigin(origin: ValueOrigin | undefined): DataStore | undefined {
    if (!origin) return undefined;
    if (origin.kind === 'declaration' || origin.kind === 'expression') return this.byAnchor.get(origin.path.node);
    if (origin.kind === 'this-member') return this.byThisMember.get(origin.classPath.node)?.get(origin.name);
    return undefined;
  }

  /** A data file brought in with `require('./x.json')` or `import x from './x.json'`. */
  addModuleRef(ref: JsonSourceRef): void {
    if (!ref.source) return;
    const list = this.moduleRefs.get(ref.source) ?? [];
    list.push(ref);
    this.moduleRefs.set(ref.source, list);
  }

  /** The first require/import of a data file (its api names the store kind when nothing writes the file). */
  moduleRefFor(source: string): JsonSourceRef | undefined {
    return this.moduleRefs.get(source)?.[0];
  }

  /** The JSON file an fs read/write names (one ref per call site). */
  refForFsCall(file: SourceFile, call: NodePath<t.CallExpression>, fsCall: FsCall): JsonSourceRef {
    const cached = this.fsRefs.get(call.node);
    if (cached) return cached;
    let value: string | undefined;
    try {
      value = evaluatePath(this.ctx.project, file, fsCall.pathArg, 0, this.pathHooks);
    } catch {
      value = undefined;
    }
    const source = value !== undefined ? resolveDataFilePath(this.ctx.project, file, value) : undefined;
    const ref: JsonSourceRef = {
      source,
      display: source ?? textOf(file.text, fsCall.pathArg.node),
      api: fsCall.api as ReadApi,
      file,
      path: call,
    };
    this.fsRefs.set(call.node, ref);
    return ref;
  }

  /** A document value: a collection view when the file's content (or a hint) says `members` holds records. */
  documentView(ref: JsonSourceRef, members: string[], hint?: CollectionShape): View {
    const content = this.contentOf(ref);
    if (content.ok && content.value !== undefined) {
      const found = collectionAt(content.value, members);
      if (found) return { type: 'collection', store: this.jsonStore(ref, members, found.shape), whole: true };
      if (!hint) return { type: 'document', ref, members };
    }
    if (hint) return { type: 'collection', store: this.jsonStore(ref, members, hint), whole: true };
    return { type: 'document', ref, members };
  }

  contentOf(ref: JsonSourceRef): ParsedJson {
    const dataFile = ref.source ? this.ctx.project.getDataFile(ref.source) : undefined;
    if (!dataFile) return { ok: false };
    const parsed = parseJsonFile(dataFile);
    if (!parsed.ok && !this.reportedParse.has(dataFile.rel)) {
      this.reportedParse.add(dataFile.rel);
      this.ctx.diagnostics.add({
        severity: 'warning',
        code: 'json-parse-error',
        file: dataFile.rel,
        line: parsed.line ?? 1,
        message: `cannot parse this JSON data file (${parsed.error}); its records are not counted and fields come from code only`,
      });
    }
    return parsed;
  }

  jsonStore(ref: JsonSourceRef, members: string[], shape: CollectionShape): DataStore {
    const fileKey = ref.source ?? ref.display;
    const key = `json:${fileKey}#${members.join('.')}`;
    let store = this.jsonStores.get(key);
    if (!store) {
      store = {
        key,
        family: 'json',
        shape,
        binding: members[members.length - 1] ?? '',
        file: ref.file,
        path: ref.path,
        anchors: [],
        anchorNodes: new Set(),
        json: { source: ref.source, display: ref.display, members, refs: [], writes: [] },
        assignedValues: [],
      };
      this.jsonStores.set(key, store);
      this.stores.push(store);
    }
    if (!store.json!.refs.includes(ref)) {
      store.json!.refs.push(ref);
      store.anchors.push({ file: ref.file, path: ref.path });
    }
    return store;
  }

  addWrite(ref: JsonSourceRef): void {
    const fileKey = ref.source ?? ref.display;
    const list = this.writes.get(fileKey) ?? [];
    if (!list.includes(ref)) list.push(ref);
    this.writes.set(fileKey, list);
  }

  writesOf(fileKey: string): JsonSourceRef[] {
    return this.writes.get(fileKey) ?? [];
  }

  jsonStoresOfFile(fileKey: string): DataStore[] {
    return this.stores.filter((s) => s.json && (s.json.source ?? s.json.display) === fileKey);
  }
}
