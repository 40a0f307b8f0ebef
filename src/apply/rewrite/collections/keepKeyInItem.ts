/**
 * A Map or object map can keep the key apart from the value: `videos.set(videoId, video)` with a
 * `video` that has no `id`. A DynamoDB item must carry its key, so the stored value gets it:
 * `{ ...video, id: videoId }` (or the property added to the literal written there). Left as it
 * is when the value visibly carries it already: `todos.set(todo.id, todo)`, `{ id, title }`.
 */
import type { ASTPath } from 'jscodeshift';
import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { propertyKey, type Part } from '../../../emit/emitContext';
import type { FileRewrite } from '../FileRewrite';
import { lookupScope } from '../bindings';
import { unwrap } from '../readPredicate';
import type { CollectionPass } from './context';
import type { CollectionUse } from './findCollectionUses';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The value to store for `write` (a `set` call or an `obj[k] = v` assignment), put in its place in the tree. */
export function keepKeyInItem(pass: CollectionPass, use: CollectionUse, write: ASTPath<any>, key: ExpressionKind, value: AnyNode): AnyNode {
  const { rewrite } = pass;
  const name = use.target.key.name;
  if (carriesKey(pass, write, key as AnyNode, value, name)) return value;
  const { j } = rewrite;
  const property = j.objectProperty(/^[A-Za-z_$][\w$]*$/.test(name) ? j.identifier(name) : j.stringLiteral(name), key);
  let stored: AnyNode;
  if (value.type === 'ObjectExpression') {
    const oneLine = value.loc && value.loc.start.line === value.loc.end.line;
    value.properties.push(property);
    stored = value;
    if (oneLine) keyedItems.set(stored, 'literal');
  } else {
    stored = j.objectExpression([j.spreadElement(value), property]);
    keyedItems.set(stored, 'spread');
  }
  const node = write.node as AnyNode;
  if (node.type === 'AssignmentExpression') node.right = stored;
  else node.arguments[1] = stored;
  return stored;
}

const keyedItems = new WeakMap<object, 'spread' | 'literal'>();

/**
 * `{ ...video, id: videoId }` or `{ name: song.name, id: id }` made by keepKeyInItem, as template
 * parts for the put, so it prints on one line like the code around it (recast prints an object it
 * did not parse over several lines). Read at build time: the id may have been replaced since.
 */
export function itemParts(rewrite: FileRewrite, node: AnyNode): Part[] | undefined {
  const kind = keyedItems.get(node);
  if (!kind) return undefined;
  if (kind === 'literal') {
    const texts = (node.properties as AnyNode[]).map((property) => rewrite.j(property).toSource());
    return texts.some((text) => text.includes('\n')) ? undefined : [`{ ${texts.join(', ')} }`];
  }
  const [spread, property] = node.properties as AnyNode[];
  const name = (property.key.name ?? property.key.value) as string;
  // written out in full like every key object (`Key: { id: id }`)
  return ['{ ...', spread.argument, `, ${propertyKey(rewrite.emit, name)}: `, property.value, ' }'];
}

function carriesKey(pass: CollectionPass, at: ASTPath<any>, key: AnyNode, value: AnyNode, name: string): boolean {
  // set(todo.id, todo), users[user.id] = user
  const inner = unwrap(key);
  if ((inner.type === 'MemberExpression' || inner.type === 'OptionalMemberExpression') && !inner.computed && inner.property.name === name) {
    if (sameText(pass, inner.object, value)) return true;
  }
  const literal = value.type === 'ObjectExpression' ? value : value.type === 'Identifier' ? declaredLiteral(pass, at, value.name) : undefined;
  return Boolean(literal?.properties.some((p: AnyNode) => (p.type === 'ObjectProperty' || p.type === 'Property') && !p.computed && (p.key.name ?? p.key.value) === name));
}

function sameText(pass: CollectionPass, a: AnyNode, b: AnyNode): boolean {
  if (a.type === 'Identifier' && b.type === 'Identifier') return a.name === b.name;
  return pass.rewrite.j(a).toSource() === pass.rewrite.j(b).toSource();
}

/** `const video = { … }` in scope of `at`: the literal (undefined for parameters and other values). */
function declaredLiteral(pass: CollectionPass, at: ASTPath<any>, name: string): AnyNode | undefined {
  const scope = lookupScope(at, name);
  if (!scope) return undefined;
  const { j } = pass.rewrite;
  const init = j(scope.path as ASTPath<any>)
    .find(j.VariableDeclarator)
    .filter((p) => (p.node.id as AnyNode).type === 'Identifier' && (p.node.id as AnyNode).name === name)
    .nodes()[0]?.init as AnyNode | undefined;
  return init?.type === 'ObjectExpression' ? init : undefined;
}
