import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { collectModuleExports } from '../../project/collectModuleExports';
import type { FunctionRef, ProjectIndex, SourceFile } from '../../types';
import { memberPropertyName } from './astUtils';
import { walkPaths } from '../../walkPaths';

export interface CallOf {
  file: SourceFile;
  path: NodePath<t.CallExpression>;
}

/**
 * Call sites of project functions, keyed by the function node: what helper tracing needs
 * (`query(sql, params)` is called with the SQL literal). Built once, on first use.
 */
export class CallIndex {
  private index: Map<t.Node, CallOf[]> | undefined;

  constructor(private readonly project: ProjectIndex) {}

  callsOf(fn: NodePath<t.Function>): CallOf[] {
    this.index ??= this.build();
    return this.index.get(fn.node) ?? [];
  }

  private build(): Map<t.Node, CallOf[]> {
    const index = new Map<t.Node, CallOf[]>();
    for (const file of this.project.sources) {
      walkPaths(file.program, {
        CallExpression: (path) => {
          const callee = path.get('callee');
          if (!callee.isIdentifier() && !callee.isMemberExpression()) return;
          const fn = this.project.resolveFunction(file, callee) ?? this.resolveNamedRequireExport(file, callee);
          if (!fn) return;
          const list = index.get(fn.path.node) ?? [];
          list.push({ file, path });
          index.set(fn.path.node, list);
        },
      });
    }
    return index;
  }

  /**
   * `const { query } = require('./database')` / `db.query(…)` where database.js has both
   * `module.exports = db` and `module.exports.query = query`: the named export wins for that name.
   */
  private resolveNamedRequireExport(file: SourceFile, callee: NodePath): FunctionRef | undefined {
    let specifier: string | undefined;
    let name: string | undefined;
    if (callee.isIdentifier()) {
      const declaration = callee.scope.getBinding(callee.node.name)?.path;
      if (!declaration?.isVariableDeclarator() || !t.isObjectPattern(declaration.node.id)) return undefined;
      specifier = requireSpecifierOf(declaration.node.init);
      const property = declaration.node.id.properties.find(
        (p): p is t.ObjectProperty => t.isObjectProperty(p) && t.isIdentifier(p.value, { name: callee.node.name }),
      );
      name = property && t.isIdentifier(property.key) ? property.key.name : undefined;
    } else if (callee.isMemberExpression() && t.isIdentifier(callee.node.object)) {
      const declaration = callee.scope.getBinding(callee.node.object.name)?.path;
      if (!declaration?.isVariableDeclarator() || !t.isIdentifier(declaration.node.id)) return undefined;
      specifier = requireSpecifierOf(declaration.node.init);
      name = memberPropertyName(callee.node);
    }
    if (!specifier || !name) return undefined;
    const target = this.project.resolveModule(file, specifier);
    if (!target || !('program' in target)) return undefined;
    const exported = collectModuleExports(target).named.get(name);
    if (exported?.kind === 'node') return this.project.resolveFunction(target, exported.path);
    if (exported?.kind === 'local') {
      const binding = target.program.scope.getBinding(exported.name);
      if (binding?.path.isFunction()) return { file: target, path: binding.path };
      if (binding?.path.isVariableDeclarator()) {
        const init = binding.path.get('init');
        if (init.isFunction()) return { file: target, path: init };
      }
    }
    return undefined;
  }
}

function requireSpecifierOf(node: t.Node | null | undefined): string | undefined {
  if (t.isCallExpression(node) && t.isIdentifier(node.callee, { name: 'require' }) && t.isStringLiteral(node.arguments[0])) return node.arguments[0].value;
  return undefined;
}
