import type { ASTPath } from 'jscodeshift';
import { statement } from '../../../emit/emitContext';
import type { FileRewrite } from '../FileRewrite';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * `S;` → `try { S; } catch (putError) { if (isConditionFailed(putError)) <branch> throw putError; }`
 * for an expression or return statement; `const x = create(…);` becomes `let x;` and the
 * assignment in the try. Other shapes are left as they are (false).
 */
export function wrapInConditionCatch(rewrite: FileRewrite, at: ASTPath<any>, response: string): boolean {
  const node = at.node as AnyNode;
  const declared = node.type === 'VariableDeclaration' && node.declarations.length === 1 && node.declarations[0].id.type === 'Identifier' && node.declarations[0].init;
  if (node.type !== 'ExpressionStatement' && node.type !== 'ReturnStatement' && !declared) return false;
  const i = rewrite.style.indent;
  const error = rewrite.freshName(['putError', 'conditionError']);
  const answer = response.startsWith('{') ? response : `{\n${i}${i}${response}\n${i}}`;
  const wrapper = statement(rewrite.emit, [`try {\n} catch (${error}) {\n${i}if (${rewrite.localName('isConditionFailed')}(${error})) ${answer}\n${i}throw ${error};\n}`]) as AnyNode;
  if (declared) {
    const declarator = node.declarations[0];
    const j = rewrite.j;
    wrapper.block.body = [j.expressionStatement(j.assignmentExpression('=', j.identifier(declarator.id.name), declarator.init))];
    at.replace(j.variableDeclaration('let', [j.variableDeclarator(declarator.id)]), wrapper);
    return true;
  }
  wrapper.block.body = [node];
  at.replace(wrapper);
  return true;
}
