import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { FunctionRef } from '../types';
import type { DataStore, View } from './model';
import { walkPaths } from '../walkPaths';

/** The expressions a function returns (arrow body or `return x` statements, not nested functions). */
export function returnedExpressions(fn: FunctionRef): NodePath[] {
  const body = fn.path.get('body') as NodePath;
  if (!body.isBlockStatement()) return [body];
  const found: NodePath[] = [];
  walkPaths(fn.path, {
    Function(inner) {
      inner.skip();
    },
    ReturnStatement(ret) {
      if (ret.node.argument) found.push(ret.get('argument') as NodePath);
    },
  });
  return found;
}

/** How records sit in a collection view: an enumerated Map/object is an array. */
export function shapeOf(view: View & { type: 'collection' }): DataStore['shape'] {
  return view.array ? 'array' : view.store.shape;
}

export function union(views: (View | undefined)[]): View | undefined {
  const defined = views.filter((v): v is View => Boolean(v));
  if (defined.length === 0) return undefined;
  const collections = defined.filter((v): v is View & { type: 'collection' } => v.type === 'collection');
  if (collections.length > 0) {
    const first = collections[0];
    const same = collections.filter((c) => c.store === first.store);
    return {
      ...first,
      whole: same.some((c) => c.whole),
      array: collections.some((c) => c.array) || undefined,
      // A value that may be the collection itself is not a mere copy.
      copy: same.every((c) => c.copy) || undefined,
    };
  }
  return defined[0];
}


export function containsNode(root: t.Node, target: t.Node): boolean {
  if (root === target) return true;
  if (t.isAssignmentPattern(root)) return containsNode(root.left, target);
  if (t.isObjectPattern(root)) return root.properties.some((p) => containsNode(t.isObjectProperty(p) ? p.value : p.argument, target));
  if (t.isArrayPattern(root)) return root.elements.some((e) => e !== null && containsNode(e, target));
  if (t.isRestElement(root)) return containsNode(root.argument, target);
  if (t.isTSParameterProperty(root)) return containsNode(root.parameter, target);
  return false;
}

export type { DataStore };

/**
 * One element of a collection view: a record, or for `Object.keys`/`for…in` a key, and for entries
 * (`Object.entries`, iterating a Map) the key (`index` 0) or the record (`index` 1) of the pair.
 */
export function elementView(view: View & { type: 'collection' }, origin: t.Node, index?: number): View {
  const pairs = view.items === 'entries' || (view.store.shape === 'map' && !view.array && !view.items);
  if (view.items === 'keys' || (pairs && index === 0)) return { type: 'key', store: view.store };
  return { type: 'record', store: view.store, origin, iteration: true };
}
