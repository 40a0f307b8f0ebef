/**
 * Where a SQLite connection goes once opened, on the scanner's (original) trees: every variable,
 * parameter and field holding it ("holders"), and for each use of a holder what it does with the
 * connection — a life-cycle call (`db.pragma(…)`, `db.close()`), handing it on (`createApp(db)`
 * into a parameter, `return db` into the callers' variables, `module.exports = db` into the
 * requiring files' variables, `this.db = db` into a field), or anything else (SQL, or a use this
 * cannot follow). retireConnectionChain removes a holder once nothing but those hand-on and
 * life-cycle uses is left of it; the files that hand it on go last (connectionFiles).
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { ProjectIndex, SourceFile } from '../scan/types';
import { findSqlCallSites } from '../scan/sqlite';
import { walkPaths } from '../scan/walkPaths';

/** Connection methods that only configure or end the connection: they go with it. */
const LIFECYCLE = new Set(['pragma', 'close', 'configure', 'loadExtension', 'function', 'aggregate', 'defaultSafeIntegers', 'unsafeMode']);

export type HolderUse =
  | { kind: 'lifecycle' }
  /** `f(db)`: into the parameter holder `to` (the call's argument at `index`). */
  | { kind: 'argument'; to: string }
  /** `return db`: into the holders of every call of `fn`. */
  | { kind: 'return'; fn: t.Node; to: string[] }
  /** `module.exports = db` / `module.exports = { db }` (`property`): into the holders of the files requiring it. */
  | { kind: 'export'; to: string[]; property?: boolean }
  /** `this.x = db`: into the field holder `to`. */
  | { kind: 'field'; to: string }
  | { kind: 'other' };

export interface ConnectionHolder {
  /** `rel:line:column` of the declaring node. */
  id: string;
  rel: string;
  kind: 'variable' | 'parameter' | 'field';
  name: string;
  /** VariableDeclarator; the parameter node (Identifier, AssignmentPattern, TSParameterProperty); the class (field). */
  declaration: t.Node;
  /** `const { db } = require('./db')`: the pattern's property holding it. */
  property?: t.Node;
  /** Parameter: its function and position; field and parameter property: the class. */
  fn?: t.Node;
  index?: number;
  classNode?: t.Node;
  binding?: Binding;
  /** Every reference (Identifier, or `this.x` MemberExpression) and what it does. */
  uses: Map<t.Node, HolderUse>;
  /** Parameter: files of the calls passing it (every call of the function passes a holder), or undefined when some call does not. */
  callFiles?: string[];
}

export interface ConnectionHolders {
  byId: Map<string, ConnectionHolder>;
  byFile: Map<string, ConnectionHolder[]>;
  /** Files handing a holder on to another file, consumers before suppliers. */
  suppliers: string[];
}

const cache = new WeakMap<object, ConnectionHolders>();

export function findConnectionHolders(root: string, project: ProjectIndex): ConnectionHolders {
  const cached = cache.get(project);
  if (cached) return cached;
  const finder = new HolderFinder(project);
  const sites = findSqlCallSites({ root, project, diagnostics: { report: () => undefined } as never });
  const seen = new Set<t.Node>();
  for (const site of sites) {
    const declaration = site.connection.declaration;
    if (!declaration || seen.has(declaration.node)) continue;
    seen.add(declaration.node);
    if (declaration.isVariableDeclarator() && t.isIdentifier(declaration.node.id)) finder.variable(site.connection.file, declaration);
  }
  const result = finder.finish();
  cache.set(project, result);
  return result;
}

class HolderFinder {
  private readonly byId = new Map<string, ConnectionHolder>();
  private readonly queue: Array<() => void> = [];

  constructor(private readonly project: ProjectIndex) {}

  finish(): ConnectionHolders {
    while (this.queue.length) this.queue.shift()!();
    const byFile = new Map<string, ConnectionHolder[]>();
    for (const holder of this.byId.values()) byFile.set(holder.rel, [...(byFile.get(holder.rel) ?? []), holder]);
    return { byId: this.byId, byFile, suppliers: this.orderSuppliers() };
  }

  variable(file: SourceFile, declarator: NodePath<t.VariableDeclarator>, property?: t.ObjectProperty): string {
    const id = holderId(file, property ?? declarator.node);
    if (this.byId.has(id)) return id;
    const name = ((property?.value ?? declarator.node.id) as t.Identifier).name;
    const binding = declarator.scope.getBinding(name);
    const holder: ConnectionHolder = { id, rel: file.rel, kind: 'variable', name, declaration: declarator.node, property, binding, uses: new Map() };
    this.byId.set(id, holder);
    const exported = declarator.parentPath?.parentPath?.isExportNamedDeclaration();
    this.queue.push(() => {
      for (const reference of binding?.referencePaths ?? []) holder.uses.set(reference.node, this.classify(file, reference));
      // `export const db = …`: importers are not followed, so it stays
      if (exported) holder.uses.set(declarator.node.id, { kind: 'other' });
    });
    return id;
  }

  private parameter(file: SourceFile, fn: NodePath<t.Function>, index: number): string | undefined {
    const param = fn.get('params')[index] as NodePath | undefined;
    if (!param) return undefined;
    const inner = param.isTSParameterProperty() ? (param.get('parameter') as NodePath) : param;
    const identifier = inner.isAssignmentPattern() ? inner.get('left') : inner;
    if (!identifier.isIdentifier()) return undefined;
    const id = holderId(file, param.node);
    if (this.byId.has(id)) return id;
    const name = identifier.node.name;
    const binding = fn.scope.getBinding(name);
    const classPath = param.isTSParameterProperty() ? (fn.findParent((p) => p.isClass()) as NodePath<t.Class> | null) : null;
    const holder: ConnectionHolder = { id, rel: file.rel, kind: 'parameter', name, declaration: param.node, fn: fn.node, index, classNode: classPath?.node, binding, uses: new Map() };
    this.byId.set(id, holder);
    this.queue.push(() => {
      for (const reference of binding?.referencePaths ?? []) holder.uses.set(reference.node, this.classify(file, reference));
      if (classPath) for (const member of thisMembers(classPath, name)) holder.uses.set(member.node, this.classify(file, member));
      holder.callFiles = this.callFilesOf(file, fn, index, id);
    });
    return id;
  }

  private field(file: SourceFile, classPath: NodePath<t.Class>, name: string): string {
    const id = `${holderId(file, classPath.node)}#${name}`;
    if (this.byId.has(id)) return id;
    const holder: ConnectionHolder = { id, rel: file.rel, kind: 'field', name, declaration: classPath.node, classNode: classPath.node, uses: new Map() };
    this.byId.set(id, holder);
    this.queue.push(() => {
      for (const member of thisMembers(classPath, name)) {
        // the assignments filling the field are the suppliers' uses, not the field's
        if (member.parentPath?.isAssignmentExpression() && member.parentPath.node.left === member.node) continue;
        holder.uses.set(member.node, this.classify(file, member));
      }
    });
    return id;
  }

  /** What one reference does with the connection. */
  private classify(file: SourceFile, reference: NodePath): HolderUse {
    const parent = reference.parentPath;
    if (!parent) return { kind: 'other' };
    if (parent.isMemberExpression() && parent.node.object === reference.node && !parent.node.computed && t.isIdentifier(parent.node.property)) {
      const call = parent.parentPath;
      const statement = call?.parentPath?.isAwaitExpression() ? call.parentPath.parentPath : call?.parentPath;
      if (LIFECYCLE.has(parent.node.property.name) && call?.isCallExpression() && call.node.callee === parent.node && statement?.isExpressionStatement()) return { kind: 'lifecycle' };
      return { kind: 'other' };
    }
    if ((parent.isCallExpression() || parent.isNewExpression()) && parent.node.callee !== reference.node) {
      const index = parent.node.arguments.indexOf(reference.node as t.Expression);
      const fn = this.calledFunction(file, parent as NodePath<t.CallExpression | t.NewExpression>);
      const to = fn && index >= 0 ? this.parameter(fn.file, fn.path, index) : undefined;
      return to ? { kind: 'argument', to } : { kind: 'other' };
    }
    if (parent.isReturnStatement()) {
      const fn = parent.getFunctionParent();
      const to = fn ? this.returnTargets(file, fn) : undefined;
      return fn && to ? { kind: 'return', fn: fn.node, to } : { kind: 'other' };
    }
    // `module.exports = { db, … }`
    const object = parent.parentPath;
    const assignment = object?.parentPath;
    if (parent.isObjectProperty() && parent.node.value === reference.node && !parent.node.computed && t.isIdentifier(parent.node.key) && object?.isObjectExpression() && assignment?.isAssignmentExpression() && assignment.node.right === object.node && isModuleExports(assignment.node.left) && assignment.parentPath?.isExpressionStatement() && assignment.parentPath.parentPath?.isProgram()) {
      const to = this.requireTargets(file, parent.node.key.name);
      return to ? { kind: 'export', to, property: true } : { kind: 'other' };
    }
    if (parent.isAssignmentExpression() && parent.node.right === reference.node && parent.parentPath?.isExpressionStatement()) {
      const left = parent.node.left;
      if (isModuleExports(left) && parent.parentPath.parentPath?.isProgram()) {
        const to = this.requireTargets(file);
        return to ? { kind: 'export', to } : { kind: 'other' };
      }
      if (t.isMemberExpression(left) && t.isThisExpression(left.object) && !left.computed && t.isIdentifier(left.property)) {
        const classPath = parent.findParent((p) => p.isClass()) as NodePath<t.Class> | null;
        if (classPath) return { kind: 'field', to: this.field(file, classPath, left.property.name) };
      }
    }
    return { kind: 'other' };
  }

  /** The project function (or class constructor) a call or `new` runs. */
  private calledFunction(file: SourceFile, call: NodePath<t.CallExpression | t.NewExpression>): { file: SourceFile; path: NodePath<t.Function> } | undefined {
    const callee = call.get('callee') as NodePath;
    if (call.isCallExpression()) return this.project.resolveFunction(file, callee);
    const origin = this.project.resolveExpression(file, callee);
    if (origin?.kind !== 'declaration' || !origin.path.isClass()) return undefined;
    const body = (origin.path as NodePath<t.Class>).get('body').get('body');
    const ctor = body.find((member) => member.isClassMethod() && member.node.kind === 'constructor') as NodePath<t.ClassMethod> | undefined;
    return ctor ? { file: origin.file, path: ctor } : undefined;
  }

  /** Every call of `fn` in the project passes a holder at `index`: the files of those calls; otherwise undefined. */
  private callFilesOf(file: SourceFile, fn: NodePath<t.Function>, index: number, id: string): string[] | undefined {
    const calls = this.callsOf(file, fn);
    if (!calls) return undefined;
    const files = new Set<string>();
    for (const { source, call } of calls) {
      const argument = call.get('arguments')[index] as NodePath | undefined;
      if (!argument) return undefined;
      const holder = [...this.byId.values()].find((candidate) => candidate.id !== id && candidate.uses.get(argument.node)?.kind === 'argument');
      if (!holder && !this.isHolderReference(source, argument)) return undefined;
      files.add(source.rel);
    }
    return [...files];
  }

  /** A reference of a holder found so far (its uses may not be classified yet). */
  private isHolderReference(source: SourceFile, path: NodePath): boolean {
    for (const holder of this.byId.values()) {
      if (holder.rel !== source.rel) continue;
      if (path.isIdentifier() && holder.binding && path.scope.getBinding(path.node.name) === holder.binding) return true;
      if (path.isMemberExpression() && t.isThisExpression(path.node.object) && holder.classNode && t.isIdentifier(path.node.property) && path.node.property.name === holder.name && path.findParent((p) => p.node === holder.classNode)) return true;
    }
    return false;
  }

  /** `const x = fn()` / `const x = await fn()` at every call of fn: those variables' holders; otherwise undefined. */
  private returnTargets(file: SourceFile, fn: NodePath<t.Function>): string[] | undefined {
    const calls = this.callsOf(file, fn);
    if (!calls?.length) return undefined;
    const to: string[] = [];
    for (const { source, call } of calls) {
      let value: NodePath = call;
      if (value.parentPath?.isAwaitExpression()) value = value.parentPath;
      const declarator = value.parentPath;
      if (!declarator?.isVariableDeclarator() || declarator.node.init !== value.node || !t.isIdentifier(declarator.node.id)) return undefined;
      to.push(this.variable(source, declarator));
    }
    return to;
  }

  /**
   * `const db = require('./db')` in every file requiring this one (or, for `module.exports = { db }`,
   * `const { db } = require('./db')` where a file takes `exported`): those holders; otherwise undefined.
   */
  private requireTargets(file: SourceFile, exported?: string): string[] | undefined {
    const to: string[] = [];
    let other = false;
    for (const source of this.project.sources) {
      if (source.rel === file.rel || !/\brequire\s*\(|\bimport\b/.test(source.text)) continue;
      walkPaths(source.program, {
        CallExpression: (path: NodePath<t.CallExpression>) => {
          const [argument] = path.node.arguments;
          if (!t.isIdentifier(path.node.callee, { name: 'require' }) || !t.isStringLiteral(argument) || this.project.resolveModule(source, argument.value) !== file) return;
          const declarator = path.parentPath;
          const pattern = declarator?.isVariableDeclarator() && declarator.node.init === path.node ? declarator.node.id : undefined;
          if (!exported && t.isIdentifier(pattern)) to.push(this.variable(source, declarator as NodePath<t.VariableDeclarator>));
          else if (exported && t.isObjectPattern(pattern)) {
            // a file taking other names only does not get the connection
            const taken = pattern.properties.find((property) => t.isObjectProperty(property) && !property.computed && t.isIdentifier(property.key, { name: exported }));
            if (pattern.properties.some((property) => t.isRestElement(property))) other = true;
            else if (taken && t.isObjectProperty(taken) && t.isIdentifier(taken.value)) to.push(this.variable(source, declarator as NodePath<t.VariableDeclarator>, taken));
            else if (taken) other = true;
          } else other = true;
        },
        ImportDeclaration: (path: NodePath<t.ImportDeclaration>) => {
          if (this.project.resolveModule(source, path.node.source.value) === file) other = true;
        },
      });
    }
    return other || !to.length ? undefined : to;
  }

  /** The calls of a function declared with a name (or a class constructor), found in files that write the name. */
  private callsOf(file: SourceFile, fn: NodePath<t.Function>): Array<{ source: SourceFile; call: NodePath<t.CallExpression | t.NewExpression> }> | undefined {
    const isConstructor = fn.isClassMethod() && fn.node.kind === 'constructor';
    const classPath = isConstructor ? (fn.findParent((p) => p.isClass()) as NodePath<t.Class> | null) : null;
    const name = classPath ? classPath.node.id?.name : fn.isFunctionDeclaration() ? fn.node.id?.name : fn.parentPath?.isVariableDeclarator() && t.isIdentifier(fn.parentPath.node.id) ? fn.parentPath.node.id.name : undefined;
    if (!name) return undefined;
    const pattern = new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`);
    const calls: Array<{ source: SourceFile; call: NodePath<t.CallExpression | t.NewExpression> }> = [];
    let handed = false;
    for (const source of this.project.sources) {
      if (!pattern.test(source.text)) continue;
      walkPaths(source.program, {
        CallExpression: (path: NodePath<t.CallExpression>) => {
          if (!isConstructor && calleeName(path.node.callee) === name && this.project.resolveFunction(source, path.get('callee') as NodePath)?.path.node === fn.node) calls.push({ source, call: path });
        },
        NewExpression: (path: NodePath<t.NewExpression>) => {
          if (isConstructor && calleeName(path.node.callee) === name && this.calledFunction(source, path)?.path.node === fn.node) calls.push({ source, call: path });
        },
        Identifier: (path: NodePath<t.Identifier>) => {
          if (path.node.name === name && isHandedAround(path)) handed = true;
        },
      });
    }
    // `app.locals.open = openDatabase`, `[createApp].map(…)`: calls this cannot see
    return handed ? undefined : calls;
  }

  /** Files handing a holder to another file, each after the files it hands to (consumers first). */
  private orderSuppliers(): string[] {
    const downstream = new Map<string, Set<string>>();
    for (const holder of this.byId.values()) {
      for (const use of holder.uses.values()) {
        const targets = use.kind === 'argument' || use.kind === 'field' ? [use.to] : use.kind === 'return' || use.kind === 'export' ? use.to : [];
        for (const target of targets) {
          const rel = this.byId.get(target)?.rel;
          if (!rel || rel === holder.rel) continue;
          downstream.set(holder.rel, (downstream.get(holder.rel) ?? new Set()).add(rel));
        }
      }
    }
    const order: string[] = [];
    const visiting = new Set<string>();
    const visit = (rel: string) => {
      if (visiting.has(rel) || order.includes(rel)) return;
      visiting.add(rel);
      for (const next of [...(downstream.get(rel) ?? [])].sort()) if (downstream.has(next)) visit(next);
      order.push(rel);
    };
    for (const rel of [...downstream.keys()].sort()) visit(rel);
    return order;
  }
}

/**
 * A function's (or class's) name used as a value other than by calling it, declaring, importing or
 * exporting it (`module.exports = { openDatabase }` included): it may be called where this cannot see.
 */
function isHandedAround(path: NodePath<t.Identifier>): boolean {
  const parent = path.parentPath;
  if (!parent || !path.isReferencedIdentifier()) return false;
  if ((parent.isCallExpression() || parent.isNewExpression()) && parent.node.callee === path.node) return false;
  if (/^(Import|Export)/.test(parent.type) || /^TS/.test(parent.type)) return false;
  if (parent.isObjectProperty() && parent.node.value === path.node) {
    const object = parent.parentPath;
    const assignment = object?.parentPath;
    if (object?.isObjectPattern()) return false;
    if (object?.isObjectExpression() && assignment?.isAssignmentExpression() && isModuleExports(assignment.node.left)) return false;
  }
  if (parent.isAssignmentExpression() && parent.node.right === path.node && (isModuleExports(parent.node.left) || (t.isMemberExpression(parent.node.left) && t.isIdentifier(parent.node.left.object, { name: 'exports' })))) return false;
  return true;
}

function holderId(file: SourceFile, node: t.Node): string {
  return `${file.rel}:${node.loc?.start.line ?? 0}:${node.loc?.start.column ?? 0}`;
}

function calleeName(callee: t.Node): string | undefined {
  if (t.isIdentifier(callee)) return callee.name;
  if (t.isMemberExpression(callee) && !callee.computed && t.isIdentifier(callee.property)) return callee.property.name;
  return undefined;
}

function isModuleExports(node: t.Node): boolean {
  return t.isMemberExpression(node) && t.isIdentifier(node.object, { name: 'module' }) && t.isIdentifier(node.property, { name: 'exports' });
}

/** `this.<name>` member expressions of a class (not of nested classes' own `this`). */
function thisMembers(classPath: NodePath<t.Class>, name: string): NodePath<t.MemberExpression>[] {
  const found: NodePath<t.MemberExpression>[] = [];
  walkPaths(classPath.get('body'), {
    MemberExpression(path: NodePath<t.MemberExpression>) {
      if (t.isThisExpression(path.node.object) && !path.node.computed && t.isIdentifier(path.node.property, { name })) found.push(path);
    },
  });
  return found;
}
