import type { AccessModel } from '../../model/access-model';
import { toEntityName } from '../naming';

/**
 * Reasons a sharded scan's model may differ from one scan of the whole project, found in the
 * merged model; when there is one, the caller scans the whole project instead. Two inferences of
 * the scanner work by name across the whole project, not along imports, so shards can miss them:
 * - relations: a field `userId` / `user_id` is a relation only when an entity `User` exists
 *   anywhere in the project (the shard that sees the field may not see the entity);
 * - SQL tables: one table name used over connections in unrelated files is one store, named
 *   after the connection the whole project settles on.
 */
export function findWholeProjectNeeds(model: AccessModel): string[] {
  const reasons: string[] = [];
  const entities = new Set(model.entities.map((entity) => entity.name));
  for (const entity of model.entities) {
    for (const field of entity.fields) {
      const reference = /^(.+?)_?(id|Id|ID)$/.exec(field.name)?.[1];
      if (!reference) continue;
      const target = toEntityName(reference);
      if (target !== entity.name && entities.has(target)) reasons.push(`${entity.name}.${field.name} may refer to ${target}`);
    }
  }
  const databasesOfTable = new Map<string, Set<string>>();
  for (const id of [...model.stores.map((store) => store.id), ...model.operations.map((op) => op.store)]) {
    const sql = /^sqlite:(.*)#([^#]+)$/.exec(id);
    if (!sql) continue;
    const databases = databasesOfTable.get(sql[2]) ?? new Set<string>();
    databases.add(sql[1]);
    databasesOfTable.set(sql[2], databases);
  }
  for (const [table, databases] of databasesOfTable) {
    if (databases.size > 1) reasons.push(`SQL table ${table} is used over ${databases.size} connections`);
  }
  return reasons;
}
