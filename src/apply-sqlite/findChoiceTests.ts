/**
 * A piece of template SQL written as a ternary of known texts (`${desc ? 'DESC' : 'ASC'}`,
 * `${done ? 1 : 0}`, nested ternaries): for each text, the JS condition under which the piece
 * holds it (`desc` / `!desc`), so the rewrite can choose at run time with the app's own condition.
 * Conditions are copied from the source, so only side-effect-free ones are accepted (names,
 * property reads, literals, operators): the rewrite may evaluate them more than once.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { StringEvaluator } from '../scan/sqlite/js/evaluateString';
import type { SourceFile } from '../scan/types';

export type ChoiceTests = { tests: Map<string, string> } | { todo: string };

export function findChoiceTests(evaluator: StringEvaluator, file: SourceFile, path: NodePath): ChoiceTests {
  const node = unwrap(path);
  if (!node.isConditionalExpression()) {
    const evaluated = evaluator.evaluate(file, node);
    const texts = new Set(evaluated.alternatives.map((parts) => parts.map((part) => ('text' in part ? part.text : '\u0000')).join('')));
    if (evaluated.truncated || texts.size !== 1 || [...texts][0].includes('\u0000')) {
      return { todo: `a branch of the ternary (${source(file, node.node)}) has no known text` };
    }
    return { tests: new Map([[[...texts][0], 'true']]) };
  }
  const test = node.get('test') as NodePath;
  if (!isPure(test.node)) return { todo: `the ternary's condition (${source(file, test.node)}) may have side effects: hold the piece in a variable` };
  const condition = source(file, test.node);
  const consequent = findChoiceTests(evaluator, file, node.get('consequent') as NodePath);
  const alternate = findChoiceTests(evaluator, file, node.get('alternate') as NodePath);
  if ('todo' in consequent) return consequent;
  if ('todo' in alternate) return alternate;
  const tests = new Map<string, string[]>();
  const add = (text: string, guard: string, inner: string) => tests.set(text, [...(tests.get(text) ?? []), inner === 'true' ? guard : `${guard} && ${inner}`]);
  for (const [text, inner] of consequent.tests) add(text, operand(condition), inner);
  for (const [text, inner] of alternate.tests) add(text, negate(condition), inner);
  return { tests: new Map([...tests].map(([text, alternatives]) => [text, alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' || ')})`])) };
}

function unwrap(path: NodePath): NodePath {
  let current = path;
  while (current.isParenthesizedExpression() || current.isTSAsExpression() || current.isTSNonNullExpression()) current = current.get('expression') as NodePath;
  return current;
}

function source(file: SourceFile, node: t.Node): string {
  return file.text.slice(node.start ?? 0, node.end ?? 0);
}

const READ = /^!?[\w$]+(\.[\w$]+)*$/;
const COMPARISON = /^[\w$]+(\.[\w$]+)* [!=]==? ('[^'\\]*'|"[^"\\]*"|-?\d+(\.\d+)?|true|false|null|undefined)$/;

/** Usable as an operand of `&&` and as the test of `? :`: a read or a comparison with a literal as written, else parenthesised. */
function operand(text: string): string {
  return READ.test(text) || COMPARISON.test(text) ? text : `(${text})`;
}

function negate(text: string): string {
  if (/^![\w$]+(\.[\w$]+)*$/.test(text)) return text.slice(1);
  return READ.test(text) ? `!${text}` : `!(${text})`;
}

/** Reads and operators only: no call, assignment, update, `new`, `await` or `yield`. */
export function isPure(node: t.Node | null | undefined): boolean {
  if (!node) return true;
  if (t.isIdentifier(node) || t.isLiteral(node) && !t.isTemplateLiteral(node) || t.isThisExpression(node)) return true;
  if (t.isTemplateLiteral(node)) return node.expressions.every((expression) => isPure(expression));
  if (t.isMemberExpression(node) || t.isOptionalMemberExpression(node)) return isPure(node.object) && (!node.computed || isPure(node.property));
  if (t.isUnaryExpression(node)) return node.operator !== 'delete' && isPure(node.argument);
  if (t.isBinaryExpression(node) || t.isLogicalExpression(node)) return isPure(node.left) && isPure(node.right);
  if (t.isConditionalExpression(node)) return isPure(node.test) && isPure(node.consequent) && isPure(node.alternate);
  if (t.isParenthesizedExpression(node) || t.isTSAsExpression(node) || t.isTSNonNullExpression(node)) return isPure(node.expression);
  return false;
}
