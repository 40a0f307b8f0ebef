import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { expression, quoted, type Part } from '../emit';
import type { SqliteTarget } from './findSqliteTarget';
import { selectExpression } from './rewriteSelect';
import type { SiteContext, SiteOutcome } from './siteContext';

const MAX_VARIANTS = 4;

/**
 * SQL text the code builds at run time from known pieces (`sql += ' WHERE done = ?'` under an
 * `if`): the code that builds it stays, and the read picks the request written for each variant
 * by the text it built — `sql === 'SELECT … WHERE done = ?' ? <query> : <scan>`. `?` values bound
 * from an array filled with push() are read from that array. Only SELECTs without interpolated
 * values; anything else stays a TODO.
 */
export function rewriteVariants(ctx: SiteContext, callNode: unknown, targetOf: (table: string) => SiteTargetLookup): SiteOutcome {
  const { site, rewrite } = ctx;
  const call = callNode as any;
  const sqlNode = call.arguments.find((argument: any) => argument.loc && site.sqlArgument.path.node.loc && argument.loc.start.line === site.sqlArgument.path.node.loc.start.line && argument.loc.start.column === site.sqlArgument.path.node.loc.start.column);
  const sqlIndex = call.arguments.indexOf(sqlNode);
  const params = sqlIndex >= 0 ? call.arguments[sqlIndex + 1] : undefined;
  if (!sqlNode || sqlNode.type !== 'Identifier' || (params && params.type !== 'Identifier')) return todo();
  if (site.variants.length > MAX_VARIANTS || site.variants.some((variant) => variant.text.includes(':__i') || variant.text.includes('__dyn_'))) return todo();
  const reads: { text: string; read: ExpressionKind }[] = [];
  for (const variant of site.variants) {
    const summary = variant.statements.length === 1 ? variant.statements[0] : undefined;
    if (summary?.kind !== 'select' || !summary.table) return todo();
    const target = targetOf(summary.table);
    if (!target) return todo();
    const built = selectExpression({ ...ctx, variant, summary, target, ...(params ? { paramsArray: params } : {}) });
    if ('todo' in built) return { done: false, todo: `one variant of this SQL: ${built.todo}` };
    reads.push({ text: variant.text, read: built.expression });
  }
  const parts: Part[] = [];
  reads.forEach(({ text, read }, index) => {
    if (index < reads.length - 1) parts.push(`${sqlNode.name} === ${quoted(rewrite.emit, text)}\n${rewrite.style.indent}? `, read, `\n${rewrite.style.indent}: `);
    else parts.push(read);
  });
  ctx.call.replace(expression(rewrite.emit, ['(', ...parts, ')']));
  return { done: true };
}

type SiteTargetLookup = SqliteTarget | undefined;

function todo(): SiteOutcome {
  return { done: false, todo: 'SQL built at run time: write one DynamoDB request per variant, then re-run' };
}
