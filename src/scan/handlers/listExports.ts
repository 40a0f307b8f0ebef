import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { isModuleExports, memberName } from '../project/collectModuleExports';
import { unwrapTypeWrappers } from '../project/ValueResolver';
import type { SourceFile } from '../types';

export interface ExportedValue {
  name: string;
  /** The exported expression or declaration (`async (event) => …`, a FunctionDeclaration, an identifier). */
  value: NodePath;
  /** The statement that exports it, for the line. */
  statement: NodePath;
}

/**
 * The named exports of a module as Lambda sees them: `export const handler = …`,
 * `export async function handler`, `export { main as handler }`, `exports.handler = …`,
 * `module.exports.create = …`, `module.exports = { handler, create: … }`, `export default`.
 */
export function listExports(file: SourceFile): ExportedValue[] {
  const found: ExportedValue[] = [];
  const add = (name: string, value: NodePath, statement: NodePath): void => {
    if (!found.some((e) => e.name === name)) found.push({ name, value, statement });
  };
  for (const statement of file.program.get('body')) {
    if (statement.isExportNamedDeclaration()) {
      const declaration = statement.get('declaration');
      if (declaration.isFunctionDeclaration() && declaration.node.id) add(declaration.node.id.name, declaration, statement);
      if (declaration.isVariableDeclaration()) {
        for (const declarator of declaration.get('declarations')) {
          const init = declarator.get('init');
          if (t.isIdentifier(declarator.node.id) && init.node) add(declarator.node.id.name, init as NodePath, statement);
        }
      }
      if (!statement.node.source) {
        for (const specifier of statement.get('specifiers')) {
          if (!specifier.isExportSpecifier()) continue;
          const exported = specifier.node.exported;
          add(t.isIdentifier(exported) ? exported.name : exported.value, specifier.get('local'), statement);
        }
      }
    } else if (statement.isExportDefaultDeclaration()) {
      add('default', statement.get('declaration'), statement);
    } else if (statement.isExpressionStatement()) {
      collectCommonJs(statement.get('expression'), statement, add);
    }
  }
  return found;
}

function collectCommonJs(expression: NodePath, statement: NodePath, add: (name: string, value: NodePath, statement: NodePath) => void): void {
  if (!expression.isAssignmentExpression({ operator: '=' })) return;
  const left = expression.node.left;
  const right = expression.get('right');
  if (isModuleExports(left)) {
    const value = objectLiteralOf(right);
    if (value) {
      for (const property of value.get('properties')) {
        if (property.isObjectProperty()) {
          const key = property.node.key;
          const name = t.isIdentifier(key) && !property.node.computed ? key.name : t.isStringLiteral(key) ? key.value : undefined;
          if (name) add(name, property.get('value') as NodePath, statement);
        } else if (property.isObjectMethod() && t.isIdentifier(property.node.key)) {
          add(property.node.key.name, property, statement);
        }
      }
    }
    if (right.isAssignmentExpression()) collectCommonJs(right, statement, add);
    return;
  }
  if (t.isMemberExpression(left)) {
    const name = memberName(left);
    if (name && (isModuleExports(left.object) || t.isIdentifier(left.object, { name: 'exports' }))) {
      // `module.exports.handler = exports.handler = fn`
      let value: NodePath = right;
      while (value.isAssignmentExpression()) value = value.get('right');
      add(name, value, statement);
    }
  }
}

/** `module.exports = { … }` or `module.exports = handlers` where `const handlers = { … }` in the same file. */
function objectLiteralOf(path: NodePath): NodePath<t.ObjectExpression> | undefined {
  const inner = unwrapTypeWrappers(path);
  if (inner.isObjectExpression()) return inner;
  if (inner.isIdentifier()) {
    const binding = inner.scope.getBinding(inner.node.name);
    const declarator = binding?.path;
    if (declarator?.isVariableDeclarator()) {
      const init = declarator.get('init');
      if (init.node && unwrapTypeWrappers(init as NodePath).isObjectExpression()) return unwrapTypeWrappers(init as NodePath) as NodePath<t.ObjectExpression>;
    }
  }
  return undefined;
}
