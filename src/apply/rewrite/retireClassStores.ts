/**
 * Removes a memory store held in a class field (`private events: Event[] = []`) once no method
 * reads it any more. Its seed data — the field's initial value, or what the constructor copies in
 * (`this.events = seed.map((e) => ({ ...e }))` with `new EventRepository(SEED_EVENTS)` in the
 * module) — is reported for migrate-data like a module-level store's.
 */
import type { ASTPath } from 'jscodeshift';
import type { StoreTarget } from '../analysis/findStoreTargets';
import { addTodo } from './addTodo';
import { dropSeedParameters } from './dropSeedParameters';
import type { FileRewrite } from './FileRewrite';
import { copiedSource, readSeedValue } from './readSeedValue';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export function retireClassStores(rewrite: FileRewrite): void {
  if (!rewrite.origins.includes('memory')) return;
  for (const target of rewrite.analysis.targets) {
    if (target.origin !== 'memory' || target.record.file !== rewrite.rel || rewrite.analysis.keptTargets.has(target)) continue;
    const field = classFieldOf(target);
    if (field) retireField(rewrite, target, field.className, field.property);
  }
}

/** `src/x.ts#EventRepository.events` → the class and field names. */
function classFieldOf(target: StoreTarget): { className: string; property: string } | undefined {
  const match = /#([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)$/.exec(target.record.id);
  return match ? { className: match[1], property: match[2] } : undefined;
}

/** `this.events = …` as a statement of the class's constructor: how the store gets its first data. */
export function isConstructorSeed(path: ASTPath<any>): boolean {
  const node = path.node as AnyNode;
  if (node.type !== 'MemberExpression' || node.object.type !== 'ThisExpression') return false;
  const assignment = path.parent as ASTPath<any> | undefined;
  if (assignment?.node.type !== 'AssignmentExpression' || (assignment.node as AnyNode).left !== node || (assignment.node as AnyNode).operator !== '=') return false;
  const statement = assignment.parent as ASTPath<any> | undefined;
  const method = statement?.parent?.parent?.node as AnyNode | undefined;
  return statement?.node.type === 'ExpressionStatement' && /^(ClassMethod|MethodDefinition)$/.test(method?.type ?? '') && method.kind === 'constructor';
}

function retireField(rewrite: FileRewrite, target: StoreTarget, className: string, property: string): void {
  const { j } = rewrite;
  const classPath = rewrite.root.find(j.ClassDeclaration).filter((path: ASTPath<any>) => path.node.id?.name === className).paths()[0] as ASTPath<any> | undefined;
  if (!classPath) return;
  const fieldPath = j(classPath)
    .find(j.Node)
    .filter((path: ASTPath<any>) => /^(ClassProperty|PropertyDefinition|ClassPrivateProperty)$/.test(path.node.type) && !(path.node as AnyNode).computed && keyName((path.node as AnyNode).key) === property)
    .paths()[0] as ASTPath<any> | undefined;
  // `#videos = new Map()` is read as `this.#videos`, `videos = []` as `this.videos`
  const isPrivate = (fieldPath?.node as AnyNode | undefined)?.key?.type === 'PrivateName';
  const uses = j(classPath)
    .find(j.MemberExpression)
    .filter((path: ASTPath<any>) => {
      const node = path.node as AnyNode;
      return node.object.type === 'ThisExpression' && !node.computed && (node.property.type === 'PrivateName') === isPrivate && keyName(node.property) === property;
    })
    .paths() as ASTPath<any>[];
  // still read somewhere: the store stays (that use carries its own TODO); without a field, `this.x = …` in the constructor declares it
  if (!uses.every(isConstructorSeed) || (!fieldPath && !uses.length)) return;
  const records: unknown[] = [];
  const initial = (fieldPath?.node as AnyNode | undefined)?.value;
  if (initial) {
    const values = readMapSeed(rewrite, initial) ?? readArraySeed(rewrite, initial);
    if (!values) return todo(rewrite, fieldPath!, target, property);
    records.push(...values);
  }
  for (const use of uses) {
    const statement = use.parent.parent as ASTPath<any>;
    const right = (use.parent.node as AnyNode).right;
    const values = readMapSeed(rewrite, right) ?? readAssigned(rewrite, right, statement.parent.parent.node as AnyNode, className);
    if (!values) return todo(rewrite, statement, target, property);
    records.push(...values);
  }
  const seeds = records.filter((record) => record && typeof record === 'object' && target.key.name in (record as object));
  if (seeds.length) rewrite.report.seeds.push({ entity: target.entityName, table: target.table.name, from: target.record.id, records: seeds });
  const constructors = new Set(uses.map((use) => use.parent.parent.parent.parent as ASTPath<any>));
  for (const use of uses) (use.parent.parent as ASTPath<any>).prune();
  // the constructor's seed parameter (and the callers' argument) go too when nothing else uses them
  dropSeedParameters(rewrite, className, uses);
  for (const method of constructors) pruneIfEmpty(method, classPath);
  fieldPath?.prune();
  rewrite.modified = true;
}

/**
 * The records a constructor assignment puts in: a literal, or a constructor parameter — then the
 * argument every `new ClassName(…)` of this module passes (or the parameter's default).
 */
function readAssigned(rewrite: FileRewrite, right: AnyNode, constructor: AnyNode, className: string): unknown[] | undefined {
  const source = copiedSource(right) ?? right;
  const params = (constructor.params ?? constructor.value?.params ?? []) as AnyNode[];
  const index = source.type === 'Identifier' ? params.findIndex((param) => paramName(param) === source.name) : -1;
  if (index < 0) {
    const value = readSeedValue(rewrite, right);
    return value.ok && Array.isArray(value.value) ? value.value : undefined;
  }
  const { j } = rewrite;
  const calls = rewrite.root.find(j.NewExpression).filter((path: ASTPath<any>) => (path.node.callee as AnyNode).name === className).nodes() as AnyNode[];
  const sources = calls.length ? calls.map((call) => call.arguments[index]) : [defaultOf(params[index])];
  const records: unknown[] = [];
  for (const argument of sources) {
    if (!argument) {
      if (calls.length) continue; // no argument: the default, usually []
      return undefined;
    }
    const value = readSeedValue(rewrite, argument);
    if (!value.ok || !Array.isArray(value.value)) return undefined;
    records.push(...value.value);
  }
  return records;
}

/** `constructor() {}` left after its store went, in a class that extends nothing: it goes too. */
function pruneIfEmpty(method: ASTPath<any>, classPath: ASTPath<any>): void {
  const node = method.node as AnyNode;
  const fn = node.value ?? node; // MethodDefinition holds a FunctionExpression
  if (node.kind !== 'constructor' || classPath.node.superClass || fn.params?.length || fn.body?.body?.length || fn.body?.comments?.length) return;
  method.prune();
}

function keyName(key: AnyNode): string | undefined {
  if (key?.type === 'PrivateName') return key.id?.name ?? key.name;
  return key?.type === 'Identifier' ? key.name : undefined;
}

function readArraySeed(rewrite: FileRewrite, node: AnyNode): unknown[] | undefined {
  const value = readSeedValue(rewrite, node);
  return value.ok && Array.isArray(value.value) ? value.value : undefined;
}

/** `new Map()` holds nothing; `new Map([[k, v], …])` holds the values (undefined: not a Map or not literal entries). */
function readMapSeed(rewrite: FileRewrite, node: AnyNode): unknown[] | undefined {
  if (node?.type !== 'NewExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'Map') return undefined;
  if (!node.arguments.length) return [];
  const entries = readArraySeed(rewrite, node.arguments[0]);
  return entries?.map((entry) => (Array.isArray(entry) ? entry[1] : entry));
}

function paramName(param: AnyNode): string | undefined {
  const inner = param.type === 'TSParameterProperty' ? param.parameter : param;
  if (inner.type === 'Identifier') return inner.name;
  if (inner.type === 'AssignmentPattern' && inner.left.type === 'Identifier') return inner.left.name;
  return undefined;
}

function defaultOf(param: AnyNode | undefined): AnyNode | undefined {
  return param?.type === 'AssignmentPattern' ? param.right : undefined;
}

function todo(rewrite: FileRewrite, path: ASTPath<any>, target: StoreTarget, property: string): void {
  addTodo(rewrite, path, `the seed data of this.${property} is not a plain literal; save it as .migration/seed/${target.entityName}.json (an array of items) for migrate-data, then delete it here and re-run`);
}
