import { buildDeleteItem } from '../emit';
import { keyValue } from './rowShape';
import { isStatementResultIgnored, replaceChangesUse, resultDeclarator, usePaths } from './resultUses';
import { singleEquality, tableTargetOf, valueNode, type SiteContext, type SiteOutcome } from './siteContext';

/** `DELETE FROM t WHERE <key> = ?` → DeleteItem with ALL_OLD; `info.changes` reads `Attributes`. */
export function rewriteDelete(ctx: SiteContext): SiteOutcome {
  const equality = singleEquality(ctx.summary);
  const keyNode = equality && equality.column === ctx.target.keyName ? valueNode(ctx, equality.value) : undefined;
  const key = keyNode && keyValue(ctx, keyNode, ctx.target.table.partitionKey.type);
  if (!key) return { done: false, todo: 'only `DELETE … WHERE <key> = ?` is rewritten: query the keys first and delete them in batches, then re-run' };
  if (ctx.site.method !== 'run') return { done: false, todo: `rewrite ${ctx.site.method}() of a DELETE by hand, then re-run` };
  const changes = ctx.site.result.changesUses;
  const declarator = resultDeclarator(ctx);
  const resultName = ctx.resultName ?? declarator?.node.id.name;
  const uses = usePaths(ctx, changes);
  if (changes.length && (!resultName || !uses)) return { done: false, todo: 'keep the DeleteCommand result (ReturnValues ALL_OLD) and test its Attributes instead of changes, then re-run' };
  if (!changes.length && !resultName && !isStatementResultIgnored(ctx)) return { done: false, todo: 'use the DeleteCommand result (Attributes) instead of the run() info, then re-run' };
  ctx.call.replace(buildDeleteItem(ctx.rewrite.emit, tableTargetOf(ctx), key, changes.length > 0 || Boolean(resultName)));
  for (const use of uses ?? []) replaceChangesUse(ctx, use, resultName!);
  return { done: true };
}
