/**
 * The records an in-memory store holds when the app starts, read from the code: the store's
 * initial value (`let notes = [...]`, `new Map(seed.map(...))`, `{ id: {...} }`, a class field),
 * then the module-level code that fills it (`notes.push(...)`, `todos.set(...)` in a `for…of` or a
 * `forEach`, `users[id] = {...}`), and for a class field the constructor run with the arguments of
 * `new Repository(SEED)`. Each record that cannot be evaluated is reported with its file:line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as t from '@babel/types';
import type { StoreRecord } from '../../model/access-model';
import type { SourceRecord } from '../types';
import { bindPattern, evaluate, evaluateElement, executeStatement } from './evaluate';
import { ModuleLoader, type ModuleScope } from './moduleScope';
import { findLoadTimeMutations, walk } from './findLoadTimeMutations';
import { Instance, NotEvaluable, Unevaluable, type Env, type EvalContext } from './values';

export interface SeedProblem {
  ref: string;
  message: string;
}

export interface CollectedSeed {
  records: SourceRecord[];
  problems: SeedProblem[];
  /** `file:line` of expressions evaluated as the migration time. */
  timeRefs: string[];
}

export function collectSeedRecords(root: string, store: StoreRecord, now: Date): CollectedSeed {
  const loader = new ModuleLoader(root);
  const ctx: EvalContext = { loader, now, timeNotes: new Set(), steps: 0, skipped: [], origins: new WeakMap() };
  const problems: SeedProblem[] = [];
  const hash = store.id.lastIndexOf('#');
  const file = hash === -1 ? store.file : store.id.slice(0, hash);
  const name = hash === -1 ? store.entity : store.id.slice(hash + 1);
  const module = loader.load(path.resolve(root, file));
  const at = `${store.file}:${store.line}`;
  if (!module?.ast) return { records: [], problems: [{ ref: at, message: `cannot read ${file} to find the seed data of ${name}` }], timeRefs: [] };

  let container: unknown;
  try {
    const [className, field] = name.split('.');
    const binding = module.bindings.get(className);
    if (field && binding?.kind === 'class') container = collectClassField(root, loader, module, binding.node, field, ctx, problems);
    else container = collectModuleStore(module, name, store, ctx, problems);
  } catch (error) {
    if (!(error instanceof NotEvaluable)) throw error;
    problems.push({ ref: `${error.file}:${error.line}`, message: `the seed data of ${name} cannot be read without running the app: ${error.message}` });
    container = undefined;
  }
  const records = toRecords(container, ctx, problems, at, store.kind);
  for (const skipped of ctx.skipped ?? []) problems.push(describeUnevaluable(skipped));
  return { records, problems, timeRefs: [...ctx.timeNotes].sort() };
}

function collectModuleStore(module: ModuleScope, name: string, store: StoreRecord, ctx: EvalContext, problems: SeedProblem[]): unknown {
  const binding = module.bindings.get(name);
  const env: Env = { vars: new Map(), module };
  let container: unknown;
  let declaration: t.Node | undefined;
  if (binding?.kind === 'var') {
    declaration = binding.node;
    container = evaluateInitial(binding.init, env, ctx, store.kind);
  } else if (binding?.kind === 'assign') {
    declaration = binding.node;
    container = evaluateInitial(binding.node.right, env, ctx, store.kind);
  } else {
    problems.push({ ref: `${store.file}:${store.line}`, message: `no module-level declaration of ${name} in ${module.rel}; its seed data cannot be read` });
    return undefined;
  }
  module.values.set(name, { state: 'done', value: container });
  const isStore = (node: t.Node) => node.type === 'Identifier' && node.name === name;
  for (const statement of module.body) {
    if (declaration && contains(statement, declaration)) continue;
    if (!findLoadTimeMutations(statement, isStore)) continue;
    try {
      executeStatement(statement, env, ctx);
    } catch (error) {
      if (!(error instanceof NotEvaluable)) throw error;
      problems.push({ ref: `${error.file}:${error.line}`, message: `module-level code that fills ${name} cannot be evaluated without running the app: ${error.message}` });
    }
  }
  return module.values.get(name)?.value;
}

/** The initial value; each element of a literal list, Map or keyed object is evaluated on its own. */
function evaluateInitial(init: t.Expression | null | undefined, env: Env, ctx: EvalContext, kind: string): unknown {
  if (!init) return kind === 'in-memory-map' ? new Map() : kind === 'in-memory-object-map' ? {} : [];
  const node = unwrap(init);
  if (node.type === 'ObjectExpression' && node.properties.every((property) => property.type === 'ObjectProperty')) {
    const value: Record<string, unknown> = {};
    for (const property of node.properties as t.ObjectProperty[]) {
      const key = property.computed ? evaluateElement(property.key, env, ctx) : property.key.type === 'Identifier' ? property.key.name : (property.key as t.StringLiteral).value;
      value[String(key)] = key instanceof Unevaluable ? key : evaluateElement(property.value, env, ctx);
    }
    return value;
  }
  if (node.type === 'NewExpression' && node.callee.type === 'Identifier' && node.callee.name === 'Map' && node.arguments[0]?.type === 'ArrayExpression') {
    const map = new Map<unknown, unknown>();
    node.arguments[0].elements.forEach((element, index) => {
      const entry = element ? evaluateElement(element, env, ctx) : undefined;
      if (Array.isArray(entry) && entry.length >= 2) map.set(entry[0], entry[1]);
      else map.set(Symbol(`unevaluable ${index}`), entry instanceof Unevaluable ? entry : new Unevaluable(new NotEvaluable(element ?? node, env.module.rel, 'a Map entry that is not a [key, value] pair')));
    });
    return map;
  }
  return evaluate(init, env, ctx);
}

/** `class Repo { items = []; constructor(seed = []) { this.items = seed.map(...) } }` and `new Repo(SEED)` somewhere. */
function collectClassField(root: string, loader: ModuleLoader, module: ModuleScope, cls: t.ClassDeclaration, field: string, ctx: EvalContext, problems: SeedProblem[]): unknown {
  const env: Env = { vars: new Map(), module };
  const instance = new Instance();
  for (const member of cls.body.body) {
    if ((member.type === 'ClassProperty' || member.type === 'ClassPrivateProperty') && !member.static && member.key.type === 'Identifier' && member.key.name === field) {
      instance.fields[field] = member.value ? evaluate(member.value, env, ctx) : undefined;
    }
  }
  const ctor = cls.body.body.find((member): member is t.ClassMethod => member.type === 'ClassMethod' && member.kind === 'constructor');
  if (!ctor || ctor.body.type !== 'BlockStatement') return instance.fields[field];
  const isStore = (node: t.Node) => node.type === 'MemberExpression' && node.object.type === 'ThisExpression' && !node.computed && node.property.type === 'Identifier' && node.property.name === field;
  const statements = ctor.body.body.filter((statement) => findLoadTimeMutations(statement, isStore));
  if (!statements.length) return instance.fields[field];
  const sites = cls.id ? findConstructorCalls(root, loader, cls.id.name) : [];
  if (sites.length > 1) problems.push({ ref: `${sites[1].module.rel}:${sites[1].node.loc?.start.line ?? 0}`, message: `${cls.id?.name} is created more than once; the seed data of the first instance (${sites[0].module.rel}:${sites[0].node.loc?.start.line ?? 0}) is copied` });
  const site = sites[0];
  const callEnv: Env = site ? { vars: new Map(), module: site.module } : env;
  const args = site ? site.node.arguments.map((argument) => evaluate(argument, callEnv, ctx)) : [];
  const ctorEnv: Env = { vars: new Map(), module, thisValue: instance };
  ctor.params.forEach((param, index) => bindPattern(param, args[index], ctorEnv, ctx));
  for (const statement of statements) executeStatement(statement, ctorEnv, ctx);
  return instance.fields[field];
}

function findConstructorCalls(root: string, loader: ModuleLoader, className: string): { module: ModuleScope; node: t.NewExpression }[] {
  const sites: { module: ModuleScope; node: t.NewExpression }[] = [];
  for (const file of listSourceFiles(root)) {
    if (!fs.readFileSync(file, 'utf8').includes(`new ${className}`)) continue;
    const module = loader.load(file);
    if (!module?.ast) continue;
    walk(module.ast.program, (node) => {
      if (node.type === 'NewExpression' && node.callee.type === 'Identifier' && node.callee.name === className) sites.push({ module, node });
    });
  }
  return sites;
}

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'out', 'coverage', 'cdk.out', '.migration', '.tmp', '.next']);

function listSourceFiles(root: string): string[] {
  const files: string[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (files.length >= 5000) return;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) visit(path.join(dir, entry.name));
      } else if (/\.(c|m)?(j|t)sx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path.join(dir, entry.name));
    }
  };
  visit(root);
  return files.sort();
}

/** Records of the final container: list elements, Map values (with their keys), keyed object values. */
function toRecords(container: unknown, ctx: EvalContext, problems: SeedProblem[], at: string, kind: string): SourceRecord[] {
  if (container === undefined || container === null) return [];
  let entries: [string | number | undefined, unknown][];
  if (Array.isArray(container)) entries = container.map((value) => [undefined, value]);
  else if (container instanceof Map) entries = [...container.entries()].map(([key, value]) => [typeof key === 'symbol' ? undefined : (key as string | number), value]);
  else if (typeof container === 'object' && !(container instanceof Instance)) entries = Object.entries(container as Record<string, unknown>);
  else {
    problems.push({ ref: at, message: `the ${kind} store does not start as a list, Map or object` });
    return [];
  }
  const records: SourceRecord[] = [];
  for (const [key, value] of entries) {
    if (value instanceof Unevaluable) {
      problems.push(describeUnevaluable(value));
      continue;
    }
    const ref = (value !== null && typeof value === 'object' ? ctx.origins.get(value) : undefined) ?? at;
    records.push({ value, ref, ...(key !== undefined ? { mapKey: key } : {}) });
  }
  return records;
}

function describeUnevaluable(value: Unevaluable): SeedProblem {
  return { ref: `${value.error.file}:${value.error.line}`, message: `this seed record cannot be read without running the app (${value.error.message}); it is not copied` };
}

function contains(outer: t.Node, inner: t.Node): boolean {
  return (outer.start ?? -1) <= (inner.start ?? -2) && (outer.end ?? -1) >= (inner.end ?? -2);
}

function unwrap(node: t.Expression): t.Expression {
  let current = node;
  while (current.type === 'TSAsExpression' || current.type === 'TSSatisfiesExpression' || current.type === 'ParenthesizedExpression' || current.type === 'TSNonNullExpression') current = current.expression;
  return current;
}

