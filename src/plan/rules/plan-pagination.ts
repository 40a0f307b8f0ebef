import type { TableDesign } from '../../model/table-design';
import type { AccessAnalysis } from '../access-needs';

/**
 * Pagination. DynamoDB has no OFFSET: skipping n items still reads (and bills) them. apply keeps
 * the app's `?offset=`/`?page=` (it reads every matching item and cuts the page in the app), so the
 * API does not change; the plan names the cost and marks the entity `pagination: 'cursor'`: paging
 * with LastEvaluatedKey as an opaque cursor is the recommended follow-up, an API change. A plain
 * `limit` stays.
 */
export function planPagination(design: TableDesign, analysis: AccessAnalysis): void {
  for (const need of analysis.needs) {
    if (need.pagination === 'offset' || need.pagination === 'page' || need.pagination === 'cursor') {
      const entity = design.entities[need.entity];
      if (entity) entity.pagination = 'cursor';
    }
  }
}

/** Handlers with offset or page pagination (cursor pagination recommended), by entity. */
export function getOffsetPaginatedHandlers(analysis: AccessAnalysis): Map<string, string[]> {
  const byEntity = new Map<string, string[]>();
  for (const need of analysis.needs) {
    if (need.pagination !== 'offset' && need.pagination !== 'page') continue;
    const list = byEntity.get(need.entity) ?? [];
    const name = need.handler ?? `${need.entity} list`;
    if (!list.includes(name)) list.push(name);
    byEntity.set(need.entity, list);
  }
  return byEntity;
}
