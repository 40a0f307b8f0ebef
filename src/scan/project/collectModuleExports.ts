import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { SourceFile } from '../types';

/** What an exported name stands for in its module. */
export type ExportTarget =
  /** A binding of the module scope, by its local name. */
  | { kind: 'local'; name: string }
  /** An expression or declaration node (`export default {...}`, `exports.x = () => {}`). */
  | { kind: 'node'; path: NodePath }
  /** `export { x as y } from './z'`. */
  | { kind: 're-export'; specifier: string; imported: string };

export interface ModuleExports {
  named: Map<string, ExportTarget>;
  /** CommonJS `module.exports = <expr>`: the module's value is that expression. */
  moduleValue?: NodePath<t.Expression>;
  /** `export * from './x'`. */
  starFrom: string[];
}

/** Reads a module's ESM exports and CommonJS `module.exports`/`exports.x` assignments at top level. */
export function collectModuleExports(file: SourceFile): ModuleExports {
  const result: ModuleExports = { named: new Map(), starFrom: [] };
  for (const statement of file.program.get('body')) {
    if (statement.isExportNamedDeclaration()) {
      collectNamedExport(statement, result);
    } else if (statement.isExportDefaultDeclaration()) {
      const declaration = statement.get('declaration');
      if (declaration.isIdentifier()) result.named.set('default', { kind: 'local', name: declaration.node.name });
      else result.named.set('default', { kind: 'node', path: declaration });
    } else if (statement.isExportAllDeclaration()) {
      result.starFrom.push(statement.node.source.value);
    } else if (statement.isExpressionStatement()) {
      collectCommonJsExport(statement.get('expression'), result);
    } else if (statement.isTSExportAssignment()) {
      result.moduleValue = statement.get('expression');
    }
  }
  return result;
}

function collectNamedExport(statement: NodePath<t.ExportNamedDeclaration>, result: ModuleExports): void {
  const source = statement.node.source?.value;
  const declaration = statement.get('declaration');
  if (declaration.node) {
    if (declaration.isVariableDeclaration()) {
      for (const declarator of declaration.node.declarations) {
        for (const name of Object.keys(t.getBindingIdentifiers(declarator.id))) {
          result.named.set(name, { kind: 'local', name });
        }
      }
    } else if (
      (declaration.isFunctionDeclaration() || declaration.isClassDeclaration() || declaration.isTSEnumDeclaration()) &&
      declaration.node.id
    ) {
      result.named.set(declaration.node.id.name, { kind: 'local', name: declaration.node.id.name });
    }
  }
  for (const specifier of statement.node.specifiers) {
    if (t.isExportSpecifier(specifier)) {
      const exported = t.isIdentifier(specifier.exported) ? specifier.exported.name : specifier.exported.value;
      if (source) result.named.set(exported, { kind: 're-export', specifier: source, imported: specifier.local.name });
      else result.named.set(exported, { kind: 'local', name: specifier.local.name });
    } else if (t.isExportNamespaceSpecifier(specifier) && source) {
      result.named.set(specifier.exported.name, { kind: 're-export', specifier: source, imported: '*' });
    } else if (t.isExportDefaultSpecifier(specifier) && source) {
      result.named.set(specifier.exported.name, { kind: 're-export', specifier: source, imported: 'default' });
    }
  }
}

function collectCommonJsExport(expression: NodePath, result: ModuleExports): void {
  if (!expression.isAssignmentExpression({ operator: '=' })) return;
  const left = expression.get('left');
  const right = expression.get('right');
  if (isModuleExports(left.node)) {
    result.moduleValue = right;
    // `module.exports = exports = {...}` style chains keep the innermost value.
    if (right.isAssignmentExpression()) collectCommonJsExport(right, result);
    return;
  }
  if (left.isMemberExpression()) {
    const name = memberName(left.node);
    if (!name) return;
    const object = left.node.object;
    if (isModuleExports(object) || t.isIdentifier(object, { name: 'exports' })) {
      result.named.set(name, { kind: 'node', path: right });
    }
  }
}

export function isModuleExports(node: t.Node): boolean {
  return (
    t.isMemberExpression(node) &&
    t.isIdentifier(node.object, { name: 'module' }) &&
    memberName(node) === 'exports'
  );
}

/** The property name of `a.b` or `a['b']`; undefined for computed non-literal members. */
export function memberName(node: t.MemberExpression | t.OptionalMemberExpression): string | undefined {
  if (!node.computed && t.isIdentifier(node.property)) return node.property.name;
  if (t.isStringLiteral(node.property)) return node.property.value;
  if (!node.computed && t.isPrivateName(node.property)) return `#${node.property.id.name}`;
  return undefined;
}
