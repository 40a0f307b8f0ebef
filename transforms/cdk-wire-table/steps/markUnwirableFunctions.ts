/**
 * Step: Lambda functions the wiring cannot reach get a TODO: those created in class methods
 * (outside the constructor's props) and those created outside any Stack or Construct class, when
 * their handler uses a table or cannot be told.
 */
import type { ASTPath } from 'jscodeshift';
import { evaluationContext, functionKindOf } from '../analyzeClass';
import type { FileContext } from '../fileContext';
import { resolveFunctionHandler } from '../resolveFunctionHandler';

type Node = { type: string; [key: string]: any };

function needsOrUnknown(path: ASTPath, context: FileContext): boolean {
  const node = path.node as Node;
  const kind = functionKindOf(node.callee, context.module)!;
  const spec = resolveFunctionHandler(node, kind, evaluationContext(context.module, context.analysis, path), context.source);
  if (spec.nonFile) return false;
  if (spec.unresolved || !spec.file) return true;
  const needs = context.design.findNeeds(spec.file, spec.exportName);
  return Boolean(needs && needs.size > 0);
}

export function markUnwirableFunctions(context: FileContext): void {
  const { j } = context;
  for (const info of context.classes) {
    for (const stray of info.strays) if (needsOrUnknown(stray.path, context)) context.todo(stray.path, stray.reason);
  }
  context.root
    .find(j.NewExpression)
    .filter((path) => functionKindOf(path.node.callee as Node, context.module) !== undefined)
    .filter((path) => j(path).closest(j.ClassBody).size() === 0)
    .forEach((path) => {
      if (needsOrUnknown(path, context)) {
        context.todo(path, 'this function is created outside a Stack or Construct class; create it inside one so its table can be passed as a prop, then re-run');
      }
    });
}
