import type { AccessModel, EntityRecord, KeyType } from '../model/access-model';

/** Types the design records for an attribute (`entities.<E>.attributes`). */
export type AttributeType = 'string' | 'number' | 'boolean' | 'date' | 'object' | 'array' | 'null' | 'unknown';

export const ATTRIBUTE_TYPES: readonly AttributeType[] = ['string', 'number', 'boolean', 'date', 'object', 'array', 'null', 'unknown'];

/**
 * Maps a scanner type (`string`, `number`, a TS type text such as `string | undefined`, `Date`,
 * `'low' | 'high'`, `number[]`) to the type DynamoDB will see once the item is stored.
 */
export function normaliseFieldType(type: string | undefined): AttributeType {
  if (!type) return 'unknown';
  const parts = type
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part && part !== 'undefined' && part !== 'null');
  if (parts.length === 0) return type.includes('null') ? 'null' : 'unknown';
  const kinds = new Set(parts.map(classifyTypePart));
  return kinds.size === 1 ? [...kinds][0] : 'unknown';
}

function classifyTypePart(part: string): AttributeType {
  if (/^(string|String)$/.test(part) || /^(['"`]).*\1$/.test(part)) return 'string';
  if (/^(number|Number|bigint|integer|int|float|real)$/.test(part) || /^-?\d+(\.\d+)?$/.test(part)) return 'number';
  if (/^(boolean|Boolean|true|false)$/.test(part)) return 'boolean';
  if (/^(Date|date|datetime|timestamp)$/.test(part)) return 'date';
  if (/\[\]$/.test(part) || /^(Array|ReadonlyArray)</.test(part) || part === 'array') return 'array';
  if (part === 'object' || part.startsWith('{') || /^Record</.test(part)) return 'object';
  if (part === 'null') return 'null';
  return /^(text|varchar|char)/i.test(part) ? 'string' : 'unknown';
}

/**
 * The DynamoDB key type an attribute of this type can have, or undefined when DynamoDB cannot use
 * it as a key (booleans, maps, lists): such an attribute needs a derived string copy.
 * Dates are stored as ISO-8601 text, which sorts in time order. Unknown types are taken as text.
 */
export function getKeyType(type: AttributeType): KeyType | undefined {
  if (type === 'number') return 'number';
  if (type === 'string' || type === 'date' || type === 'unknown') return 'string';
  return undefined;
}

/**
 * Attribute name → type for an entity of the access model, the id first. A foreign key of unknown
 * type takes the type of the id it points to.
 */
export function getEntityAttributeTypes(entity: EntityRecord, model?: AccessModel): Record<string, AttributeType> {
  const types: Record<string, AttributeType> = { [entity.key.name]: entity.key.type };
  for (const field of entity.fields) {
    if (field.name === entity.key.name) continue;
    types[field.name] = normaliseFieldType(field.type);
  }
  for (const relation of entity.relations) {
    if (types[relation.field] && types[relation.field] !== 'unknown') continue;
    const target = model?.entities.find((other) => other.name === relation.entity);
    types[relation.field] = target ? target.key.type : 'unknown';
  }
  return types;
}
