/**
 * `const index = notes.findIndex((n) => n.id == id)` and everything done with `index`:
 *   index === -1 / index < 0        → !note
 *   notes[index]                    → note
 *   notes[index] = { ...notes[index], … }  → note = { ...note, … }; UpdateCommand (or PutCommand for a replacement)
 *   notes.splice(index, 1)          → DeleteCommand (ReturnValues ALL_OLD when the removed item is used)
 * The declaration becomes one GetItem. When `index` is used any other way the idiom is left alone.
 */
import type { ASTPath } from 'jscodeshift';
import type { ASTNode } from 'ast-types';
import { expression, statement } from '../../../emit/emitContext';
import { buildDeleteItem } from '../../../emit/commands/buildDeleteItem';
import { buildPutItem } from '../../../emit/commands/buildPutItem';
import { buildUpdateItem } from '../../../emit/commands/buildUpdateItem';
import { findVariableReferences, lookupScope, statementOf } from '../bindings';
import { readPredicate } from '../readPredicate';
import { contains, isAttached, isMinusOne, isZero, methodCallOn, replaceStatement } from '../treeUtils';
import type { CollectionPass } from './context';
import type { CollectionUse } from './findCollectionUses';
import { coerceValue } from './keyValue';
import { attributeType, hasDerived, lookupExpression, replaceWithGet } from './reads';
import { pickItemName, registerItem } from './items';
import { itemKeyExpression } from './itemKey';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

type IndexUse =
  | { kind: 'test'; path: ASTPath<any>; negated: boolean }
  | { kind: 'read'; path: ASTPath<any>; collection: CollectionUse }
  | { kind: 'assign'; path: ASTPath<any>; collection: CollectionUse; statement: ASTPath<any> }
  | { kind: 'splice'; path: ASTPath<any>; collection: CollectionUse; statement: ASTPath<any>; removed?: AnyNode };

export function rewriteFindIndex(pass: CollectionPass, use: CollectionUse): boolean {
  const { rewrite } = pass;
  const found = methodCallOn(use.path);
  if (!found || found.method !== 'findIndex' || use.target.shape !== 'array') return false;
  const predicate = readPredicate(found.call.node.arguments[0]);
  const comparison = predicate?.comparisons.length === 1 && !predicate.rest.length ? predicate.comparisons[0] : undefined;
  if (!comparison || comparison.operator.startsWith('!')) return false;
  const byKey = comparison.attribute === use.target.key.name;
  const declarator = found.call.parent as ASTPath<any>;
  if (declarator?.node.type !== 'VariableDeclarator' || declarator.node.init !== found.call.node || declarator.node.id.type !== 'Identifier') return false;
  const declaration = declarator.parent as ASTPath<any>;
  if (declaration.node.declarations.length !== 1) return false;
  const indexName: string = declarator.node.id.name;
  const fn = rewrite.enclosingFunction(declarator);
  const uses = classifyIndexUses(pass, use, findVariableReferences(rewrite.j, fn ?? rewrite.root.paths()[0], indexName, lookupScope(declarator, indexName)));
  if (!uses) return false;

  const itemName = pickItemName(rewrite, use.target, fn, found.call.node.arguments[0]);
  const key = coerceValue(rewrite, comparison.value, byKey ? use.target.key.type : attributeType(use.target, comparison.attribute), comparison.operator === '==');
  const reassigned = uses.some((item) => item.kind === 'assign');
  pass.consume(use.path.node);
  if (byKey && rewriteAsSingleDelete(pass, use, declaration, uses, itemName, key)) return true;
  declarator.node.id = rewrite.j.identifier(itemName);
  declarator.node.init = rewrite.j.identifier('undefined');
  if (byKey) {
    // const { Item: note } = await db.send(new GetCommand(…))
    replaceWithGet(rewrite, declarator.get('init'), use.target, key, reassigned ? 'let' : undefined);
  } else {
    // by another attribute: the first item the lookup finds (`[0]`), then everything by its key
    declarator.node.init = expression(rewrite.emit, [lookupExpression(rewrite, declarator, use.target, comparison.attribute, key), '[0]']);
    if (reassigned && declaration.node.kind === 'const') declaration.node.kind = 'let';
  }
  registerItem(rewrite, itemName, declarator, use.target, byKey ? key : undefined);
  const item = () => rewrite.j.identifier(itemName);
  const table = rewrite.tableOf(use.target);
  const registered = rewrite.items[rewrite.items.length - 1];
  const itemKey = () => itemKeyExpression(rewrite, registered);

  for (const indexUse of uses) {
    if (indexUse.kind === 'test') indexUse.path.replace(indexUse.negated ? expression(rewrite.emit, [`!${itemName}`]) : expression(rewrite.emit, [`${itemName} !== undefined`]));
    if (indexUse.kind === 'read') {
      pass.consume(indexUse.collection.path.node);
      indexUse.path.replace(item());
    }
  }
  for (const indexUse of uses) {
    if (indexUse.kind === 'assign') {
      pass.consume(indexUse.collection.path.node);
      const value = indexUse.path.node.right as AnyNode;
      const spreadsItem = value.type === 'ObjectExpression' && value.properties.some((p: AnyNode) => (p.type === 'SpreadElement' || p.type === 'SpreadProperty') && p.argument.type === 'Identifier' && p.argument.name === itemName);
      const assignment = statement(rewrite.emit, [`${itemName} = `, value, ';']);
      const write = spreadsItem
        ? statement(rewrite.emit, [buildUpdateItem(rewrite.emit, table, itemKey(), item()), ';'])
        : statement(rewrite.emit, [buildPutItem(rewrite.emit, table, item(), { derived: hasDerived(use.target) }), ';']);
      rewrite.markAwait(indexUse.statement);
      replaceStatement(indexUse.statement, [assignment, write]);
      rewrite.operationDone();
    }
    if (indexUse.kind === 'splice') {
      pass.consume(indexUse.collection.path.node);
      rewrite.markAwait(indexUse.statement);
      const removed = indexUse.removed;
      const command = buildDeleteItem(rewrite.emit, table, itemKey(), Boolean(removed));
      if (removed) {
        const pattern = rewrite.j.objectPattern([Object.assign(rewrite.j.objectProperty(rewrite.j.identifier('Attributes'), removed as any), { shorthand: false })]);
        const declarationNode = indexUse.statement.node;
        declarationNode.declarations[0].id = pattern;
        declarationNode.declarations[0].init = command;
      } else {
        replaceStatement(indexUse.statement, [statement(rewrite.emit, [command, ';'])]);
      }
      rewrite.operationDone();
    }
  }
  rewrite.operationDone();
  return true;
}

/**
 * Check, then delete (`if (index === -1) return 404; notes.splice(index, 1)`) is one DeleteItem
 * with ReturnValues ALL_OLD: it deletes and tells whether the item existed, in one request.
 * Only when nothing but the existence checks runs between the lookup and the splice.
 */
function rewriteAsSingleDelete(pass: CollectionPass, use: CollectionUse, declaration: ASTPath<any>, uses: IndexUse[], itemName: string, key: AnyNode): boolean {
  const { rewrite } = pass;
  const splices = uses.filter((item) => item.kind === 'splice');
  if (splices.length !== 1 || uses.some((item) => item.kind === 'read' || item.kind === 'assign')) return false;
  const splice = splices[0] as Extract<IndexUse, { kind: 'splice' }>;
  const body = declaration.parent?.node.body as AnyNode[] | undefined;
  if (!Array.isArray(body) || splice.statement.parent?.node !== declaration.parent.node) return false;
  const between = body.slice(body.indexOf(declaration.node) + 1, body.indexOf(splice.statement.node));
  const tests = uses.filter((item) => item.kind === 'test');
  if (!between.every((node) => node.type === 'IfStatement' && tests.some((test) => contains(node.test, test.path.node)))) return false;
  const command = buildDeleteItem(rewrite.emit, rewrite.tableOf(use.target), key as any, true);
  rewrite.markAwait(declaration);
  const replacement = (
    hasDerived(use.target)
      ? statement(rewrite.emit, [`const ${itemName} = ${rewrite.localName('withoutDerived')}(${rewrite.localName(use.target.table.envVar)}, `, command, '.Attributes);'])
      : statement(rewrite.emit, [`const { Attributes: ${itemName} } = `, command, ';'])
  ) as AnyNode;
  replacement.comments = declaration.node.comments;
  for (const test of tests) test.path.replace(expression(rewrite.emit, [(test as { negated: boolean }).negated ? `!${itemName}` : `${itemName} !== undefined`]));
  pass.consume(splice.collection.path.node);
  if (splice.removed) splice.statement.replace(statement(rewrite.emit, [`const ${splice.removed.name} = ${itemName};`]));
  else splice.statement.prune();
  declaration.replace(replacement);
  rewrite.operationDone();
  return true;
}

function classifyIndexUses(pass: CollectionPass, use: CollectionUse, references: ASTPath<any>[]): IndexUse[] | undefined {
  const result: IndexUse[] = [];
  for (const reference of references) {
    const parent = reference.parent as ASTPath<any>;
    const node = parent.node;
    if (node.type === 'BinaryExpression') {
      const other = node.left === reference.node ? node.right : node.left;
      const indexLeft = node.left === reference.node;
      const op: string = node.operator;
      if (isMinusOne(other) && ['===', '==', '!==', '!='].includes(op)) {
        result.push({ kind: 'test', path: parent, negated: op === '===' || op === '==' });
        continue;
      }
      if (isMinusOne(other) && ((indexLeft && op === '>') || (!indexLeft && op === '<'))) {
        result.push({ kind: 'test', path: parent, negated: false });
        continue;
      }
      if (isZero(other) && ((indexLeft && (op === '<' || op === '>=')) || (!indexLeft && (op === '>' || op === '<=')))) {
        result.push({ kind: 'test', path: parent, negated: (indexLeft && op === '<') || (!indexLeft && op === '>') });
        continue;
      }
      return undefined;
    }
    if (node.type === 'MemberExpression' && node.computed && node.property === reference.node) {
      const collection = pass.sameStore(node.object, use);
      if (!collection) return undefined;
      const outer = parent.parent as ASTPath<any>;
      if (outer.node.type === 'AssignmentExpression' && outer.node.left === node) {
        const statementPath = outer.parent as ASTPath<any>;
        if (outer.node.operator !== '=' || statementPath.node.type !== 'ExpressionStatement') return undefined;
        result.push({ kind: 'assign', path: outer, collection, statement: statementPath });
      } else {
        result.push({ kind: 'read', path: parent, collection });
      }
      continue;
    }
    if (node.type === 'CallExpression' && node.arguments[0] === reference.node) {
      const callee = node.callee as AnyNode;
      const collection = callee.type === 'MemberExpression' ? pass.sameStore(callee.object, use) : undefined;
      const count = node.arguments[1] as AnyNode | undefined;
      if (!collection || callee.property?.name !== 'splice' || node.arguments.length !== 2 || count?.value !== 1) return undefined;
      const holder = parent.parent as ASTPath<any>;
      if (holder.node.type === 'ExpressionStatement') {
        result.push({ kind: 'splice', path: parent, collection, statement: holder });
        continue;
      }
      // const [removed] = notes.splice(index, 1)
      if (holder.node.type === 'VariableDeclarator' && holder.node.id.type === 'ArrayPattern' && holder.node.id.elements.length === 1 && holder.node.id.elements[0]?.type === 'Identifier') {
        const declaration = holder.parent as ASTPath<any>;
        if (declaration.node.declarations.length !== 1) return undefined;
        result.push({ kind: 'splice', path: parent, collection, statement: declaration, removed: holder.node.id.elements[0] });
        continue;
      }
      return undefined;
    }
    return undefined;
  }
  return result.every((item) => isAttached(item.path)) && statementOf(references[0] ?? use.path) ? result : undefined;
}
