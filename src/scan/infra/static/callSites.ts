import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { unwrapTypeWrappers } from '../../project/ValueResolver';
import type { ProjectIndex, SourceFile } from '../../types';

export interface CallSite {
  file: SourceFile;
  path: NodePath<t.CallExpression | t.NewExpression>;
}

export interface CallSiteIndex {
  /** Calls of a project function, or `new` of a project class (pass the class node for constructors). */
  sitesOf(target: t.Node): CallSite[];
}

const indexes = new WeakMap<ProjectIndex, CallSiteIndex>();

/**
 * Every call and `new` in the project, keyed by the function or class it reaches. Built once
 * per project on first use: helper constructs (`new NotesFunction(this, 'Create', { entry })`),
 * route registration functions (`require('./routes')(app)`) and factories are bound through it.
 */
export function getCallSiteIndex(project: ProjectIndex): CallSiteIndex {
  let index = indexes.get(project);
  if (!index) {
    index = buildIndex(project);
    indexes.set(project, index);
  }
  return index;
}

function buildIndex(project: ProjectIndex): CallSiteIndex {
  const sites = new Map<t.Node, CallSite[]>();
  for (const file of project.sources) {
    file.program.traverse({
      'CallExpression|NewExpression'(anyPath) {
        const path = anyPath as NodePath<t.CallExpression | t.NewExpression>;
        const target = calleeTarget(project, file, path);
        if (!target) return;
        const list = sites.get(target) ?? [];
        list.push({ file, path });
        sites.set(target, list);
      },
    });
  }
  return { sitesOf: (target) => sites.get(target) ?? [] };
}

/** The function (or, for `new`, the class) a call reaches, when it is in the project. */
export function calleeTarget(project: ProjectIndex, file: SourceFile, call: NodePath<t.CallExpression | t.NewExpression>): t.Node | undefined {
  const callee = unwrapTypeWrappers(call.get('callee') as NodePath);
  if (callee.isFunction() || callee.isSuper() || callee.isImport()) return undefined;
  if (!callee.isIdentifier() && !callee.isMemberExpression() && !callee.isCallExpression()) return undefined;
  if (callee.isIdentifier({ name: 'require' })) return undefined;
  const origin = project.resolveExpression(file, callee);
  if (origin?.kind === 'declaration') {
    const decl = origin.path;
    if (decl.isClass() || decl.isFunction()) return decl.node;
    if (decl.isVariableDeclarator()) {
      const init = decl.get('init');
      if (init.node) {
        const value = unwrapTypeWrappers(init as NodePath);
        if (value.isFunction() || value.isClass()) return value.node;
      }
    }
  }
  if (origin?.kind === 'expression' && (origin.path.isFunction() || origin.path.isClass())) return origin.path.node;
  if (t.isCallExpression(call.node)) return project.resolveFunction(file, callee)?.path.node;
  return undefined;
}
