import type { TableDesign } from '../../model/table-design';
import type { AccessAnalysis } from '../access-needs';

/**
 * Pagination. DynamoDB has no OFFSET: skipping n items still reads (and bills) them. A Query or
 * Scan returns LastEvaluatedKey instead, which the API hands back as an opaque cursor, so
 * `?offset=`/`?page=` become `?cursor=` — an API change the plan names. A plain `limit` stays.
 */
export function planPagination(design: TableDesign, analysis: AccessAnalysis): void {
  for (const need of analysis.needs) {
    if (need.pagination === 'offset' || need.pagination === 'page' || need.pagination === 'cursor') {
      const entity = design.entities[need.entity];
      if (entity) entity.pagination = 'cursor';
    }
  }
}

/** Handlers whose offset or page pagination becomes cursor pagination, by entity. */
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
