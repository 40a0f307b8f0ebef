/**
 * The pass before any write: every record is read and turned into its items, and whatever
 * DynamoDB would reject or silently merge is listed — records without their key, keys (and
 * unique values) that repeat, items over 400 KB, seed records that cannot be evaluated. It also
 * counts the items per table and finds the highest id of each counter.
 */
import { getTemplateAttributes } from '../plan/design-lookup';
import { canonicalJson } from './checksum';
import { formatKey, getItemKey, type EntityPlan } from './entityPlan';
import { readPreparedRecords, type MigrationContext, type SourceEntry } from './sourceEntries';

export interface InvalidRecord {
  entity: string;
  /** The source's label (`data/notes.json`). */
  source: string;
  ref: string;
  key?: string;
  problems: string[];
}

export interface TableTally {
  /** Items the sources give this table. */
  expected: number;
  sources: Set<string>;
}

export interface CounterPlan {
  plan: EntityPlan & { counter: NonNullable<EntityPlan['counter']> };
  /** Highest numeric id among the valid records; undefined when there is none. */
  max?: number;
}

export interface Validation {
  invalid: InvalidRecord[];
  /** Per source entry key: indexes of records not to write. */
  skip: Map<string, Set<number>>;
  /** Per source entry key: records read. */
  records: Map<string, number>;
  /** Per physical table. */
  tables: Map<string, TableTally>;
  counters: CounterPlan[];
  /** Physical table names in design order (for reports). */
  order: string[];
}

export async function validateSources(ctx: MigrationContext, entries: SourceEntry[], onRecord?: (entry: SourceEntry, count: number) => void): Promise<Validation> {
  const validation: Validation = { invalid: [], skip: new Map(), records: new Map(), tables: new Map(), counters: [], order: [...ctx.tables.values()].map((table) => table.name) };
  const seen = new Map<string, Map<string, string>>();
  const maxIds = new Map<string, number>();
  for (const entry of entries) {
    for (const problem of entry.source.problems) validation.invalid.push({ entity: problem.entity, source: entry.source.label, ref: problem.ref, problems: [problem.message] });
    const skip = new Set<number>();
    validation.skip.set(entry.key, skip);
    const tracked = getTrackedFamilies(entry, entries);
    let count = 0;
    for await (const { index, prepared } of readPreparedRecords(ctx, entry)) {
      count += 1;
      onRecord?.(entry, count);
      const problems = [...prepared.problems];
      if (!problems.length) {
        for (const item of prepared.items) {
          if (!tracked.has(item.role)) continue;
          const family = `${item.table.name}|${entry.plan.entity}|${item.role}`;
          const keys = seen.get(family) ?? new Map<string, string>();
          seen.set(family, keys);
          const key = canonicalJson(getItemKey(item.table.design, item.item));
          const earlier = keys.get(key);
          if (earlier === undefined) keys.set(key, prepared.ref);
          else if (item.role === 'item') problems.push(`duplicate key ${formatKey(getItemKey(item.table.design, item.item))}: ${earlier} has the same key (only one item per key can exist)`);
          else {
            const attribute = item.role.replace('guard for ', '');
            problems.push(`duplicate ${attribute} ${JSON.stringify(item.value)}: ${earlier} has the same ${attribute}, which the app keeps unique`);
          }
        }
      }
      if (problems.length) {
        skip.add(index);
        validation.invalid.push({ entity: entry.plan.entity, source: entry.source.label, ref: prepared.ref, ...(prepared.keyText ? { key: prepared.keyText } : {}), problems });
        continue;
      }
      for (const item of prepared.items) {
        const tally = validation.tables.get(item.table.name) ?? { expected: 0, sources: new Set<string>() };
        tally.expected += 1;
        tally.sources.add(entry.source.label);
        validation.tables.set(item.table.name, tally);
      }
      if (entry.plan.counter && typeof prepared.id === 'number' && Number.isFinite(prepared.id)) {
        maxIds.set(entry.plan.entity, Math.max(maxIds.get(entry.plan.entity) ?? Number.NEGATIVE_INFINITY, prepared.id));
      }
    }
    validation.records.set(entry.key, count);
  }
  const countered = new Set<string>();
  for (const entry of entries) {
    const plan = entry.plan;
    if (!plan.counter || countered.has(plan.entity)) continue;
    countered.add(plan.entity);
    const max = maxIds.get(plan.entity);
    validation.counters.push({ plan: plan as CounterPlan['plan'], ...(max !== undefined ? { max } : {}) });
    if (max !== undefined) {
      const tally = validation.tables.get(plan.counter.table.name) ?? { expected: 0, sources: new Set<string>() };
      tally.expected += 1;
      tally.sources.add(`highest ${plan.entity} id`);
      validation.tables.set(plan.counter.table.name, tally);
    }
  }
  return validation;
}

/**
 * Item roles whose keys must be tracked for duplicates. A SQLite PRIMARY KEY or UNIQUE column
 * already guarantees distinct keys when the entity has this one source, and tracking costs
 * memory per record.
 */
function getTrackedFamilies(entry: SourceEntry, entries: SourceEntry[]): Set<string> {
  const roles = new Set<string>(['item', ...(entry.plan.design.uniqueAttributes ?? []).map((unique) => `guard for ${unique.attribute}`)]);
  const alone = entries.filter((other) => other.plan.entity === entry.plan.entity).length === 1;
  const unique = entry.source.uniqueColumns ?? [];
  if (!alone || !unique.length) return roles;
  const covered = (attributes: string[]) => unique.some((columns) => columns.every((column) => attributes.includes(column)));
  const entity = entry.plan.design;
  const table = entry.plan.table.design;
  const itemKey = entity.keys ? [entity.keys.partitionKey, entity.keys.sortKey ?? ''].flatMap(getTemplateAttributes) : [table.partitionKey.name, ...(table.sortKey ? [table.sortKey.name] : [])];
  if (covered(itemKey)) roles.delete('item');
  for (const guard of entity.uniqueAttributes ?? []) {
    if (covered(Object.values(guard.key).flatMap(getTemplateAttributes))) roles.delete(`guard for ${guard.attribute}`);
  }
  return roles;
}
