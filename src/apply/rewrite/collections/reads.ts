/**
 * The three ways the migrated code reads a store: one item by key (GetItem), the items with one
 * attribute value (Query on the planned GSI, or a filtered Scan when the design has none), and
 * every item (Scan, page by page). Each returns an expression whose value matches what the
 * array/Map code produced.
 */
import type { ASTPath } from 'jscodeshift';
import type { ASTNode } from 'ast-types';
import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { expression, quoted, statement } from '../../../emit/emitContext';
import { buildGetItem } from '../../../emit/commands/buildGetItem';
import { buildQueryIndex } from '../../../emit/commands/buildQueryIndex';
import { buildScanAll } from '../../../emit/commands/buildScanAll';
import { findServingIndex } from '../../../plan/index-resolver';
import type { StoreTarget } from '../../analysis/findStoreTargets';
import type { FileRewrite } from '../FileRewrite';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Replaces `path` (an expression worth the item or undefined) with a GetItem. As the whole init of
 * `const x = …` it becomes `const { Item: x } = await db.send(…)`.
 */
export function replaceWithGet(rewrite: FileRewrite, path: ASTPath<any>, target: StoreTarget, key: ExpressionKind, kind?: 'let'): string | undefined {
  const get = buildGetItem(rewrite.emit, rewrite.tableOf(target), key);
  const declarator = path.parent?.node as AnyNode | undefined;
  const type = entityTypeName(rewrite, target);
  rewrite.markAwait(path);
  if (hasDerived(target)) {
    // derived attributes (TTL seconds, key copies) are the table's business, not the app's
    const visible = expression(rewrite.emit, [`${rewrite.localName('withoutDerived')}(${rewrite.localName(target.table.envVar)}, `, get, `.Item)${type ? ` as ${type} | undefined` : ''}`]);
    const isInit = declarator?.type === 'VariableDeclarator' && declarator.init === path.node;
    if (isInit && kind === 'let' && path.parent.parent?.node.kind === 'const') path.parent.parent.node.kind = 'let';
    path.replace(visible);
    return isInit && declarator.id.type === 'Identifier' ? declarator.id.name : undefined;
  }
  if (declarator?.type === 'VariableDeclarator' && declarator.init === path.node && declarator.id.type === 'Identifier') {
    const name: string = declarator.id.name;
    if (!type && !declarator.id.typeAnnotation) {
      destructure(rewrite, path.parent, 'Item', get, kind);
      return name;
    }
    // TypeScript: keep the variable's type (GetCommand's Item is a plain record)
    declarator.init = type ? expression(rewrite.emit, [get, `.Item as ${type} | undefined`]) : expression(rewrite.emit, [get, '.Item']);
    const declaration = path.parent.parent?.node as AnyNode;
    if (kind === 'let' && declaration?.type === 'VariableDeclaration' && declaration.kind === 'const') declaration.kind = 'let';
    return name;
  }
  path.replace(type ? expression(rewrite.emit, ['(', get, `.Item as ${type} | undefined)`]) : expression(rewrite.emit, [get, '.Item']));
  return undefined;
}

/**
 * In TypeScript, the entity's own type when the file can name it (an interface, type alias, class
 * or import called like the entity): reads are cast or typed with it so the app still type-checks.
 */
export function entityTypeName(rewrite: FileRewrite, target: StoreTarget): string | undefined {
  if (!/\.(ts|tsx|mts|cts)$/.test(rewrite.rel)) return undefined;
  const name = target.entityName;
  const { j, root } = rewrite;
  const declared =
    root.find(j.TSInterfaceDeclaration, { id: { name } }).size() +
    root.find(j.TSTypeAliasDeclaration, { id: { name } }).size() +
    root.find(j.ClassDeclaration, { id: { name } }).size() +
    root.find(j.ImportSpecifier, { local: { name } }).size();
  return declared > 0 ? name : undefined;
}

/**
 * `const x = <value>` → `const { <property>: x } = <value>` (e.g. `{ Item: note }`), written as
 * one template so it prints on one line like hand-written code.
 */
export function destructure(rewrite: FileRewrite, declarator: ASTPath<any>, property: string, value: AnyNode, kind?: 'let'): void {
  const declaration = declarator.parent as ASTPath<any>;
  const name: string = declarator.node.id.name;
  if (declaration?.node.type === 'VariableDeclaration' && declaration.node.declarations.length === 1 && declaration.parent?.node.type !== 'ForOfStatement') {
    const keyword = kind === 'let' && declaration.node.kind === 'const' ? 'let' : declaration.node.kind;
    const replacement = statement(rewrite.emit, [`${keyword} { ${property}: ${name} } = `, value, ';']) as AnyNode;
    replacement.comments = declaration.node.comments;
    declaration.replace(replacement);
    return;
  }
  const { j } = rewrite;
  declarator.node.id = j.objectPattern([Object.assign(j.objectProperty(j.identifier(property), j.identifier(name)), { shorthand: false })]);
  declarator.node.init = value;
}

/** `(await db.send(new GetCommand(…))).Item` */
export function getItemExpression(rewrite: FileRewrite, path: ASTPath<any>, target: StoreTarget, key: ExpressionKind): ExpressionKind {
  rewrite.markAwait(path);
  const get = buildGetItem(rewrite.emit, rewrite.tableOf(target), key);
  if (hasDerived(target)) return expression(rewrite.emit, [`${rewrite.localName('withoutDerived')}(${rewrite.localName(target.table.envVar)}, `, get, '.Item)']);
  return expression(rewrite.emit, [get, '.Item']);
}

/** The design derives attributes for this entity (written by withDerived, hidden by withoutDerived). */
export function hasDerived(target: StoreTarget): boolean {
  return (target.entity.derivedAttributes ?? []).length > 0;
}

/** Items whose `attribute` equals `value`: Query on the index the design planned, else a filtered Scan. */
export function lookupExpression(rewrite: FileRewrite, path: ASTPath<any>, target: StoreTarget, attribute: string, value: ExpressionKind): ExpressionKind {
  rewrite.markAwait(path);
  const table = rewrite.tableOf(target);
  if (table.guarded && target.entity.uniqueAttributes?.some((unique) => unique.attribute === attribute && unique.lookup === 'guard')) {
    // the guard item holds the owner's id: two strongly consistent reads, no index or scan
    const type = entityTypeName(rewrite, target);
    return expression(rewrite.emit, [`await ${rewrite.localName('findByUnique')}${type ? `<${type}>` : ''}(${rewrite.localName(table.constName)}, ${quoted(rewrite.emit, attribute)}, `, value, ')']);
  }
  const index = findServingIndex(rewrite.analysis.design, target.entityName, attribute);
  const gsi = index ? target.table.gsis.find((candidate) => candidate.name === index.name) : undefined;
  if (gsi && gsi.partitionKey.name === attribute) {
    return inAppOrder(rewrite, target, buildQueryIndex(rewrite.emit, rewrite.tableOf(target), { index: gsi.name, attribute, value }, entityTypeName(rewrite, target)));
  }
  return inAppOrder(rewrite, target, buildScanAll(rewrite.emit, rewrite.tableOf(target), { attribute, value }, entityTypeName(rewrite, target)));
}

/** Every item of the store (the whole array, the Map's values). */
export function scanExpression(rewrite: FileRewrite, path: ASTPath<any>, target: StoreTarget): ExpressionKind {
  rewrite.markAwait(path);
  return inAppOrder(rewrite, target, buildScanAll(rewrite.emit, rewrite.tableOf(target), undefined, entityTypeName(rewrite, target)));
}

/**
 * An array (or Map) kept items in insertion order and the app may depend on it (pages, "first").
 * A Scan returns items in key-hash order; with sequential numeric ids (counter strategy)
 * insertion order is id order, so the items are sorted by id. Other ids carry no order to restore.
 */
function inAppOrder(rewrite: FileRewrite, target: StoreTarget, items: ExpressionKind): ExpressionKind {
  if (target.key.type !== 'number' || target.entity.idStrategy !== 'counter' || target.shape === 'object-map') return items;
  const key = target.key.name;
  return expression(rewrite.emit, [items, `.sort((a, b) => a.${key} - b.${key})`]);
}

/** The type the design gives an attribute of the target's entity. */
export function attributeType(target: StoreTarget, attribute: string): string | undefined {
  if (attribute === target.key.name) return target.key.type;
  return target.entity.attributes?.[attribute];
}
