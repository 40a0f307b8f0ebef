import { buildNextId, buildPutItem, expression, propertyKey, statement } from '../emit';
import type { Part } from '../emit/emitContext';
import type { ASTPath } from 'jscodeshift';
import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { findStatement } from '../apply/rewrite/addTodo';
import { destructuredResult, isStatementResultIgnored, resultDeclarator, usePaths } from './resultUses';
import { defaultParts, keyValue, writtenValue } from './rowShape';
import type { SqlValue } from '../scan/sqlite';
import { tableTargetOf, valueNode, type SiteContext, type SiteOutcome } from './siteContext';

/**
 * `INSERT INTO t (a, b) VALUES (?, ?)` → PutItem. An autoincrement key left out takes the next
 * value of the plan's counter; `info.lastInsertRowid` then reads that id. A key the code supplies
 * is written with `attribute_not_exists`, as SQLite refused a duplicate primary key.
 */
export function rewriteInsert(ctx: SiteContext): SiteOutcome {
  const { rewrite, summary, target } = ctx;
  const insert = summary.insert;
  if (!insert || insert.fromSelect || insert.rows.length !== 1 || !insert.columns.length) return { done: false, todo: 'write each row with PutCommand (or BatchWrite ≤ 25), then re-run' };
  // OR IGNORE / ON CONFLICT DO NOTHING: the put is conditional anyway (a supplied key, a guarded unique value), so a refused one is skipped
  const ignore = insert.conflict === 'ignore' || insert.conflict === 'nothing';
  if (insert.conflict && !ignore) return { done: false, todo: `${insert.conflict}: choose a conditional put or an update for the conflict, then re-run` };
  if (ignore && !isStatementResultIgnored(ctx)) return { done: false, todo: `${insert.conflict}: a refused row changes nothing, so test the put's outcome (isConditionFailed) instead of the run() info, then re-run` };
  if (ctx.site.method !== 'run') return { done: false, todo: `rewrite ${ctx.site.method}() of an INSERT by hand, then re-run` };
  const e = rewrite.emit;
  const supplied = insert.columns.includes(target.keyName);
  const sortKey = target.table.sortKey?.name;
  if (sortKey && !(supplied && insert.columns.includes(sortKey))) return { done: false, todo: `${target.sqlTable}: write both key columns (${target.keyName}, ${sortKey}), then re-run` };
  if (!supplied && !target.counter) return { done: false, todo: `${target.entityName} ids: the plan has no counter for ${target.keyName}; choose an id strategy in .migration/dynamodb.json, then re-run` };
  const declarator = resultDeclarator(ctx);
  // `const { lastID } = await db.run(…)`: that name takes the new id
  const destructured = destructuredResult(ctx, ['lastID', 'lastInsertRowid']);
  const idUses = destructured ? [] : usePaths(ctx, ctx.site.result.insertedIdUses);
  if (ctx.site.result.insertedIdUses.length && ((!declarator && !destructured && ctx.site.result.style !== 'callback') || !idUses || supplied)) return { done: false, todo: 'take the new id from nextId() before the PutCommand instead of lastInsertRowid, then re-run' };
  if (!declarator && !destructured && !ctx.resultName && !isStatementResultIgnored(ctx)) return { done: false, todo: 'the run() info has no DynamoDB counterpart here; use the item written, then re-run' };
  const values: Part[] = [];
  const boundArray = arrayArgument(ctx);
  if (boundArray) ctx = { ...ctx, paramsArray: boundArray };
  for (const [index, column] of insert.columns.entries()) {
    const value = insertedValue(ctx, insert.rows[0][index]);
    if (!value) return { done: false, todo: `${column}: compute this value in code (SQL functions and defaults do not run in DynamoDB), then re-run` };
    const keyType = column === target.keyName ? target.table.partitionKey.type : column === sortKey ? target.table.sortKey!.type : undefined;
    values.push(`${values.length ? ', ' : ''}${propertyKey(e, column)}: `, keyType ? keyValue(ctx, value, keyType) : writtenValue(ctx, column, value));
  }
  const defaults = defaultParts(ctx, insert.columns);
  if ('todo' in defaults) return { done: false, todo: defaults.todo };
  values.push(...defaults.parts);
  let idPart: Part[] = [];
  if (!supplied) {
    const nextId = buildNextId(e, target.counter!);
    if (destructured) {
      const declaration = destructured.declarator.parent as ASTPath<any>;
      if (declaration?.node.type !== 'VariableDeclaration' || declaration.node.declarations.length !== 1) return { done: false, todo: 'take the new id from nextId() before the PutCommand instead of lastInsertRowid, then re-run' };
      declaration.insertBefore(statement(e, [`${declaration.node.kind} ${destructured.local} = `, nextId, rewrite.style.semicolons ? ';' : '']));
      idPart = [`${propertyKey(e, target.keyName)}: ${destructured.local}, `];
      const item = expression(e, ['{ ', ...idPart, ...values, ' }']);
      const derived = (target.entity.derivedAttributes ?? []).length > 0;
      declaration.replace(statement(e, [buildPutItem(e, tableTargetOf(ctx), item, derived ? { derived } : {}), rewrite.style.semicolons ? ';' : '']));
      return { done: true };
    }
    if (idUses?.length) {
      const idName = rewrite.freshName([`${target.entityName.charAt(0).toLowerCase()}${target.entityName.slice(1)}Id`, 'newId']);
      const holder = ctx.holder ?? findStatement(ctx.call)!;
      holder.insertBefore(statement(e, [`const ${idName} = `, nextId, rewrite.style.semicolons ? ';' : '']));
      for (const use of idUses) use.replace(rewrite.j.identifier(idName));
      idPart = [`${propertyKey(e, target.keyName)}: ${idName}, `];
    } else idPart = [`${propertyKey(e, target.keyName)}: `, nextId, ', '];
  }
  const item = expression(e, ['{ ', ...idPart, ...values, ' }']);
  const derived = (target.entity.derivedAttributes ?? []).length > 0;
  const put = buildPutItem(e, tableTargetOf(ctx), item, { ...(supplied ? { condition: 'new' as const } : {}), ...(derived ? { derived } : {}) });
  ctx.call.replace(ignore ? ignoringConflict(ctx, put) : put);
  if (declarator) dropUnusedResult(ctx, declarator, put);
  return { done: true };
}

/** `COALESCE(?, 3)` / `IFNULL(?, 'x')` → `(<argument> ?? 3)`: SQLite's NULL and a missing value both take the fallback. */
function insertedValue(ctx: SiteContext, value: SqlValue): ExpressionKind | undefined {
  if (value.kind === 'expression' && value.params.length === 1) {
    const match = /^(?:COALESCE|IFNULL)\s*\(\s*(\S+?)\s*,\s*('(?:[^']|'')*'|-?\d+(?:\.\d+)?)\s*\)$/i.exec(value.text.trim());
    const argument = match ? valueNode(ctx, { kind: 'param', canonical: value.params[0] }) : undefined;
    if (match && argument) {
      const fallback = match[2].startsWith("'") ? ctx.rewrite.j.literal(match[2].slice(1, -1).replace(/''/g, "'")) : ctx.rewrite.j.literal(Number(match[2]));
      return expression(ctx.rewrite.emit, ['(', argument, ' ?? ', fallback, ')']);
    }
  }
  return valueNode(ctx, value);
}

/**
 * `db.run(INSERT_ISSUE, issue)` / `stmt.run(row)`: every `?` bound from one array variable, its
 * elements in order (`issue[0]`, `issue[1]`, …).
 */
function arrayArgument(ctx: SiteContext): ExpressionKind | undefined {
  const bindings = ctx.variant.bindings;
  if (!bindings.length || bindings.some((binding) => binding.written !== '?' || binding.argument)) return undefined;
  const node = ctx.call.node.type === 'AwaitExpression' ? ctx.call.node.argument : ctx.call.node;
  if (node?.type !== 'CallExpression') return undefined;
  const sqlNode = ctx.site.sqlArgument.path.node;
  const rest = node.arguments.filter((argument: { start?: number; loc?: unknown }) => !(argument.loc && sqlNode.loc && (argument.loc as { start: { line: number; column: number } }).start.line === sqlNode.loc.start.line && (argument.loc as { start: { line: number; column: number } }).start.column === sqlNode.loc.start.column));
  return rest.length === 1 && rest[0].type === 'Identifier' && node.arguments.length - rest.length <= 1 ? rest[0] : undefined;
}

/** `const info = await …Put…` whose info is no longer read (its lastInsertRowid uses took the new id): just the put. */
function dropUnusedResult(ctx: SiteContext, declarator: ASTPath<any>, put: ExpressionKind): void {
  const { j } = ctx.rewrite;
  const name = declarator.node.id.name as string;
  const declaration = declarator.parent as ASTPath<any>;
  if (declaration?.node.type !== 'VariableDeclaration' || declaration.node.declarations.length !== 1) return;
  const scope = ctx.rewrite.enclosingFunction(declarator);
  const within = scope ? j(scope) : ctx.rewrite.root;
  const reads = within.find(j.Identifier, { name }).filter((p: ASTPath<any>) => p.node !== declarator.node.id && !(p.parent?.node.type === 'MemberExpression' && p.parent.node.property === p.node && !p.parent.node.computed));
  if (reads.size()) return;
  declaration.replace(j.expressionStatement(put));
}

/** `await <put>.catch(…)`: a put refused by its condition (the row exists, the unique value is taken) is skipped, as SQLite skips the row. */
function ignoringConflict(ctx: SiteContext, put: ExpressionKind): ExpressionKind {
  const e = ctx.rewrite.emit;
  const i = e.style.indent;
  const end = e.style.semicolons ? ';' : '';
  const sent = put.type === 'AwaitExpression' ? (put.argument as ExpressionKind) : put;
  return expression(e, ['await ', sent, `.catch((error) => {\n${i}if (!${e.name('isConditionFailed')}(error)) throw error${end}\n})`]);
}
