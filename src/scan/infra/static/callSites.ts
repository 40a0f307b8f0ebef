import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { unwrapTypeWrappers } from '../../project/ValueResolver';
import type { FunctionRef, ProjectIndex, SourceFile } from '../../types';
import { walkPaths } from '../../walkPaths';

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
    let built: CallSiteIndex | undefined;
    index = { sitesOf: (target) => (built ??= buildIndex(project)).sitesOf(target) };
    indexes.set(project, index);
  }
  return index;
}

function buildIndex(project: ProjectIndex): CallSiteIndex {
  const sites = new Map<t.Node, CallSite[]>();
  for (const file of project.sources) {
    walkPaths(file.program, {
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
  if (t.isNewExpression(call.node)) {
    const origin = project.resolveExpression(file, callee);
    if (origin?.kind === 'declaration' && origin.path.isClass()) return origin.path.node;
    if (origin?.kind === 'declaration' && origin.path.isVariableDeclarator()) {
      const init = origin.path.get('init');
      if (init.node && unwrapTypeWrappers(init as NodePath).isClass()) return unwrapTypeWrappers(init as NodePath).node;
    }
  }
  return resolveCallee(project, file, callee)?.path.node;
}

/**
 * The project function a callee names: `fn`, `obj.method`, and also `require('./routes')` whose
 * module value is a function (`require('./routes')(app)`), which resolveFunction does not follow.
 */
export function resolveCallee(project: ProjectIndex, file: SourceFile, callee: NodePath): FunctionRef | undefined {
  const inner = unwrapTypeWrappers(callee);
  if (inner.isCallExpression()) {
    const origin = project.resolveExpression(file, inner);
    if (origin?.kind === 'declaration') {
      if (origin.path.isFunction()) return { file: origin.file, path: origin.path };
      if (origin.path.isVariableDeclarator()) {
        const init = origin.path.get('init');
        if (init.node && unwrapTypeWrappers(init as NodePath).isFunction()) {
          return { file: origin.file, path: unwrapTypeWrappers(init as NodePath) as NodePath<t.Function> };
        }
      }
    }
    if (origin?.kind === 'expression' && origin.path.isFunction()) return { file: origin.file, path: origin.path };
    return undefined;
  }
  try {
    return project.resolveFunction(file, inner);
  } catch {
    return undefined;
  }
}
