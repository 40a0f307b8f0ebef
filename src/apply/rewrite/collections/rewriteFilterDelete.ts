/**
 * Deleting by filtering the array and comparing lengths, in its two usual shapes:
 *   const remaining = links.filter((l) => l.code !== code);
 *   if (remaining.length === links.length) return 404;   → const { Attributes: deletedLink } = await …DeleteCommand…;
 *   saveLinks(remaining);                                    if (!deletedLink) return 404;
 * and
 *   const count = recipes.length;
 *   recipes = recipes.filter((r) => r.id !== id);
 *   if (recipes.length === count) return 404;      (or `return recipes.length < count`)
 * Both become one DeleteItem with ReturnValues ALL_OLD: it deletes and says whether it existed.
 */
import type { ASTPath } from 'jscodeshift';
import type { ASTNode } from 'ast-types';
import { expression, statement } from '../../../emit/emitContext';
import { buildDeleteItem } from '../../../emit/commands/buildDeleteItem';
import { findVariableReferences, lookupScope } from '../bindings';
import type { FileRewrite } from '../FileRewrite';
import { readPredicate } from '../readPredicate';
import { memberName, methodCallOn, replaceStatement } from '../treeUtils';
import type { CollectionPass } from './context';
import type { CollectionUse } from './findCollectionUses';
import { coerceValue } from './keyValue';
import { savedValue } from './rewriteWriterCalls';
import { attributeType, lookupExpression } from './reads';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

interface LengthTest {
  path: ASTPath<any>;
  /** true when the test means "nothing was removed" (=== / ==). */
  unchanged: boolean;
  collections: CollectionUse[];
}

export function rewriteFilterDelete(pass: CollectionPass, use: CollectionUse): boolean {
  const { rewrite } = pass;
  const found = methodCallOn(use.path);
  if (!found || found.method !== 'filter' || use.target.shape !== 'array') return false;
  const predicate = readPredicate(found.call.node.arguments[0]);
  const comparison = predicate?.comparisons.length === 1 && !predicate.rest.length ? predicate.comparisons[0] : undefined;
  if (!comparison || !comparison.operator.startsWith('!')) return false;
  const byKey = comparison.attribute === use.target.key.name;
  const match: Match = {
    attribute: comparison.attribute,
    value: () => coerceValue(rewrite, comparison.value, byKey ? use.target.key.type : attributeType(use.target, comparison.attribute), comparison.operator === '!='),
  };
  const parent = found.call.parent as ASTPath<any>;

  // shape 1: const remaining = store.filter(…)
  if (parent.node.type === 'VariableDeclarator' && parent.node.init === found.call.node && parent.node.id.type === 'Identifier') {
    const declaration = parent.parent as ASTPath<any>;
    if (declaration.node.declarations.length !== 1) return false;
    const name: string = parent.node.id.name;
    const fn = rewrite.enclosingFunction(parent);
    const references = findVariableReferences(rewrite.j, fn ?? rewrite.root.paths()[0], name, lookupScope(parent, name));
    const tests: LengthTest[] = [];
    const saves: ASTPath<any>[] = [];
    for (const reference of references) {
      const test = readLengthTest(pass, use, reference, (node) => node.type === 'Identifier' && node.name === name);
      if (test) tests.push(test);
      else if (isWriterArgument(rewrite, reference)) saves.push(reference);
      else return false;
    }
    // no length test and no save: the filtered list is only read, not a delete
    if (!tests.length && !saves.length) return false;
    const deleted = tests.length ? rewrite.freshName([`deleted${use.target.entityName}`, 'deleted']) : '';
    commit(pass, use, declaration, deleted, match, tests);
    for (const save of saves) markWriterHandled(rewrite, save);
    return true;
  }

  // shape 3: saveX(store.filter(…)) — the filtered list saved as it is
  const writer = writerOf(rewrite, found.call);
  if (writer) {
    let statementPath = writer.parent as ASTPath<any>;
    if (statementPath.node.type === 'AwaitExpression') statementPath = statementPath.parent as ASTPath<any>;
    if (statementPath.node.type !== 'ExpressionStatement') return false;
    commit(pass, use, statementPath, '', match, []);
    return true;
  }

  // shape 2: store = store.filter(…), with `const count = store.length` before and a length test after
  if (parent.node.type === 'AssignmentExpression' && parent.node.right === found.call.node && parent.node.operator === '=' && pass.sameStore(parent.node.left, use)) {
    const statementPath = parent.parent as ASTPath<any>;
    if (statementPath.node.type !== 'ExpressionStatement') return false;
    const block = statementPath.parent?.node as AnyNode;
    const body: AnyNode[] | undefined = block?.body;
    if (!Array.isArray(body)) return false;
    const at = body.indexOf(statementPath.node);
    const counter = findCountDeclaration(pass, use, body.slice(0, at));
    if (!counter) return replaceWithoutCount(pass, use, parent, statementPath, match);
    const fn = rewrite.enclosingFunction(statementPath);
    const counterPath = rewrite.j(fn ?? rewrite.root.paths()[0]).find(rewrite.j.VariableDeclarator).filter((p) => p.node === counter.declarator).paths()[0] as ASTPath<any>;
    const counterReferences = findVariableReferences(rewrite.j, fn ?? rewrite.root.paths()[0], counter.name, lookupScope(counterPath, counter.name));
    const tests: LengthTest[] = [];
    for (const reference of counterReferences) {
      const test = readLengthTest(pass, use, reference, () => false, counter.name);
      if (!test) return false;
      tests.push(test);
    }
    if (!tests.length) return false;
    pass.consume(parent.node.left, counter.collection);
    const deleted = rewrite.freshName([`deleted${use.target.entityName}`, 'deleted']);
    commit(pass, use, statementPath, deleted, match, tests);
    // the count is no longer needed
    const counterDeclaration = counterPath.parent as ASTPath<any>;
    if (counterDeclaration.node.declarations.length === 1) counterDeclaration.prune();
    // a later `saveRecipes(recipes)` has nothing left to save
    for (const reference of use.snapshot ? findVariableReferences(rewrite.j, fn ?? rewrite.root.paths()[0], use.snapshot.name, use.snapshot.scope) : []) {
      if (isWriterArgument(rewrite, reference)) markWriterHandled(rewrite, reference);
    }
    return true;
  }
  return false;
}

interface Match {
  attribute: string;
  value: () => AnyNode;
}

/**
 * `store = store.filter(…)` with no count to compare: a delete whose caller asks nothing (the app
 * answers the same whether the item existed). A memory store is read from the table after this
 * anyway; a snapshot variable (`let members = await readMembers()`) may only be saved afterwards,
 * since reading it again would show the item the delete just removed.
 */
function replaceWithoutCount(pass: CollectionPass, use: CollectionUse, assignment: ASTPath<any>, statementPath: ASTPath<any>, match: Match): boolean {
  const { rewrite } = pass;
  const saves: ASTPath<any>[] = [];
  const fn = rewrite.enclosingFunction(statementPath);
  const after = start(statementPath);
  if (use.snapshot) {
    if (!fn || rewrite.enclosingFunction(use.snapshot.declarator)?.node !== fn.node) return false;
    for (const reference of findVariableReferences(rewrite.j, fn, use.snapshot.name, use.snapshot.scope)) {
      if (reference.node === assignment.node.left || reference.node === use.path.node || start(reference) < after) continue;
      if (!isWriterArgument(rewrite, reference)) return false;
      saves.push(reference);
    }
  } else {
    // a module-level list saved after the change (`fs.writeFileSync(F, JSON.stringify(members))`): nothing left to save
    for (const other of pass.uses) {
      if (other.target === use.target && start(other.path) > after && rewrite.enclosingFunction(other.path)?.node === fn?.node && isWriterArgument(rewrite, other.path)) saves.push(other.path);
    }
  }
  pass.consume(assignment.node.left);
  commit(pass, use, statementPath, '', match, []);
  for (const save of saves) markWriterHandled(rewrite, save);
  return true;
}

function start(path: ASTPath<any>): number {
  return ((path.node as AnyNode).start as number | undefined) ?? Number.MAX_SAFE_INTEGER;
}

/**
 * By key: one DeleteItem whose ALL_OLD answer says whether the item existed. By another attribute
 * (a unique code): find the item first, then delete it by its key.
 */
function commit(pass: CollectionPass, use: CollectionUse, statementPath: ASTPath<any>, deleted: string, match: Match, tests: LengthTest[]): void {
  const { rewrite } = pass;
  pass.consume(use.path.node);
  for (const test of tests) {
    pass.consume(...test.collections.map((collection) => collection.path.node));
    test.path.replace(expression(rewrite.emit, [test.unchanged ? `!${deleted}` : `${deleted} !== undefined`]));
  }
  const table = rewrite.tableOf(use.target);
  rewrite.markAwait(statementPath);
  if (match.attribute === use.target.key.name) {
    // nothing asks whether the item existed: a plain DeleteItem
    const asked = tests.length > 0;
    const command = buildDeleteItem(rewrite.emit, table, match.value() as any, asked);
    replaceStatement(statementPath, [statement(rewrite.emit, asked ? [`const { Attributes: ${deleted} } = `, command, ';'] : [command, ';'])]);
  } else {
    deleted = deleted || rewrite.freshName([`deleted${use.target.entityName}`, 'deleted']);
    const found = lookupExpression(rewrite, statementPath, use.target, match.attribute, match.value() as any);
    const command = buildDeleteItem(rewrite.emit, table, expression(rewrite.emit, [`${deleted}.${use.target.key.name}`]), false);
    replaceStatement(statementPath, [
      statement(rewrite.emit, [`const ${deleted} = `, found, '[0];']),
      statement(rewrite.emit, [`if (${deleted}) {\n${rewrite.style.indent}`, command, ';\n}']),
    ]);
  }
  rewrite.operationDone();
}

/** `x.length === store.length` (or the counter form `store.length === count`), either order. */
function readLengthTest(pass: CollectionPass, use: CollectionUse, reference: ASTPath<any>, isOther: (node: AnyNode) => boolean, counterName?: string): LengthTest | undefined {
  let side: ASTPath<any> = reference;
  if (!counterName) {
    const member = reference.parent as ASTPath<any>;
    if (memberName(member.node) !== 'length' || member.node.object !== reference.node) return undefined;
    side = member;
  }
  const binary = side.parent as ASTPath<any>;
  if (binary.node.type !== 'BinaryExpression' || !['===', '==', '!==', '!=', '<', '>'].includes(binary.node.operator)) return undefined;
  const other = (binary.node.left === side.node ? binary.node.right : binary.node.left) as AnyNode;
  if (memberName(other) !== 'length') return undefined;
  const collection = pass.sameStore(other.object, use);
  if (!collection && !isOther(other.object)) return undefined;
  const operator: string = binary.node.operator;
  if (operator === '<' || operator === '>') {
    // `after.length < before` / `before > after.length` say "something was removed"; other orders are not a delete test
    const referenceIsAfter = !counterName;
    const afterOnLeft = (binary.node.left === side.node) === referenceIsAfter;
    if ((operator === '<') !== afterOnLeft) return undefined;
    return { path: binary, unchanged: false, collections: collection ? [collection] : [] };
  }
  return { path: binary, unchanged: operator.startsWith('='), collections: collection ? [collection] : [] };
}

function findCountDeclaration(pass: CollectionPass, use: CollectionUse, before: AnyNode[]): { declarator: AnyNode; name: string; collection: AnyNode } | undefined {
  for (const statementNode of [...before].reverse()) {
    if (statementNode.type !== 'VariableDeclaration' || statementNode.declarations.length !== 1) continue;
    const declarator = statementNode.declarations[0];
    const init = declarator.init as AnyNode | undefined;
    if (declarator.id.type === 'Identifier' && memberName(init) === 'length' && pass.sameStore(init!.object, use)) {
      return { declarator, name: declarator.id.name, collection: init!.object };
    }
  }
  return undefined;
}

/** The call that saves `reference`: `saveX(x)`, or the fs write around `JSON.stringify(x)` (an inline save). */
function writerOf(rewrite: FileRewrite, reference: ASTPath<any>): ASTPath<any> | undefined {
  for (const call of [reference.parent, reference.parent?.parent] as (ASTPath<any> | undefined)[]) {
    if (call && call.node.type === 'CallExpression' && rewrite.writerCalls.some((writer) => writer.path.node === call.node) && savedValue(call.node) === reference.node) return call;
  }
  return undefined;
}

function isWriterArgument(rewrite: FileRewrite, reference: ASTPath<any>): boolean {
  return writerOf(rewrite, reference) !== undefined;
}

/** The writer call has nothing left to write: it is removed by rewriteWriterCalls. */
function markWriterHandled(rewrite: FileRewrite, reference: ASTPath<any>): void {
  const writer = writerOf(rewrite, reference);
  if (writer) rewrite.handledWriters.add(writer.node);
}
