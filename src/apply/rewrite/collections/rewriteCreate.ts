/**
 * A create (`notes.push(note)`, `todos.set(todo.id, todo)`, `users[id] = user`) becomes a
 * PutCommand. An id computed from the collection (`notes.length + 1`, `max + 1`, the last
 * item's id + 1) cannot be computed from a table without reading all of it, and two requests
 * at once would get the same id: it is replaced per the design's id strategy — an atomic counter
 * (`await nextId(…)`) or a random UUID. Client-supplied and natural keys get a conditional put
 * (`attribute_not_exists`) so a create never overwrites.
 */
import type { ASTPath } from 'jscodeshift';
import type { ASTNode } from 'ast-types';
import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { expression } from '../../../emit/emitContext';
import { buildNextId } from '../../../emit/commands/buildNextId';
import { buildPutItem } from '../../../emit/commands/buildPutItem';
import type { StoreTarget } from '../../analysis/findStoreTargets';
import { hasDerived } from './reads';
import { addTodo } from '../addTodo';
import { lookupScope, sameScope } from '../bindings';
import type { FileRewrite } from '../FileRewrite';
import { contains } from '../treeUtils';
import type { CollectionPass } from './context';
import type { CollectionUse } from './findCollectionUses';
import { findIdComputation } from './findIdComputation';
import { findIdProbeLoops } from './findIdProbeLoops';
import { findUniqueCheck } from './findUniqueCheck';
import { itemParts } from './keepKeyInItem';
import { wrapInConditionCatch } from './wrapInConditionCatch';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Replaces `call` (a statement-level push/set/assignment) with the put of `value`. */
export function rewriteCreate(pass: CollectionPass, use: CollectionUse, call: ASTPath<any>, value: AnyNode): void {
  const { rewrite } = pass;
  pass.consume(use.path.node);
  rewriteIdExpression(pass, use, call, value);
  const strategy = use.target.entity.idStrategy;
  const condition = strategy === 'client' || strategy === 'natural' ? 'new' : undefined;
  rewrite.markAwait(call);
  const table = rewrite.tableOf(use.target);
  let taken = condition ? findTakenResponse(pass, use, call) : undefined;
  if (table.guarded) {
    // putUnique's claim of the guard items is the app's check, race-free: the check goes, its answer stays
    const check = findUniqueCheck(pass, use.target, call);
    if (check) {
      pass.consume(...pass.uses.filter((candidate) => contains(check.statement.node, candidate.path.node)).map((candidate) => candidate.path.node));
      check.statement.prune();
      taken = check.response;
    }
  }
  call.replace(buildPutItem(rewrite.emit, table, itemParts(rewrite, value) ?? (value as ExpressionKind), { condition, derived: hasDerived(use.target) }));
  if (taken) mapConditionFailure(rewrite, call.parent as ASTPath<any>, taken);
  rewrite.operationDone();
}

/**
 * The app's own answer when the key is taken: the `if (…exists…) { return res.status(409)… }`
 * before the create, found while its test still reads the store. Two requests racing past that
 * check now meet the conditional put instead, and get the same answer.
 */
function findTakenResponse(pass: CollectionPass, use: CollectionUse, call: ASTPath<any>): string | undefined {
  const fn = pass.rewrite.enclosingFunction(call);
  if (!fn) return undefined;
  let found: string | undefined;
  pass.rewrite.j(fn).find(pass.rewrite.j.IfStatement).forEach((path: ASTPath<any>) => {
    if (found || start(path.node) > start(call.node)) return;
    const readsStore = pass.uses.some((candidate) => candidate.target === use.target && contains(path.node.test, candidate.path.node));
    const consequent = path.node.consequent as AnyNode;
    const last = consequent.type === 'BlockStatement' ? consequent.body[consequent.body.length - 1] : consequent;
    if (readsStore && last?.type === 'ReturnStatement' && !path.node.alternate) found = pass.rewrite.originalText(consequent);
  });
  return found;
}

/** `await put;` → `try { await put; } catch (err) { if (isConditionFailed(err)) <taken response> throw err; }` */
function mapConditionFailure(rewrite: FileRewrite, statementPath: ASTPath<any>, taken: string): void {
  if (statementPath.node.type !== 'ExpressionStatement') return;
  // its own name (wrapInConditionCatch): the handler's wrapper (added later) keeps the usual `err`
  wrapInConditionCatch(rewrite, statementPath, taken);
}

function start(node: AnyNode): number {
  return node.start ?? Number.MAX_SAFE_INTEGER;
}

function rewriteIdExpression(pass: CollectionPass, use: CollectionUse, call: ASTPath<any>, value: AnyNode): void {
  const { rewrite } = pass;
  const object = findObjectLiteral(rewrite, call, value);
  if (!object) return;
  const property = (object.node.properties as AnyNode[]).find(
    (p) => (p.type === 'ObjectProperty' || p.type === 'Property') && !p.computed && (p.key.name ?? p.key.value) === use.target.key.name,
  );
  if (!property) return;
  let holder: { node: AnyNode; key: string } = { node: property, key: 'value' };
  let declarator: ASTPath<any> | undefined;
  if (property.shorthand && property.value.type === 'Identifier') {
    declarator = findDeclarator(rewrite, call, property.value.name);
    if (!declarator?.node.init) return;
    holder = { node: declarator.node, key: 'init' };
  }
  const expressionNode = holder.node[holder.key] as AnyNode;
  const dependent = pass.uses.filter((candidate) => candidate.target === use.target && contains(expressionNode, candidate.path.node));
  const fromCollection = dependent.length > 0 || dependsOnDerived(pass, call, expressionNode, use.target);
  const probes = declarator ? findIdProbeLoops(pass, use, declarator) : [];
  if (!fromCollection && !probes.length) return;
  const replacement = idGenerator(rewrite, use.target, call);
  if (!replacement) {
    // a probe for a free id alone (no read of the whole collection) is the app's own id code: kept
    if (fromCollection) addTodo(rewrite, call, `the ${use.target.entityName} id is computed from the whole collection; set idStrategy "counter" or "uuid" for ${use.target.entityName} in .migration/dynamodb.json, then re-run`);
    return;
  }
  // `{ id: newId }` where `const newId = nextId(list)`: looked up while newId is still referenced
  const computation = !declarator && expressionNode.type === 'Identifier' ? findIdComputation(pass, use, expressionNode, findDeclarator(rewrite, call, expressionNode.name)) : undefined;
  pass.consume(...dependent.map((candidate) => candidate.path.node));
  if (computation?.shared && !computation.kept) {
    // also logged or answered: the variable is the new item's id, so it takes the design's id and every use reports the stored one
    consumeReads(pass, computation.declarator.node.init);
    rewrite.markAwait(computation.declarator);
    computation.declarator.node.init = replacement;
  } else {
    holder.node[holder.key] = replacement;
    if (computation?.shared) addTodo(rewrite, computation.declarator, sharedIdMessage(use.target, computation.name, computation.kept!));
  }
  if (declarator) retireProbes(pass, declarator, probes);
  if (computation && !computation.shared && !computation.kept) retireIdComputation(pass, computation.declarator);
}

/** The id variable kept (its initialiser does more than compute, or calls a helper apply cannot see) while the item gets the design's id. */
function sharedIdMessage(target: StoreTarget, name: string, kept: string): string {
  const entity = target.entityName;
  const made = target.entity.idStrategy === 'uuid' ? 'a random UUID' : "the counter's next value";
  return `${name} is the ${entity} id the app computed from the whole collection (a full Scan on every create), but the new ${entity} is now stored with ${made} as ${target.key.name}: the other uses of ${name} report an id that is not the stored one. Use the stored item's ${target.key.name} there, then remove ${name} if nothing else needs it (apply keeps it: ${kept})`;
}

function consumeReads(pass: CollectionPass, node: AnyNode): void {
  pass.consume(...pass.uses.filter((candidate) => contains(node, candidate.path.node)).map((candidate) => candidate.path.node));
}

/** The id variable fed only the replaced id: it goes with its read of the store (its helper goes later, if now unused). */
function retireIdComputation(pass: CollectionPass, declarator: ASTPath<any>): void {
  consumeReads(pass, declarator.node.init);
  const declaration = declarator.parent as ASTPath<any>;
  if (declaration.node.declarations.length === 1) declaration.prune();
  else declarator.prune();
}

/** The design's ids are free by construction: the loops that looked for a free id go, and the id variable is constant again. */
function retireProbes(pass: CollectionPass, declarator: ASTPath<any>, probes: ASTPath<any>[]): void {
  if (!probes.length) return;
  pass.consume(...pass.uses.filter((candidate) => probes.some((loop) => contains(loop.node, candidate.path.node))).map((candidate) => candidate.path.node));
  for (const loop of probes) loop.prune();
  const declaration = declarator.parent?.node as AnyNode;
  if (declaration?.type === 'VariableDeclaration' && declaration.kind === 'let' && declaration.declarations.length === 1) declaration.kind = 'const';
}

function idGenerator(rewrite: FileRewrite, target: StoreTarget, at: ASTPath<any>): ExpressionKind | undefined {
  const entity = target.entity;
  if (entity.idStrategy === 'counter' && entity.counter) {
    const table = rewrite.analysis.design.tables.find((candidate) => candidate.name === entity.counter!.table);
    if (!table) return undefined;
    rewrite.markAwait(at);
    return buildNextId(rewrite.emit, { constName: table.envVar, key: entity.counter.key, attribute: entity.counter.attribute });
  }
  if (entity.idStrategy === 'uuid') {
    const local = rewrite.requireNamed('crypto', 'randomUUID');
    return expression(rewrite.emit, [`${local}()`]);
  }
  return undefined;
}

/** The object literal stored: the value itself, or the literal its variable was declared with. */
function findObjectLiteral(rewrite: FileRewrite, call: ASTPath<any>, value: AnyNode): ASTPath<any> | undefined {
  if (value.type === 'ObjectExpression') {
    return rewrite.j(call).find(rewrite.j.ObjectExpression).filter((p) => p.node === value).paths()[0] as ASTPath<any>;
  }
  if (value.type !== 'Identifier') return undefined;
  const declarator = findDeclarator(rewrite, call, value.name);
  if (declarator?.node.init?.type !== 'ObjectExpression') return undefined;
  return declarator.get('init') as ASTPath<any>;
}

function findDeclarator(rewrite: FileRewrite, at: ASTPath<any>, name: string): ASTPath<any> | undefined {
  const scope = lookupScope(at, name);
  if (!scope) return undefined;
  const candidates = rewrite.j(scope.path as ASTPath<any>)
    .find(rewrite.j.VariableDeclarator)
    .filter((p) => (p.node.id as AnyNode).type === 'Identifier' && (p.node.id as AnyNode).name === name && sameScope(lookupScope(p, name), scope))
    .paths() as ASTPath<any>[];
  // `const quote` in two sibling blocks of one function: the one whose block holds `at`
  const visible = candidates.filter((p) => {
    const block = p.parent?.parent?.node as AnyNode | undefined;
    return !block || block.type === 'Program' || contains(block, at.node);
  });
  return visible[visible.length - 1] ?? candidates[0];
}

/** `last.id + 1` where `const last = bookmarks.reduce(…)`: the id depends on a variable derived from the store. */
function dependsOnDerived(pass: CollectionPass, at: ASTPath<any>, node: AnyNode, target: StoreTarget): boolean {
  const names = new Set<string>();
  collectIdentifiers(node, names);
  for (const name of names) {
    const declarator = findDeclarator(pass.rewrite, at, name);
    const init = declarator?.node.init as AnyNode | undefined;
    if (init && pass.uses.some((candidate) => candidate.target === target && contains(init, candidate.path.node))) return true;
  }
  return false;
}

function collectIdentifiers(node: AnyNode, names: Set<string>): void {
  if (!node || typeof node !== 'object') return;
  if (node.type === 'Identifier') names.add(node.name);
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'comments' || key === 'original' || key === 'tokens') continue;
    if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && key === 'property' && !node.computed) continue;
    const value = node[key];
    if (Array.isArray(value)) value.forEach((item) => item && typeof item.type === 'string' && collectIdentifiers(item, names));
    else if (value && typeof value.type === 'string') collectIdentifiers(value, names);
  }
}
