/**
 * The app's save calls (`saveBookmarks(bookmarks)`, `await saveLinks(links)`,
 * `saveRecipes(recipes, (err) => { … })`). Every change they persisted is now its own DynamoDB
 * write, so a save call goes away — except that items changed in place before it are written back
 * right there (UpdateCommand), which is where the app meant to commit them. A save after changes
 * apply could not translate keeps a TODO.
 */
import type { ASTPath } from 'jscodeshift';
import type { ASTNode } from 'ast-types';
import { addTodo } from '../addTodo';
import type { FileRewrite, ItemVariable } from '../FileRewrite';
import { contains, isAttached, replaceStatement } from '../treeUtils';
import { buildItemWriteBack } from './items';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Returns the mutations that still need a write-back (no save call covered them). */
export function rewriteWriterCalls(rewrite: FileRewrite, mutations: Map<ItemVariable, ASTPath<any>[]>): Map<ItemVariable, ASTPath<any>[]> {
  const pending = new Map(mutations);
  for (const writer of rewrite.writerCalls) {
    if (!isAttached(writer.path)) continue;
    const saved = savedValue(writer.path.node as AnyNode);
    const fn = rewrite.enclosingFunction(writer.path)?.node;
    const snapshot = rewrite.snapshots.find(
      (candidate) => saved?.type === 'Identifier' && candidate.name === saved.name && candidate.target === writer.target && rewrite.enclosingFunction(candidate.declarator)?.node === fn,
    );
    const handled = rewrite.handledWriters.has(writer.path.node);
    if (!handled && !snapshot) {
      addTodo(rewrite, writer.path, `this save writes data apply did not follow to a store read; write the changed items with PutCommand/UpdateCommand/DeleteCommand, then remove this save and re-run`);
      continue;
    }
    if (snapshot && rewrite.untranslated.has(snapshot) && !handled) {
      addTodo(rewrite, writer.path, `${snapshot.name} was changed in a way apply could not translate; write those changes with PutCommand/UpdateCommand/DeleteCommand, then remove this save and re-run`);
      continue;
    }
    let statementPath: ASTPath<any> = writer.path;
    if (statementPath.parent?.node.type === 'AwaitExpression') statementPath = statementPath.parent as ASTPath<any>;
    statementPath = statementPath.parent as ASTPath<any>;
    if (statementPath.node.type !== 'ExpressionStatement') {
      addTodo(rewrite, writer.path, `the result of this save is used; the changes before it are now written to DynamoDB directly, so replace the call, then re-run`);
      continue;
    }
    const writeBacks: AnyNode[] = [];
    for (const [item, paths] of pending) {
      if (item.target !== writer.target || item.fn !== fn) continue;
      if (!paths.every((path) => start(path) < start(writer.path))) continue;
      writeBacks.push(buildItemWriteBack(rewrite, item));
      pending.delete(item);
      rewrite.operationDone();
    }
    const rest = callbackStatements(writer.path.node);
    if (writeBacks.length) rewrite.markAwait(statementPath);
    if (!writeBacks.length && !rest.length && isOnlyStatementOfLoneBranch(statementPath)) {
      statementPath.replace(rewrite.j.blockStatement([]));
      continue;
    }
    replaceStatement(statementPath, [...writeBacks, ...rest]);
  }
  return pending;
}

/** What a save call saves: `saveX(data)`, or `x` in an inline `fs.writeFileSync(F, JSON.stringify(x, null, 2))`. */
export function savedValue(call: AnyNode): AnyNode | undefined {
  const data = call.arguments[1] as AnyNode | undefined;
  const inline = data?.type === 'CallExpression' && data.callee.type === 'MemberExpression' && data.callee.object.name === 'JSON' && data.callee.property.name === 'stringify';
  const saved = (inline ? data.arguments[0] : call.arguments[0]) as AnyNode | undefined;
  // a wrapped file (`JSON.stringify({ quotes }, null, 2)`): the list inside is what is saved
  const only = saved?.type === 'ObjectExpression' && saved.properties.length === 1 ? saved.properties[0] : undefined;
  if (inline && (only?.type === 'ObjectProperty' || only?.type === 'Property') && !only.computed && only.value.type === 'Identifier') return only.value;
  return saved;
}

/** `save(x, (err) => { if (err) return fail(err); rest… })` → the `rest…` statements. */
function callbackStatements(call: AnyNode): AnyNode[] {
  const callback = call.arguments[call.arguments.length - 1] as AnyNode | undefined;
  if (call.arguments.length < 2 || !callback || !/FunctionExpression$/.test(callback.type)) return [];
  if (callback.body.type !== 'BlockStatement') return [{ type: 'ExpressionStatement', expression: callback.body }];
  const errorName = callback.params[0]?.name;
  return (callback.body.body as AnyNode[]).filter((statementNode, index) => !(index === 0 && errorName && isErrorCheck(statementNode, errorName)));
}

/** `if (err) return …;` / `if (err) { … return … }` */
export function isErrorCheck(node: AnyNode, errorName: string): boolean {
  return node.type === 'IfStatement' && !node.alternate && node.test.type === 'Identifier' && node.test.name === errorName;
}

function isOnlyStatementOfLoneBranch(path: ASTPath<any>): boolean {
  const parent = path.parent?.node as AnyNode | undefined;
  return Boolean(parent && (parent.type === 'IfStatement' || /Loop|For|While/.test(parent.type)) && !contains(parent.test ?? {}, path.node));
}

function start(path: ASTPath<any>): number {
  return ((path.node as AnyNode).start as number | undefined) ?? Number.MAX_SAFE_INTEGER;
}
