import type { EntityRecord, FieldRecord, IdStrategy, OperationRecord, StoreRecord } from '../model/access-model';
import type { EntityEvidence } from './types';

const FIELD_PRIORITY: EntityEvidence['source'][] = ['schema', 'seed', 'create', 'usage'];
/** How ids are made is best told by the code that makes them; the schema comes next. */
const ID_STRATEGY_PRIORITY: EntityEvidence['source'][] = ['create', 'schema', 'seed', 'usage'];

/** One EntityRecord per entity named by any store, operation or evidence. */
export function mergeEntityEvidence(
  evidence: EntityEvidence[],
  stores: StoreRecord[],
  operations: OperationRecord[],
): EntityRecord[] {
  const names = new Set<string>([...stores.map((s) => s.entity), ...operations.map((o) => o.entity), ...evidence.map((e) => e.entity)]);
  const entities: EntityRecord[] = [];
  for (const name of [...names].sort()) {
    const mine = evidence.filter((e) => e.entity === name);
    const byFieldPriority = sortBy(mine, FIELD_PRIORITY);
    const fields = mergeFields(byFieldPriority);
    const keyEvidence = byFieldPriority.find((e) => e.key)?.key;
    const idStrategy: IdStrategy = sortBy(mine, ID_STRATEGY_PRIORITY).find((e) => e.idStrategy && e.idStrategy !== 'unknown')?.idStrategy ?? 'unknown';
    const idField = fields.find((f) => f.name === 'id');
    // ids the database assigns (SQLite's rowid: `this.lastID`, `lastInsertRowid`) are integers, schema or not
    const numericIds = idField?.type === 'number' || idStrategy === 'autoincrement';
    const key = keyEvidence ?? { name: 'id', type: numericIds ? ('number' as const) : ('string' as const) };
    if (!fields.some((f) => f.name === key.name)) fields.unshift({ name: key.name, type: key.type });
    const relations = dedupe(mine.flatMap((e) => e.relations ?? []), (r) => `${r.field}>${r.entity}`);
    const counts = mine.map((e) => e.records).filter((n): n is number => typeof n === 'number');
    const entity: EntityRecord = { name, fields, key, idStrategy, relations };
    if (counts.length > 0) entity.records = Math.max(...counts);
    entities.push(entity);
  }
  return entities;
}

function mergeFields(evidence: EntityEvidence[]): FieldRecord[] {
  const fields: FieldRecord[] = [];
  for (const item of evidence) {
    for (const field of item.fields ?? []) {
      const existing = fields.find((f) => f.name === field.name);
      if (!existing) fields.push(field.type ? { name: field.name, type: field.type } : { name: field.name });
      else if (!existing.type && field.type) existing.type = field.type;
    }
  }
  return fields;
}

function sortBy(evidence: EntityEvidence[], priority: EntityEvidence['source'][]): EntityEvidence[] {
  return [...evidence].sort((a, b) => priority.indexOf(a.source) - priority.indexOf(b.source));
}

function dedupe<T>(items: T[], keyOf: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(keyOf(item))) seen.set(keyOf(item), item);
  return [...seen.values()].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
}
