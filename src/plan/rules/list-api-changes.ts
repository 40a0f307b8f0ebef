import type { AccessModel } from '../../model/access-model';
import type { TableDesign } from '../../model/table-design';
import type { AccessAnalysis } from '../access-needs';
import { getOffsetPaginatedHandlers } from './plan-pagination';

/** Changes the API's clients will see, in plain words, derived from the design as it stands. */
export function listApiChanges(design: TableDesign, model: AccessModel, analysis: AccessAnalysis): string[] {
  const changes: string[] = [];
  const paged = getOffsetPaginatedHandlers(analysis);
  for (const scanned of model.entities) {
    const entity = design.entities[scanned.name];
    if (!entity) continue;
    const idType = entity.idAttribute?.type ?? scanned.key.type;
    // a natural key (a link's code) is another attribute, not the id changing type
    if (idType !== scanned.key.type && (entity.idAttribute?.name ?? scanned.key.name) === scanned.key.name) {
      const how = entity.idStrategy === 'uuid' ? 'random UUID strings' : `${idType}s`;
      changes.push(
        `${scanned.name} ids become ${how} instead of ${scanned.key.type}s (${scanned.key.type === 'number' ? '1, 2, 3…' : '"a1b2…"'}): clients that parse, compare or sort ${scanned.name} ids as ${scanned.key.type}s must change. Existing records keep their id${idType === 'string' ? ' as text (1 → "1")' : ''}.`,
      );
    }
    const handlers = paged.get(scanned.name);
    if (entity.pagination === 'cursor' && handlers?.length) {
      changes.push(
        `${handlers.join(', ')}: offset/page pagination stays as it is after apply (no change for clients), but each page reads every matching item and skips to the requested one in the app, so a page costs as much as the whole list. Recommended follow-up, an API change: cursor pagination — clients send \`limit\` and the \`nextCursor\` of the previous page instead of \`offset\`/\`page\`, the response carries \`nextCursor\` (absent on the last page), and jumping straight to page N is no longer possible.`,
      );
    }
  }
  return changes;
}
