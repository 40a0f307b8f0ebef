/**
 * The key an item variable is written back under. An item read by key is written back under that
 * same key expression (`{ id: Number(req.params.id) }`), not under `note.id` after the app merged a
 * request body into it: a body carrying another `id` must never move the write to another item.
 * Only keys that cannot have changed by then are reused (names never reassigned in the function).
 */
import type { ASTPath } from 'jscodeshift';
import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { expression } from '../../../emit/emitContext';
import type { FileRewrite, ItemVariable } from '../FileRewrite';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const PURE_CALLS = new Set(['Number', 'String', 'parseInt', 'parseFloat']);

/** The key as source text when it is stable within the function around `at`; otherwise undefined. */
export function stableKeyText(rewrite: FileRewrite, key: AnyNode, at: ASTPath<any>): string | undefined {
  const names = new Set<string>();
  if (!collectNames(key, names)) return undefined;
  const fn = rewrite.enclosingFunction(at);
  const { j } = rewrite;
  const scope = j(fn ?? rewrite.root.paths()[0]);
  const reassigned =
    scope.find(j.AssignmentExpression).some((path: ASTPath<any>) => path.node.left.type === 'Identifier' && names.has(path.node.left.name)) ||
    scope.find(j.UpdateExpression).some((path: ASTPath<any>) => path.node.argument.type === 'Identifier' && names.has(path.node.argument.name));
  if (reassigned) return undefined;
  return j(key).toSource();
}

/** Names the key reads; false when it is more than names, member reads, literals and Number()/String(). */
function collectNames(node: AnyNode, names: Set<string>): boolean {
  switch (node?.type) {
    case 'Identifier':
      names.add(node.name);
      return true;
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'Literal':
      return true;
    case 'MemberExpression':
      return collectNames(node.object, names) && (!node.computed || collectNames(node.property, names));
    case 'CallExpression':
      return node.callee.type === 'Identifier' && PURE_CALLS.has(node.callee.name) && node.arguments.every((argument: AnyNode) => collectNames(argument, names));
    case 'TSAsExpression':
    case 'TSNonNullExpression':
      return collectNames(node.expression, names);
    default:
      return false;
  }
}

/** `Number(req.params.id)` when the item was read under it, else `note.id`. */
export function itemKeyExpression(rewrite: FileRewrite, item: Pick<ItemVariable, 'name' | 'target' | 'readKey'>): ExpressionKind {
  return expression(rewrite.emit, [item.readKey ?? `${item.name}.${item.target.key.name}`]);
}
