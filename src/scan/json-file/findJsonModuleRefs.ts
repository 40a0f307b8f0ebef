import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { JsonSourceRef } from '../memory/model';
import type { ScanContext } from '../types';
import { isDataFile } from './evaluatePath';

/**
 * `require('./data/products.json')`, `import items from './items.json'` (with or without
 * `with { type: 'json' }`), and `await import('./x.json')`: each a ref to a project data file.
 */
export function findJsonModuleRefs(ctx: ScanContext): JsonSourceRef[] {
  const refs: JsonSourceRef[] = [];
  for (const file of ctx.project.sources) {
    try {
      file.program.traverse({
        ImportDeclaration(path) {
          const target = ctx.project.resolveModule(file, path.node.source.value);
          if (isDataFile(target) && target.rel.endsWith('.json') && path.node.importKind !== 'type') {
            refs.push({ source: target.rel, display: target.rel, api: 'import', file, path });
          }
        },
        CallExpression(path) {
          const first = path.node.arguments[0];
          if (!t.isStringLiteral(first)) return;
          const isRequire = t.isIdentifier(path.node.callee, { name: 'require' });
          const isImport = t.isImport(path.node.callee);
          if (!isRequire && !isImport) return;
          const target = ctx.project.resolveModule(file, first.value);
          if (isDataFile(target) && target.rel.endsWith('.json')) {
            refs.push({ source: target.rel, display: target.rel, api: isRequire ? 'require' : 'import', file, path: path as NodePath });
          }
        },
      });
    } catch (error) {
      ctx.diagnostics.add({
        severity: 'warning',
        code: 'recogniser-failed',
        file: file.rel,
        line: 1,
        message: `could not look for JSON requires/imports in this file (${(error as Error).message})`,
      });
    }
  }
  return refs;
}
