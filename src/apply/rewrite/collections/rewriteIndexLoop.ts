/**
 * The bootcamp lookup loop over an array store, by key:
 *
 *   for (var i = 0; i < users.length; i++) {
 *     if (users[i].id == req.params.id) { …users[i]… }
 *   }
 * →
 *   var { Item: user } = await db.send(new GetCommand(…))
 *   if (user) { …user… }
 *
 * Changes made to `users[i]` in the body become changes of the item, written back by
 * persistMutations. Any other loop over `i < users.length` (the index used otherwise, more than
 * that one `if`, another attribute) gets a TODO: rewritten piece by piece it would scan the
 * whole table on every step.
 */
import type { ASTPath } from 'jscodeshift';
import type { ASTNode } from 'ast-types';
import { addTodo } from '../addTodo';
import { findVariableReferences, lookupScope } from '../bindings';
import { contains, isAttached, memberName } from '../treeUtils';
import type { CollectionPass } from './context';
import type { CollectionUse } from './findCollectionUses';
import { pickItemName, registerItem } from './items';
import { coerceValue } from './keyValue';
import { replaceWithGet } from './reads';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export function rewriteIndexLoop(pass: CollectionPass, use: CollectionUse): boolean {
  const { rewrite } = pass;
  if (use.target.shape !== 'array') return false;
  const loop = loopOverLength(use.path);
  if (!loop) return false;
  if (rewriteKeyLoop(pass, use, loop)) return true;
  // any other walk by position would read the whole table on every step: the app's author decides
  const node = loop.node as AnyNode;
  const inside = pass.uses.filter((candidate) => candidate.target === use.target && contains(node, candidate.path.node));
  pass.consume(...inside.map((candidate) => candidate.path.node));
  for (const candidate of inside) if (candidate.snapshot) rewrite.untranslated.add(candidate.snapshot);
  rewrite.analysis.keptTargets.add(use.target);
  addTodo(rewrite, loop, `this loop walks the ${use.target.entityName} collection by position; read the items once before it (scanAll) or look one up by key (GetCommand), then re-run`);
  return true;
}

function rewriteKeyLoop(pass: CollectionPass, use: CollectionUse, loop: ASTPath<any>): boolean {
  const { rewrite } = pass;
  const { j } = rewrite;
  const node = loop.node as AnyNode;
  const index = loopIndex(node);
  if (!index) return false;
  const test = onlyIf(node.body);
  if (!test || test.alternate) return false;
  const comparison = readKeyComparison(pass, use, test.test, index);
  if (!comparison) return false;
  const fn = rewrite.enclosingFunction(loop);
  const within = fn ?? rewrite.root.paths()[0];
  const declarator = loop.get('init', 'declarations', 0) as ASTPath<any>;
  const references = findVariableReferences(j, within, index, lookupScope(declarator, index));
  // every use of the index, outside the loop header, must be `users[i]` inside the if body
  const elements: ASTPath<any>[] = [];
  for (const reference of references) {
    if (contains(node.init, reference.node) || contains(node.test, reference.node) || contains(node.update, reference.node)) continue;
    if (reference.node === comparison.index) continue;
    const element = reference.parent as ASTPath<any>;
    const collection = pass.sameStore((element.node as AnyNode).object, use);
    if (!contains(test.consequent, reference.node) || element.node.type !== 'MemberExpression' || !(element.node as AnyNode).computed || !collection) return false;
    elements.push(element);
  }
  // the value looked up must not depend on the loop
  if (contains(comparison.value, comparison.index) || j(comparison.value as any).find(j.Identifier, { name: index }).size() > 0) return false;

  const itemName = pickItemName(rewrite, use.target, fn);
  const key = coerceValue(rewrite, comparison.value, use.target.key.type, comparison.loose);
  const kind = node.init.kind === 'var' ? 'var' : 'const';
  const block = loop.parent as ASTPath<any>;
  if (!Array.isArray((block.node as AnyNode).body)) return false;
  const consumed = pass.uses.filter((candidate) => candidate.target === use.target && contains(node, candidate.path.node));
  pass.consume(...consumed.map((candidate) => candidate.path.node));
  for (const element of elements) element.replace(j.identifier(itemName));
  const holder = j.variableDeclaration(kind, [j.variableDeclarator(j.identifier(itemName), j.identifier('undefined'))]);
  // the app's own `if`, now on the item (reused so recast keeps its text)
  test.test = j.identifier(itemName);
  const guarded = test;
  (holder as AnyNode).comments = node.comments;
  loop.replace(holder, guarded);
  const holderPath = block.get('body', ((block.node as AnyNode).body as ASTNode[]).indexOf(holder)) as ASTPath<any>;
  const holderDeclarator = holderPath.get('declarations', 0) as ASTPath<any>;
  replaceWithGet(rewrite, holderDeclarator.get('init'), use.target, key);
  registerItem(rewrite, itemName, holderDeclarator, use.target, key);
  rewrite.operationDone();
  return true;
}

/** The for statement when `path` is the store in `i < store.length` of its test. */
function loopOverLength(path: ASTPath<any>): ASTPath<any> | undefined {
  const member = path.parent as ASTPath<any> | undefined;
  if (!member || memberName(member.node) !== 'length' || (member.node as AnyNode).object !== path.node) return undefined;
  const comparison = member.parent as ASTPath<any> | undefined;
  const loop = comparison?.parent as ASTPath<any> | undefined;
  if (!comparison || !loop || loop.node.type !== 'ForStatement' || (loop.node as AnyNode).test !== comparison.node) return undefined;
  const test = comparison.node as AnyNode;
  if (test.type !== 'BinaryExpression' || test.operator !== '<' || test.right !== member.node || test.left.type !== 'Identifier') return undefined;
  return isAttached(loop) ? loop : undefined;
}

/** `i` for `for (let i = 0; i < …; i++)` (also `i += 1`, `++i`). */
function loopIndex(node: AnyNode): string | undefined {
  const init = node.init;
  if (init?.type !== 'VariableDeclaration' || init.declarations.length !== 1) return undefined;
  const declarator = init.declarations[0];
  if (declarator.id.type !== 'Identifier' || !isZeroLiteral(declarator.init)) return undefined;
  const name: string = declarator.id.name;
  if (node.test.left.name !== name) return undefined;
  const update = node.update;
  const steps =
    (update?.type === 'UpdateExpression' && update.operator === '++' && update.argument.name === name) ||
    (update?.type === 'AssignmentExpression' && update.operator === '+=' && update.left.name === name && update.right.value === 1);
  return steps ? name : undefined;
}

function isZeroLiteral(node: AnyNode): boolean {
  return Boolean(node) && (node.type === 'NumericLiteral' || node.type === 'Literal') && node.value === 0;
}

/** The loop body's one statement when it is an `if`. */
function onlyIf(body: AnyNode): AnyNode | undefined {
  const statement = body?.type === 'BlockStatement' ? (body.body.length === 1 ? body.body[0] : undefined) : body;
  return statement?.type === 'IfStatement' ? statement : undefined;
}

interface KeyComparison {
  value: AnyNode;
  loose: boolean;
  /** The index identifier inside `users[i].id`. */
  index: ASTNode;
}

/** `users[i].id == value` (either side) on the store's key. */
function readKeyComparison(pass: CollectionPass, use: CollectionUse, test: AnyNode, index: string): KeyComparison | undefined {
  if (test?.type !== 'BinaryExpression' || (test.operator !== '===' && test.operator !== '==')) return undefined;
  for (const [side, value] of [
    [test.left, test.right],
    [test.right, test.left],
  ] as AnyNode[][]) {
    if (memberName(side) !== use.target.key.name) continue;
    const element = side.object;
    if (element?.type !== 'MemberExpression' || !element.computed || element.property.type !== 'Identifier' || element.property.name !== index) continue;
    if (!pass.sameStore(element.object, use)) continue;
    return { value, loose: test.operator === '==', index: element.property };
  }
  return undefined;
}
