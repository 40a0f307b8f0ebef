/**
 * Callback-style reads become straight code:
 *
 *   getRecipes((err, recipes) => {          try {
 *     if (err) return serverError(res, err);   let recipes = getRecipes();   ← then a Scan, or gone
 *     …                                →        …
 *   });                                       } catch (err) {
 *                                               return serverError(res, err);
 *                                             }
 *
 * The app's own error branch becomes the catch, so a DynamoDB error takes the path a file error
 * took. The remaining read is a snapshot like `const x = readX()`, handled by rewriteCollections.
 */
import type { ASTPath } from 'jscodeshift';
import { statement } from '../../../emit/emitContext';
import { addTodo } from '../addTodo';
import type { FileRewrite } from '../FileRewrite';
import { isErrorCheck } from '../collections/rewriteWriterCalls';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export function rewriteCallbackReads(rewrite: FileRewrite): void {
  const { j } = rewrite;
  rewrite.root.find(j.CallExpression).forEach((call: ASTPath<AnyNode>) => {
    const reference = rewrite.referenceOf(call.node);
    if (reference?.kind !== 'accessor-call' || reference.accessor.role !== 'reader' || reference.accessor.style !== 'callback') return;
    const callback = call.node.arguments[call.node.arguments.length - 1] as AnyNode;
    const statementPath = call.parent as ASTPath<AnyNode>;
    if (!callback || !/FunctionExpression$/.test(callback.type) || statementPath.node.type !== 'ExpressionStatement' || !rewrite.enclosingFunction(call)) {
      addTodo(rewrite, call, `${reference.accessor.name ?? 'this read'} is used with a callback apply does not recognise; read the items with scanAll/GetCommand from the shared client, then re-run`);
      return;
    }
    const block = statementPath.parent?.node as AnyNode;
    const siblings: AnyNode[] | undefined = block?.body;
    if (!Array.isArray(siblings) || siblings[siblings.length - 1] !== statementPath.node) {
      addTodo(rewrite, call, `code after this callback read runs before the callback; move it into the callback, then re-run`);
      return;
    }
    const [errorParam, dataParam] = callback.params as AnyNode[];
    let body: AnyNode[] = callback.body.type === 'BlockStatement' ? [...callback.body.body] : [j.expressionStatement(callback.body)];
    let handler: AnyNode[] | undefined;
    if (errorParam?.type === 'Identifier' && body.length && isErrorCheck(body[0], errorParam.name)) {
      const check = body[0];
      handler = check.consequent.type === 'BlockStatement' ? check.consequent.body : [check.consequent];
      body = body.slice(1);
    }
    // the read itself, without its callback: a snapshot for rewriteCollections
    call.node.arguments = call.node.arguments.slice(0, -1);
    const reads: AnyNode[] = [];
    if (dataParam?.type === 'Identifier') {
      const reassigned = body.some((node) => assigns(node, dataParam.name));
      reads.push(j.variableDeclaration(reassigned ? 'let' : 'const', [j.variableDeclarator(j.identifier(dataParam.name), call.node)]));
    }
    rewrite.modified = true;
    if (!handler) {
      statementPath.replace(...reads, ...body);
      return;
    }
    const errorName = errorParam.name as string;
    const tryStatement = statement(rewrite.emit, [`try {\n} catch (${errorName}) {\n}`]) as AnyNode;
    tryStatement.block.body = [...reads, ...body];
    tryStatement.handler.body.body = handler;
    tryStatement.comments = statementPath.node.comments;
    statementPath.replace(tryStatement);
  });
}

/** `name = …` anywhere in the node (the callback parameter was reassigned). */
function assigns(node: AnyNode, name: string): boolean {
  if (!node || typeof node !== 'object') return false;
  if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier' && node.left.name === name) return true;
  return Object.keys(node).some((key) => {
    if (key === 'loc' || key === 'comments' || key === 'original' || key === 'tokens') return false;
    const value = node[key];
    return Array.isArray(value) ? value.some((item) => assigns(item, name)) : value && typeof value.type === 'string' ? assigns(value, name) : false;
  });
}

