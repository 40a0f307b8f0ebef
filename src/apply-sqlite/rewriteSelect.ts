import { buildGetItem, buildQueryIndex, buildScanAll, expression } from '../emit';
import { isSelectStar, singleEquality, tableTargetOf, valueNode, type SiteContext, type SiteOutcome } from './siteContext';

/**
 * `SELECT * FROM t WHERE <key> = ?` → GetItem (`.get`), `SELECT * FROM t` → paginated Scan
 * (`.all`), `WHERE <col> = ?` on the planned GSI → Query (`.all`, or its first item for `.get`).
 */
export function rewriteSelect(ctx: SiteContext): SiteOutcome {
  const { summary, site, rewrite } = ctx;
  if (summary.joins.length || summary.tables.length > 1) return { done: false, todo: `read ${summary.tables.join(' and ')} with two requests or the plan's denormalised copy (JOIN), then re-run` };
  if (!isSelectStar(summary)) return { done: false, todo: 'select whole items (SELECT *) or map the attributes after the read, then re-run' };
  if (summary.orderBy.length || summary.limit || summary.offset) return { done: false, todo: 'ORDER BY/LIMIT/OFFSET: sort in memory or page with LastEvaluatedKey as the plan says, then re-run' };
  if (site.method !== 'get' && site.method !== 'all') return { done: false, todo: `rewrite ${site.method}() over the rows by hand, then re-run` };
  const table = tableTargetOf(ctx);
  if (!summary.where.length) {
    if (site.method !== 'all') return { done: false, todo: 'a single row without WHERE: read it by key, then re-run' };
    ctx.call.replace(buildScanAll(rewrite.emit, table));
    return { done: true };
  }
  const equality = singleEquality(summary);
  const value = equality && valueNode(ctx, equality.value);
  if (!equality || !value) return { done: false, todo: 'only `WHERE column = ?` is rewritten: express this condition as a key, index or filter, then re-run' };
  if (equality.column === ctx.target.keyName) {
    const get = buildGetItem(rewrite.emit, table, value);
    ctx.call.replace(site.method === 'get' ? expression(rewrite.emit, ['(', get, ').Item']) : expression(rewrite.emit, ['[(', get, ').Item].filter(Boolean)']));
    return { done: true };
  }
  const index = ctx.target.table.gsis.find((gsi) => gsi.partitionKey.name === equality.column);
  if (!index) return { done: false, todo: `no index for ${equality.column} in the plan: add a GSI to .migration/dynamodb.json, then re-run` };
  const query = buildQueryIndex(rewrite.emit, table, { index: index.name, attribute: equality.column, value });
  ctx.call.replace(site.method === 'get' ? expression(rewrite.emit, ['(', query, ')[0]']) : query);
  return { done: true };
}
