import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { Placeholder } from '../sql/normaliseSql';
import type { SqlBinding } from '../types';
import { unwrapPath } from './astUtils';

/**
 * Pairs a statement's placeholders with the argument expressions that bind them:
 * positional arguments (`run(a, b)`), one array (`run(sql, [a, b], cb)`), or one object for named
 * parameters (`run({ title })` for `@title`, `{ $id: 1 }` / `{ ':id': 1 }` for sqlite3/sqlite).
 * A trailing callback is not an argument. Arrays and objects held in a local variable are followed.
 */
export function bindArguments(args: NodePath[], placeholders: Placeholder[]): SqlBinding[] {
  const values = args.filter((arg, index) => !(index === args.length - 1 && (arg.isFunction() || isCallbackIdentifier(arg))));
  // Positional arguments before a spread of unknown length bind from the start, those after it from the end.
  const head: (NodePath | undefined)[] = [];
  const tail: (NodePath | undefined)[] = [];
  let spread = false;
  let named: NodePath<t.ObjectExpression> | undefined;
  const push = (path: NodePath | undefined): void => {
    (spread ? tail : head).push(path);
  };
  const positionalCount = placeholders.filter((p) => p.style === 'positional' || p.style === 'numbered').length;
  for (const arg of values) {
    const value = chooseBranch(followLocal(arg), positionalCount);
    if (value.isArrayExpression()) {
      for (const element of value.get('elements')) {
        if (element.isSpreadElement()) spread = true;
        else push(element.node ? (element as NodePath) : undefined);
      }
    } else if (value.isObjectExpression()) {
      named = value;
    } else if (arg.isSpreadElement()) {
      const spreadValue = followLocal(arg.get('argument') as NodePath);
      if (spreadValue.isArrayExpression() && spreadValue.node.elements.every((e) => e && !t.isSpreadElement(e))) {
        for (const element of spreadValue.get('elements')) push(element as NodePath);
      } else spread = true;
    } else push(arg);
  }
  // One value of unknown shape for several placeholders (`db.run(INSERT, row)` in a loop over rows):
  // it is the array or object of parameters, whose items cannot be told apart.
  if (values.length === 1 && head.length === 1 && !named && !spread && placeholders.filter((p) => p.style !== 'interpolated').length > 1 && isOpaqueCollection(head[0])) {
    head.length = 0;
  }
  const positionalAt = (index: number): NodePath | undefined => {
    if (index < head.length) return head[index];
    if (!spread) return undefined;
    const fromEnd = positionalCount - 1 - index;
    return fromEnd >= 0 && fromEnd < tail.length ? tail[tail.length - 1 - fromEnd] : undefined;
  };
  let anonymous = 0;
  return placeholders
    .filter((p) => p.style !== 'interpolated')
    .map((placeholder) => {
      const binding: SqlBinding = { canonical: placeholder.canonical, written: placeholder.written };
      if (placeholder.style === 'named' && named) {
        const argument = propertyValue(named, placeholder.name ?? '', placeholder.written);
        if (argument) binding.argument = argument;
        return binding;
      }
      const argument = positionalAt(placeholder.style === 'positional' ? anonymous++ : placeholder.position - 1);
      if (argument) binding.argument = argument;
      return binding;
    });
}

/**
 * `genre ? [genre, limit, offset] : [limit, offset]` next to SQL that varies the same way: the
 * array with as many values as this variant has placeholders (none when both or neither fit).
 */
function chooseBranch(value: NodePath, positionalCount: number): NodePath {
  if (!value.isConditionalExpression()) return value;
  const fitting = [value.get('consequent'), value.get('alternate')]
    .map((branch) => followLocal(branch))
    .filter((branch) => branch.isArrayExpression() && branch.node.elements.every((e) => e && !t.isSpreadElement(e)) && branch.node.elements.length === positionalCount);
  return fitting.length === 1 ? fitting[0] : value;
}

/** An identifier or member (not a literal, call or arithmetic): may hold the whole parameter list. */
function isOpaqueCollection(path: NodePath | undefined): boolean {
  const inner = path ? unwrapPath(path) : undefined;
  return !!inner && (inner.isIdentifier() || inner.isMemberExpression());
}

function isCallbackIdentifier(arg: NodePath): boolean {
  if (!arg.isIdentifier()) return false;
  const binding = arg.scope.getBinding(arg.node.name);
  const declaration = binding?.path;
  if (!declaration) return false;
  if (declaration.isFunctionDeclaration()) return true;
  return declaration.isVariableDeclarator() && (t.isArrowFunctionExpression(declaration.node.init) || t.isFunctionExpression(declaration.node.init));
}

/** An identifier bound in this file to an array/object literal → that literal; anything else unchanged. */
function followLocal(arg: NodePath): NodePath {
  const inner = unwrapPath(arg);
  if (!inner.isIdentifier()) return inner;
  const binding = inner.scope.getBinding(inner.node.name);
  if (!binding || !binding.path.isVariableDeclarator()) return inner;
  const init = binding.path.get('init');
  if (!init.node) return inner;
  const value = unwrapPath(init as NodePath);
  return value.isArrayExpression() || value.isObjectExpression() || value.isConditionalExpression() ? value : inner;
}

function propertyValue(object: NodePath<t.ObjectExpression>, name: string, written: string): NodePath | undefined {
  for (const property of object.get('properties')) {
    if (property.isObjectProperty()) {
      const key = property.node.key;
      const keyName = t.isIdentifier(key) && !property.node.computed ? key.name : t.isStringLiteral(key) ? key.value : undefined;
      if (keyName === name || keyName === written) return property.get('value') as NodePath;
    }
  }
  return undefined;
}
