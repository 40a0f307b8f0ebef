import type { AccessModel } from '../../model/access-model';
import type { TableDesign } from '../../model/table-design';
import type { AccessAnalysis } from '../access-needs';
import { findEntityTable, getAttributeTypes } from '../design-lookup';

/**
 * TTL. DynamoDB deletes an item some time (often within a few days, with no guarantee) after
 * the epoch-seconds time in the table's TTL attribute. The app's own expiry field stays as it is
 * (an ISO date, a Date or milliseconds would all be wrong as TTL); a derived `ttl` attribute
 * holds the same time in whole seconds. Because deletion is delayed, every read still drops
 * items whose time has passed, exactly as the app's own filter did.
 */
export function planTtl(design: TableDesign, model: AccessModel, analysis: AccessAnalysis): string[] {
  const notes: string[] = [];
  for (const [entity, attributes] of analysis.ttl) {
    if (!design.entities[entity]) continue;
    const error = addTtl(design, model, entity, attributes[0]);
    if (error) notes.push(`TTL for ${entity}: ${error}`);
    if (attributes.length > 1) notes.push(`${entity} expires on ${attributes.join(', ')}; a table has one TTL attribute, so only ${attributes[0]} drives deletion.`);
  }
  return notes;
}

/** Makes `attribute` of the entity drive TTL deletion. Returns an error message when it cannot hold a time. */
export function addTtl(design: TableDesign, model: AccessModel, entityName: string, attribute: string): string | undefined {
  const entity = design.entities[entityName];
  const table = findEntityTable(design, entityName);
  if (!entity || !table) return `entity ${entityName} has no table`;
  const types = getAttributeTypes(design, model, entityName);
  const type = types[attribute];
  if (type === undefined) return `"${attribute}" is not an attribute of entity ${entityName}`;
  if (type === 'boolean' || type === 'object' || type === 'array' || type === 'null') {
    return `"${attribute}" of entity ${entityName} is ${type === 'array' ? 'an' : 'a'} ${type}, not a time`;
  }
  const derived = (entity.derivedAttributes ?? []).filter((item) => item.as !== 'epoch-seconds');
  const name = pickTtlName(table.ttlAttribute, types, attribute, entity.derivedAttributes ?? []);
  derived.push({ name, as: 'epoch-seconds', from: attribute });
  entity.derivedAttributes = derived;
  table.ttlAttribute = name;
  return undefined;
}

function pickTtlName(current: string | undefined, types: Record<string, string>, source: string, derived: { name: string; as: string }[]): string {
  const isFree = (name: string) => !(name in types) || derived.some((item) => item.name === name && item.as === 'epoch-seconds');
  if (current && isFree(current)) return current; // one TTL attribute per table (single-table layout shares it)
  if (isFree('ttl')) return 'ttl';
  return `${source}EpochSeconds`;
}
