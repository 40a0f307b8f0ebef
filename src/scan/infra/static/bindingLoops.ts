import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';

/** The loop a binding iterates: `for (const r of list)` or `list.forEach((r) => …)` / `.map`. */
export function loopOf(binding: Binding): NodePath<t.ForOfStatement> | NodePath<t.CallExpression> | undefined {
  const declarator = binding.path;
  if (declarator.isVariableDeclarator()) {
    const declaration = declarator.parentPath;
    const loop = declaration?.parentPath;
    if (loop?.isForOfStatement() && loop.node.left === declaration?.node) return loop;
    return undefined;
  }
  if (binding.kind !== 'param') return undefined;
  const fn = declarator.isFunction() ? declarator : declarator.getFunctionParent();
  const call = fn?.parentPath;
  if (!fn || !call?.isCallExpression() || call.node.arguments[0] !== fn.node) return undefined;
  const callee = call.node.callee;
  if (!t.isMemberExpression(callee)) return undefined;
  const method = memberNameOf(callee);
  if (method !== 'forEach' && method !== 'map' && method !== 'flatMap') return undefined;
  // Only the first parameter is the element.
  const first = fn.node.params[0];
  return first && Object.values(t.getBindingIdentifiers(first)).includes(binding.identifier) ? call : undefined;
}


export function memberNameOf(node: t.MemberExpression | t.OptionalMemberExpression): string | undefined {
  if (!node.computed && t.isIdentifier(node.property)) return node.property.name;
  if (t.isStringLiteral(node.property)) return node.property.value;
  return undefined;
}


export function patternKeyOf(pattern: t.ObjectPattern, local: string): string | undefined {
  for (const property of pattern.properties) {
    if (!t.isObjectProperty(property)) continue;
    const value = t.isAssignmentPattern(property.value) ? property.value.left : property.value;
    if (!t.isIdentifier(value, { name: local })) continue;
    if (t.isIdentifier(property.key) && !property.computed) return property.key.name;
    if (t.isStringLiteral(property.key)) return property.key.value;
  }
  return undefined;
}

/** `r.file` where `r` is a loop variable or parameter: the resolver cannot help, the driver must bind it. */

/** `r.file` where `r` is a loop variable or parameter: the resolver cannot help, the driver must bind it. */
export function hasLoopOrParamRoot(path: NodePath): boolean {
  let current = path;
  while (current.isMemberExpression() || current.isOptionalMemberExpression()) current = current.get('object') as NodePath;
  if (!current.isIdentifier()) return false;
  const binding = current.scope.getBinding(current.node.name);
  return Boolean(binding && (binding.kind === 'param' || loopOf(binding)));
}
