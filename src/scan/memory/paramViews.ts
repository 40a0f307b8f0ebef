import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { classifyFsCall } from '../json-file/classifyFsCall';
import type { FunctionRef, SourceFile } from '../types';
import type { View } from './model';
import { destructuredKey, memberName, unwrap } from './syntax';
import { ARRAY_METHODS, ITERATION_METHODS, type ViewEvaluator } from './ViewEvaluator';
import { containsNode, elementView, shapeOf, union } from './views';

/*
 * What a function parameter holds: the record an array callback receives, the text an fs callback
 * receives, what a helper calls its callback with (`getNotes((err, notes) => …)`), `.then(notes => …)`,
 * or what the helper's callers pass.
 */

export function paramView(ev: ViewEvaluator, file: SourceFile, binding: Binding): View | undefined {
  return ev.guarded(binding, () => {
    const fnPath = binding.scope.path;
    if (!fnPath.isFunction()) return undefined;
    const params = fnPath.node.params;
    let index = params.findIndex((param) => param === binding.path.node);
    if (index < 0) index = params.findIndex((param) => containsNode(param, binding.identifier));
    if (index < 0) return undefined;
    const param = params[index];
    const pattern = t.isAssignmentPattern(param) ? param.left : param;
    const patternKey = t.isObjectPattern(pattern) ? destructuredKey(pattern, binding.identifier.name) : undefined;
    if (t.isObjectPattern(pattern) && !patternKey) return undefined;
    const parent = fnPath.parentPath;
    if (parent && (parent.isCallExpression() || parent.isOptionalCallExpression()) && fnPath.listKey === 'arguments') {
      // `([id, user]) => …` over entries: the element of the pair this name takes.
      const element = t.isArrayPattern(pattern) ? pattern.elements.findIndex((e) => e !== null && containsNode(e, binding.identifier)) : undefined;
      const fromCallback = callbackParamView(ev, file, parent, fnPath.key as number, index, element);
      if (fromCallback) return patternKey ? ev.namedMember(fromCallback, patternKey, fnPath.node) : fromCallback;
    }
    const views: (View | undefined)[] = [];
    for (const site of ev.calls.of(fnPath.node).slice(0, 30)) {
      const arg = (site.call.get('arguments') as NodePath[])[index];
      if (!arg || arg.isSpreadElement()) continue;
      views.push(patternKey ? ev.memberOf(site.file, arg, patternKey) : ev.view(site.file, arg));
    }
    return union(views);
  });
}

/** The value parameter `paramIndex` of the function passed as argument `argIndex` of `call` receives. */
function callbackParamView(
  ev: ViewEvaluator,
  file: SourceFile,
  call: NodePath<t.CallExpression | t.OptionalCallExpression>,
  argIndex: number,
  paramIndex: number,
  element?: number,
): View | undefined {
  const callee = unwrap(call.get('callee') as NodePath);
  if (callee.isMemberExpression() || callee.isOptionalMemberExpression()) {
    const name = memberName(callee.node) ?? '';
    const object = callee.get('object') as NodePath;
    if (name === 'then' && argIndex === 0 && paramIndex === 0) return ev.view(file, object);
    const receiver = ev.view(file, object);
    if (receiver && argIndex === 0) {
      const view = ARRAY_METHODS.has(name) ? ev.asCollection(receiver) : receiver;
      if (view?.type !== 'collection') return undefined;
      const record: View = elementView(view, call.node, element);
      if (shapeOf(view) === 'map') {
        if (name !== 'forEach') return undefined;
        return paramIndex === 0 ? record : paramIndex === 1 ? { type: 'key', store: view.store } : undefined;
      }
      if (ITERATION_METHODS.has(name) && paramIndex === 0) return record;
      if ((name === 'reduce' || name === 'reduceRight') && paramIndex === 1) return record;
      if ((name === 'sort' || name === 'toSorted') && paramIndex <= 1) return record;
      return undefined;
    }
  }
  if (call.isCallExpression()) {
    const fsCall = classifyFsCall(ev.ctx.project, file, call);
    if (fsCall) {
      if (fsCall.direction !== 'read' || fsCall.callback?.node !== call.node.arguments[argIndex] || paramIndex !== 1) return undefined;
      const ref = ev.registry.refForFsCall(file, call, fsCall);
      return fsCall.json ? ev.registry.documentView(ref, []) : { type: 'text', ref };
    }
  }
  const helper = ev.ctx.project.resolveFunction(file, callee);
  return helper ? helperCallbackView(ev, helper, argIndex, paramIndex) : undefined;
}

/** In `helper`, what its callback parameter (`argIndex`) is called with at position `paramIndex`. */
export function helperCallbackView(ev: ViewEvaluator, helper: FunctionRef, argIndex: number, paramIndex: number): View | undefined {
  return ev.guarded(ev.key(helper.path.node, 'callback', argIndex, paramIndex), () => {
    const param = helper.path.node.params[argIndex];
    if (!t.isIdentifier(param)) return undefined;
    const binding = helper.path.scope.getBinding(param.name);
    const views: (View | undefined)[] = [];
    for (const ref of binding?.referencePaths ?? []) {
      const parent = ref.parentPath;
      if (!parent?.isCallExpression()) continue;
      if (parent.node.callee === ref.node) {
        views.push(ev.view(helper.file, (parent.get('arguments') as NodePath[])[paramIndex]));
      } else if (ref.listKey === 'arguments') {
        views.push(callbackParamView(ev, helper.file, parent, ref.key as number, paramIndex));
      }
    }
    return union(views);
  });
}
