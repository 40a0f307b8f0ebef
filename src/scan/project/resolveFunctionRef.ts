import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { FunctionRef, SourceFile, ValueOrigin } from '../types';
import { unwrapTypeWrappers, type ValueResolver } from './ValueResolver';

/**
 * The project function an expression stands for: inline functions, declarations, `const f = () => …`,
 * object and class methods, `fn.bind(x)`, and one level of wrapper calls (`asyncHandler(async (req, res) => …)`).
 */
export function resolveFunctionRef(resolver: ValueResolver, file: SourceFile, path: NodePath, depth = 0): FunctionRef | undefined {
  if (depth > 8 || !path.node) return undefined;
  const inner = unwrapTypeWrappers(path);
  if (inner.isFunction()) return { file, path: inner };
  if (inner.isCallExpression()) {
    const callee = inner.get('callee');
    // `handler.bind(this)` → handler
    if (callee.isMemberExpression() && t.isIdentifier(callee.node.property, { name: 'bind' })) {
      return resolveFunctionRef(resolver, file, callee.get('object'), depth + 1);
    }
    return firstFunctionArgument(resolver, file, inner, depth);
  }
  const origin = resolver.resolveExpression(file, inner);
  return origin ? functionOfOrigin(resolver, origin, depth + 1) : undefined;
}

export function functionOfOrigin(resolver: ValueResolver, origin: ValueOrigin, depth = 0): FunctionRef | undefined {
  if (origin.kind === 'declaration') {
    const declaration = origin.path;
    if (declaration.isFunction()) return { file: origin.file, path: declaration };
    if (declaration.isVariableDeclarator()) {
      const init = declaration.get('init');
      if (!init.node) return undefined;
      const value = unwrapTypeWrappers(init as NodePath);
      if (value.isFunction()) return { file: origin.file, path: value };
      if (value.isCallExpression()) return firstFunctionArgument(resolver, origin.file, value, depth);
      return undefined;
    }
    if (declaration.isClassProperty() || declaration.isClassPrivateProperty()) {
      const value = (declaration as NodePath<t.ClassProperty>).get('value') as NodePath;
      if (value.node && value.isFunction()) return { file: origin.file, path: value };
    }
    if (declaration.isAssignmentExpression()) {
      const right = declaration.get('right');
      if (right.isFunction()) return { file: origin.file, path: right };
    }
    return undefined;
  }
  if (origin.kind === 'expression') {
    if (origin.path.isFunction()) return { file: origin.file, path: origin.path };
    if (origin.path.isCallExpression()) return firstFunctionArgument(resolver, origin.file, origin.path, depth);
  }
  return undefined;
}

function firstFunctionArgument(
  resolver: ValueResolver,
  file: SourceFile,
  call: NodePath<t.CallExpression>,
  depth: number,
): FunctionRef | undefined {
  if (depth > 2) return undefined;
  for (const argument of call.get('arguments')) {
    if (argument.isFunction()) return { file, path: argument };
  }
  for (const argument of call.get('arguments')) {
    if (argument.isIdentifier() || argument.isMemberExpression()) {
      const found = resolveFunctionRef(resolver, file, argument, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}
