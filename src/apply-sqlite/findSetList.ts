/**
 * A SET list built from the request's keys (better-sqlite3, named parameters):
 *
 *   const setClause = Object.keys(fields).map((key) => `${key === 'title' ? 'title' : 'body'} = @${key}`).join(', ');
 *   db.prepare(`UPDATE notes SET ${setClause} WHERE id = @id`).run({ ...fields, id });
 *
 * becomes the changes of an UpdateItem built from the same keys with the app's own callback, its
 * template answering `[column, value]` instead of `column = @key`:
 *
 *   Object.fromEntries(Object.keys(fields).map((key) => [key === 'title' ? 'title' : 'body', ({ ...fields, id })[key]]))
 *
 * Every column the callback can answer must be a known text (a literal, a ternary or look-up of
 * literals), a column of the table and not its key: a key attribute is never overwritten, and a
 * column named by the request itself (`${key} = @${key}`) stays a TODO (SQLite refuses unknown
 * columns; DynamoDB would write any attribute).
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { ASTPath } from 'jscodeshift';
import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import type { FileRewrite } from '../apply/rewrite/FileRewrite';
import { expression, quoted, type Part } from '../emit';
import type { SqlCallSite } from '../scan/sqlite';
import { DYNAMIC_IDENTIFIER } from '../scan/sqlite/js/assembleSql';
import { StringEvaluator } from '../scan/sqlite/js/evaluateString';
import { findRewritePath } from './findRewritePath';
import { isPure } from './findChoiceTests';
import { writtenValue } from './rowShape';
import type { SiteContext } from './siteContext';

export type SetList = { changes: ExpressionKind } | { todo: string };

const TODO_TAIL = 'write the UpdateItem names and values by hand, then re-run';
/** Declarations of SET lists whose UPDATE was rewritten, per file: removed once nothing reads them. */
const builtLists = new WeakMap<FileRewrite, NodePath[]>();

/** `UPDATE t SET ${list} WHERE …`: the only unknown piece of the SQL is one whole SET list. */
export function isSetListSite(site: SqlCallSite): boolean {
  const summary = site.variants.length === 1 && site.variants[0].statements.length === 1 ? site.variants[0].statements[0] : undefined;
  return (
    site.interpolatedIdentifiers.length === 1 &&
    !site.interpolatedValues.length &&
    summary?.kind === 'update' &&
    summary.set.length === 1 &&
    DYNAMIC_IDENTIFIER.test(summary.set[0].column)
  );
}

/** The changes object for updateParams, or why it cannot be built. */
export function findSetList(ctx: SiteContext): SetList {
  const { site } = ctx;
  const file = site.interpolatedIdentifiers[0].file;
  const todo = (why: string): SetList => ({ todo: `SET list built at run time (${why}): ${TODO_TAIL}` });
  if (site.driver !== 'better-sqlite3') return todo('only better-sqlite3 named parameters are followed');
  const hole = unwrap(site.interpolatedIdentifiers[0].path);
  // the keys and the callback are copied to the run: they must be in scope there
  if (file.rel !== site.driverCall.file.rel || hole.getFunctionParent()?.node !== site.driverCall.path.getFunctionParent()?.node) return todo('the list is built in another function than the one running the UPDATE');
  const join = hole.node;
  if (!t.isCallExpression(join) || !isMethodCall(join, 'join') || !isListSeparator(join.arguments)) return todo('not `<keys>.map(…).join(\', \')`');
  const map = (join.callee as t.MemberExpression).object;
  if (t.isIdentifier(map)) return todo(pushedListReason(hole.get('callee.object') as NodePath, file));
  if (!t.isCallExpression(map) || !isMethodCall(map, 'map') || map.arguments.length !== 1) return todo('not `<keys>.map(…).join(\', \')`');
  const callbackPath = (hole.get('callee.object.arguments.0') as NodePath);
  const callback = callbackPath.node;
  if (!(t.isArrowFunctionExpression(callback) || t.isFunctionExpression(callback)) || callback.async || callback.generator || !t.isIdentifier(callback.params[0])) {
    return todo('the .map callback is not a plain function of the key');
  }
  const keyName = callback.params[0].name;
  const returned = returnedTemplate(callbackPath);
  if (!returned) return todo('the .map callback does not return one `${column} = @${key}` template');
  const [columnPath, boundPath] = returned.get('expressions') as NodePath[];
  const quasis = returned.node.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw);
  if (quasis.length !== 3 || quasis[0].trim() || quasis[2].trim() || !/^\s*=\s*[@:$]$/.test(quasis[1]) || !t.isIdentifier(boundPath.node, { name: keyName })) {
    return todo('the .map callback does not return one `${column} = @${key}` template');
  }
  if (t.isIdentifier(columnPath.node, { name: keyName })) return todo(`the column is the request's own key \`\${${keyName}}\`: map keys to columns through literals (a ternary or a look-up)`);
  const evaluated = new StringEvaluator(ctx.rewrite.analysis.project).evaluate(file, columnPath);
  const known = !evaluated.truncated && evaluated.alternatives.every((parts) => parts.every((part) => 'text' in part));
  const columns = [...new Set(evaluated.alternatives.map((parts) => parts.map((part) => ('text' in part ? part.text : '')).join('').trim()))];
  if (!known || !columns.length) return todo(`the column \`${source(file, columnPath.node)}\` has no known text`);
  const schemaColumns = ctx.target.schema?.columns.map((column) => column.name);
  const unknown = columns.find((column) => !schemaColumns?.includes(column));
  if (unknown) return todo(`${unknown} is not a column of ${ctx.summary.table}`);
  if (columns.includes(ctx.target.keyName)) return todo(`the list can set the key ${ctx.target.keyName}, which DynamoDB cannot change`);
  const args = site.driverCall.path.node.arguments;
  if (args.length !== 1 || !(t.isIdentifier(args[0]) || (t.isObjectExpression(args[0]) && isPureObject(args[0])))) return todo('the values are not bound from one object');
  const typescript = file.typescript;
  const bound = t.isIdentifier(args[0]) && !typescript ? args[0].name : `(${source(site.driverCall.file, args[0])}${typescript ? ' as Record<string, unknown>' : ''})`;
  // the app's callback, its template now answering [column, value]
  const start = callback.start ?? 0;
  const callbackText =
    file.text.slice(start, returned.node.start ?? 0) +
    `[${source(file, columnPath.node)}, ${bound}[${keyName}]]` +
    file.text.slice(returned.node.end ?? 0, callback.end ?? 0);
  const keysText = source(file, (map.callee as t.MemberExpression).object);
  const parts: Part[] = [`Object.fromEntries(${keysText}.map(${callbackText})`, ...conversions(ctx, columns), ')'];
  if (t.isVariableDeclarator(hole.parent)) builtLists.set(ctx.rewrite, [...(builtLists.get(ctx.rewrite) ?? []), hole.parentPath!]);
  return { changes: expression(ctx.rewrite.emit, parts) };
}

/** After the statements went: a SET list's declaration nothing reads any more is removed with them. */
export function retireSetLists(rewrite: FileRewrite): void {
  const { j } = rewrite;
  for (const declarator of builtLists.get(rewrite) ?? []) {
    const path = findRewritePath(rewrite, declarator.node as never) as ASTPath<any> | undefined;
    const name = path?.node.id?.type === 'Identifier' ? (path.node.id.name as string) : undefined;
    const statement = path?.parent as ASTPath<any> | undefined;
    if (!path || !name || statement?.node.type !== 'VariableDeclaration' || statement.node.declarations.length !== 1) continue;
    const reads = rewrite.root.find(j.Identifier, { name }).filter((p: ASTPath<any>) => p.node !== path.node.id && !(p.parent?.node.type === 'MemberExpression' && p.parent.node.property === p.node && !p.parent.node.computed)).size();
    if (reads) continue;
    statement.prune();
    rewrite.modified = true;
  }
  builtLists.delete(rewrite);
}

/** Columns stored differently from SQLite (0/1 as booleans, NULL index keys left out): converted by column. */
function conversions(ctx: SiteContext, columns: string[]): Part[] {
  const { j } = ctx.rewrite;
  const converted: Part[] = [];
  for (const column of columns) {
    const value = j.identifier('value');
    const written = writtenValue(ctx, column, value);
    if (written !== value) converted.push(`column === ${quoted(ctx.rewrite.emit, column)} ? `, written, ' : ');
  }
  return converted.length ? ['.map(([column, value]) => [column, ', ...converted, 'value])'] : [];
}

/**
 * `clauses.join(', ')` of an array filled with push(): say what the pushed items name, so the
 * TODO tells whether a map over the keys with literal columns would do.
 */
function pushedListReason(list: NodePath, file: { text: string }): string {
  const binding = list.isIdentifier() ? list.scope.getBinding(list.node.name) : undefined;
  const pushed = (binding?.referencePaths ?? []).flatMap((reference) => {
    const call = reference.parentPath?.parentPath;
    return reference.parentPath?.isMemberExpression({ object: reference.node }) && call?.isCallExpression() && isMethodCall(call.node, 'push') ? call.node.arguments : [];
  });
  const byKey = pushed.find((item) => t.isTemplateLiteral(item) && item.expressions.length === 2 && t.isIdentifier(item.expressions[0]) && t.isIdentifier(item.expressions[1], { name: (item.expressions[0] as t.Identifier).name }));
  if (byKey) return `pushed in a loop as ${source(file, byKey)}: the column is the request's own key; map keys to columns through literals (a ternary or a look-up) in \`keys.map(…).join(', ')\``;
  return 'pushed item by item: build it as `keys.map((key) => `${<column>} = @${key}`).join(\', \')` with literal columns';
}

/** `{ ...fields, id }`, `{ id: id, title }`: copied where each key is read, so nothing in it may have side effects. */
function isPureObject(node: t.ObjectExpression): boolean {
  return node.properties.every((property) => {
    if (t.isSpreadElement(property)) return isPure(property.argument);
    return t.isObjectProperty(property) && !property.computed && isPure(property.value as t.Node);
  });
}

function returnedTemplate(callbackPath: NodePath): NodePath<t.TemplateLiteral> | undefined {
  const body = callbackPath.get('body') as NodePath;
  if (body.isTemplateLiteral()) return body;
  const returns: NodePath<t.ReturnStatement>[] = [];
  body.traverse({
    Function(inner) {
      inner.skip();
    },
    ReturnStatement(statement) {
      returns.push(statement);
    },
  });
  const argument = returns.length === 1 ? (returns[0].get('argument') as NodePath) : undefined;
  return argument?.isTemplateLiteral() ? argument : undefined;
}

function isMethodCall(call: t.CallExpression, method: string): boolean {
  return t.isMemberExpression(call.callee) && !call.callee.computed && t.isIdentifier(call.callee.property, { name: method });
}

function isListSeparator(args: t.CallExpression['arguments']): boolean {
  return args.length === 1 && t.isStringLiteral(args[0]) && args[0].value.trim() === ',';
}

function unwrap(path: NodePath): NodePath {
  let current = path;
  while (current.isParenthesizedExpression() || current.isTSAsExpression() || current.isTSNonNullExpression()) current = current.get('expression') as NodePath;
  return current;
}

function source(file: { text: string }, node: t.Node): string {
  return file.text.slice(node.start ?? 0, node.end ?? 0);
}
