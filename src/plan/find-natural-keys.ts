import type { AccessModel, EntityRecord } from '../model/access-model';
import type { KeyAttribute } from '../model/table-design';
import { getEntityAttributeTypes, getKeyType } from './attribute-types';

export interface NaturalKey {
  key: KeyAttribute;
  /** The id the scan reported, which stays an ordinary attribute. */
  replaces: string;
  /** Handlers that find one item by the natural key. */
  handlers: string[];
}

/**
 * Entities the app identifies by a unique natural key instead of their id: a short link found by
 * its `code` (`GET /:code`, `PATCH /api/links/:code`) while its uuid `id` is only returned. The
 * scan reports such reads as read-by-id on that attribute. When every read by key uses the same
 * attribute, nothing looks an item up by the id, and creates keep the attribute unique, that
 * attribute is the better partition key: each read is one strongly consistent GetItem, and
 * `attribute_not_exists` on the key keeps it unique with no guard item. Keyed by the id instead,
 * every read would need a guard read or a GSI query (eventually consistent: a new link could
 * 404 for a moment).
 */
export function findNaturalKeys(model: AccessModel): Map<string, NaturalKey> {
  const keys = new Map<string, NaturalKey>();
  for (const entity of model.entities) {
    const natural = findNaturalKey(model, entity);
    if (natural) keys.set(entity.name, natural);
  }
  return keys;
}

function findNaturalKey(model: AccessModel, entity: EntityRecord): NaturalKey | undefined {
  const ops = model.operations.filter((op) => op.entity === entity.name);
  const attributesOf = (attributes: string[] | undefined) => (attributes ?? []).map((name) => name.split('.').pop()!);
  const reads = ops.filter((op) => op.op === 'read-by-id');
  const named = new Set(reads.flatMap((op) => attributesOf(op.attributes)));
  if (!reads.length || named.size !== 1 || reads.some((op) => attributesOf(op.attributes).length !== 1)) return undefined;
  const [attribute] = named;
  if (attribute === entity.key.name || !entity.fields.some((field) => field.name === attribute)) return undefined;
  // anything that finds items by the id keeps the id as key
  if (ops.some((op) => op.op !== 'create' && attributesOf(op.attributes).includes(entity.key.name))) return undefined;
  if (!ops.some((op) => op.op === 'create' && op.unique?.includes(attribute))) return undefined;
  const type = getKeyType(getEntityAttributeTypes(entity, model)[attribute] ?? 'unknown');
  if (!type) return undefined;
  const handlers = [...new Set(reads.map((op) => op.handler).filter((handler): handler is string => !!handler))];
  return { key: { name: attribute, type }, replaces: entity.key.name, handlers };
}

/** The entity as the plan keys it: its natural key in place of the scanned id. */
export function withPlannedKey(entity: EntityRecord, keys: Map<string, NaturalKey>): EntityRecord {
  const natural = keys.get(entity.name);
  return natural ? { ...entity, key: { ...natural.key }, idStrategy: 'natural' } : entity;
}
