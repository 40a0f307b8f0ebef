import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { JsonSourceRef } from '../memory/model';
import type { ScanContext, SourceFile } from '../types';
import { isDataFile } from './evaluatePath';

/**
 * `require('./data/products.json')`, `import items from './items.json'` (with or without
 * `with { type: 'json' }`), and `await import('./x.json')`: a ref to a project data file.
 */
export function jsonModuleRefOf(ctx: ScanContext, file: SourceFile, path: NodePath): JsonSourceRef | undefined {
  if (path.isImportDeclaration()) {
    const target = ctx.project.resolveModule(file, path.node.source.value);
    if (isDataFile(target) && target.rel.endsWith('.json') && path.node.importKind !== 'type') {
      return { source: target.rel, display: target.rel, api: 'import', file, path };
    }
    return undefined;
  }
  if (!path.isCallExpression()) return undefined;
  const first = path.node.arguments[0];
  if (!t.isStringLiteral(first)) return undefined;
  const isRequire = t.isIdentifier(path.node.callee, { name: 'require' });
  if (!isRequire && !t.isImport(path.node.callee)) return undefined;
  const target = ctx.project.resolveModule(file, first.value);
  if (isDataFile(target) && target.rel.endsWith('.json')) {
    return { source: target.rel, display: target.rel, api: isRequire ? 'require' : 'import', file, path };
  }
  return undefined;
}
