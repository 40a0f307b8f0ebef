import type { TableDesign } from '../../model/table-design';
import type { AccessAnalysis } from '../access-needs';
import { findServingIndex } from '../index-resolver';

/**
 * Joins and cascades. DynamoDB has no JOIN and no foreign keys, so each is written down:
 * - many-to-one (`post.userId` → User): read the user by key, GetItem, or one BatchGetItem for a
 *   page of posts. Denormalising (copying the author's name into each post) would save that read
 *   but every profile change would then rewrite all posts; the plan fetches by key instead.
 * - one-to-many (a post's comments): Query the comments' GSI on `postId`.
 * - cascade (deleting a post deletes its comments): Query that GSI, then BatchWriteItem deletes in
 *   chunks of 25, retrying UnprocessedItems. Without the GSI the delete would have to Scan.
 */
export function planRelations(design: TableDesign, analysis: AccessAnalysis): void {
  for (const need of analysis.needs) {
    if (need.kind === 'join' && need.join) {
      const entity = design.entities[need.entity];
      if (!entity) continue;
      const index = need.join.kind === 'one-to-many' ? findServingIndex(design, need.join.entity, need.join.attribute)?.name : undefined;
      const joins = entity.joins ?? [];
      if (!joins.some((item) => item.entity === need.join!.entity && item.attribute === need.join!.attribute)) {
        joins.push({ entity: need.join.entity, attribute: need.join.attribute, kind: need.join.kind, ...(index ? { index } : {}) });
      }
      entity.joins = joins;
    }
    if (need.kind === 'delete-related' && need.cascadeFrom) {
      const parent = design.entities[need.cascadeFrom];
      if (!parent) continue;
      const attribute = need.attributes[0];
      const index = findServingIndex(design, need.entity, attribute)?.name;
      const cascade = parent.cascade ?? [];
      if (!cascade.some((item) => item.entity === need.entity && item.attribute === attribute)) {
        cascade.push({ entity: need.entity, attribute, ...(index ? { index } : {}) });
      }
      parent.cascade = cascade;
    }
  }
}
