import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { expression, propertyKey, type Part } from '../emit/emitContext';
import { keyValue, writtenValue } from './rowShape';
import { isInlineChangesUse, isStatementResultIgnored, replaceChangesUse, resultDeclarator, usePaths } from './resultUses';
import { singleEquality, tableTargetOf, valueNode, type SiteContext, type SiteOutcome } from './siteContext';
import { findSetList, isSetListSite } from './findSetList';

/**
 * `UPDATE t SET a = ?, b = COALESCE(?, b) WHERE <key> = ?` → UpdateItem through updateParams
 * (names and values as placeholders); a COALESCE parameter that is null keeps the old value. A
 * missing row stays an unchanged row: the condition failure becomes `{ Attributes: undefined }`
 * (typed, so `.Attributes` still type-checks in strict TypeScript), and `info.changes` consumers
 * keep their 404 path.
 */
export function rewriteUpdate(ctx: SiteContext): SiteOutcome {
  const { rewrite, summary } = ctx;
  const equality = singleEquality(summary);
  const keyNode = equality && equality.column === ctx.target.keyName ? valueNode(ctx, equality.value) : undefined;
  const key = keyNode && keyValue(ctx, keyNode, ctx.target.table.partitionKey.type);
  if (!key) return { done: false, todo: 'only `UPDATE … WHERE <key> = ?` is rewritten: find the keys first, then update each item; re-run' };
  if (ctx.site.method !== 'run') return { done: false, todo: `rewrite ${ctx.site.method}() of an UPDATE by hand, then re-run` };
  // `SET ${list}` built from the request's keys: the changes come from the same keys
  const built = isSetListSite(ctx.site) ? findSetList(ctx) : setClauseChanges(ctx);
  if ('todo' in built) return { done: false, todo: built.todo };
  const { changes } = built;
  const declarator = resultDeclarator(ctx);
  const resultName = ctx.resultName ?? declarator?.node.id.name;
  const uses = usePaths(ctx, ctx.site.result.changesUses);
  // `stmt.run(…).changes` read in place: the command's own result is tested there
  const inline = !resultName && isInlineChangesUse(ctx, uses);
  const place = (command: ExpressionKind) => (inline ? replaceChangesUse(ctx, uses![0], command) : ctx.call.replace(command));
  if (ctx.site.result.changesUses.length && (!resultName || !uses) && !inline) return { done: false, todo: 'keep the UpdateCommand result and test its Attributes instead of changes, then re-run' };
  if (!resultName && !isStatementResultIgnored(ctx) && !inline) return { done: false, todo: 'use the UpdateCommand result (Attributes) instead of the run() info, then re-run' };
  const e = rewrite.emit;
  const i = e.style.indent;
  const table = tableTargetOf(ctx);
  if (table.guarded) {
    // updateUnique also fails (ConditionalCheckFailed) when a new UNIQUE value is taken: only a missing item is "no row changed"
    const keyText = `{ ${propertyKey(e, ctx.target.keyName)}: `;
    place(
      expression(e, [
        `await ${e.name('updateUnique')}(${e.name('updateParams')}(${e.name(table.constName)}, ${keyText}`,
        key,
        ' }, ',
        changes,
        `))\n${i}.catch(async (error) => {\n${i}${i}if (${e.name('isConditionFailed')}(error) && !(await ${e.name('db')}.send(new ${e.name('GetCommand')}({ TableName: ${e.name(table.constName)}, Key: ${keyText}`,
        key,
        ` } }))).Item) return { Attributes: undefined };\n${i}${i}throw error;\n${i}})`,
      ]),
    );
  } else {
    place(
      expression(e, [
        `await ${e.name('db')}\n${i}.send(new ${e.name('UpdateCommand')}(${e.name('updateParams')}(${e.name(table.constName)}, { ${propertyKey(e, ctx.target.keyName)}: `,
        key,
        ' }, ',
        changes,
        `)))\n${i}.catch((error) => {\n${i}${i}if (${e.name('isConditionFailed')}(error)) return { Attributes: undefined };\n${i}${i}throw error;\n${i}})`,
      ]),
    );
  }
  if (!inline) for (const use of uses ?? []) replaceChangesUse(ctx, use, resultName!);
  return { done: true };
}

/** `{ title: <value>, ...(<value> == null ? {} : { body: <value> }) }` from the SQL's SET clauses. */
function setClauseChanges(ctx: SiteContext): { changes: ExpressionKind } | { todo: string } {
  const { rewrite, summary } = ctx;
  const parts: Part[] = ['{ '];
  for (const [index, clause] of summary.set.entries()) {
    const value = valueNode(ctx, clause.value);
    if (!value || clause.column === ctx.target.keyName) return { todo: `SET ${clause.column}: compute this value in code (only parameters and literals are rewritten), then re-run` };
    const name = propertyKey(rewrite.emit, clause.column);
    const separator = index ? ', ' : '';
    if (clause.partial) parts.push(`${separator}...(`, value, ` == null ? {} : { ${name}: `, writtenValue(ctx, clause.column, value), ' })');
    else parts.push(`${separator}${name}: `, writtenValue(ctx, clause.column, value));
  }
  parts.push(' }');
  return { changes: expression(rewrite.emit, parts) as ExpressionKind };
}
