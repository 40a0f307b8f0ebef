import type { TableDesign, UniqueAttributeDesign } from '../../model/table-design';
import type { AccessAnalysis, AccessNeed } from '../access-needs';
import { isSingleTable } from '../design-lookup';
import { findServingIndex } from '../index-resolver';
import { getKeyPrefix, toUpperSnake } from '../naming';
import { ensureHelperTable, getHelperKeyName } from './helper-tables';

/**
 * Uniqueness. A DynamoDB table is unique only on its key, so "no two users share an email" needs a
 * guard item keyed by the email, written with `attribute_not_exists` before the user item
 * (and deleted again if that put fails). A GSI cannot enforce uniqueness: its reads are
 * eventually consistent, so two signups racing would both pass a check.
 *
 * The guard item stores the id, so an exact lookup by email reads the guard and then the item,
 * both strongly consistent (a user who just signed up can log in at once) and no GSI is needed.
 * A GSI is still planned when the app reads by that attribute in another way: combined with
 * other conditions, sorted, or paged.
 */
export function planUniqueness(design: TableDesign, analysis: AccessAnalysis): void {
  for (const [entityName, attributes] of analysis.unique) {
    const entity = design.entities[entityName];
    if (!entity) continue;
    for (const attribute of attributes) {
      if (attribute === entity.idAttribute?.name) continue; // the key is unique already (conditional put on the id)
      addUniqueAttribute(design, entityName, attribute, getUniqueLookup(analysis.needs, entityName, attribute));
    }
  }
}

export function getUniqueLookup(needs: AccessNeed[], entity: string, attribute: string): UniqueAttributeDesign['lookup'] {
  const lookups = needs.filter((need) => need.entity === entity && need.kind === 'lookup' && need.attributes.includes(attribute));
  if (!lookups.length) return 'none';
  const exact = lookups.every((need) => need.attributes.length === 1 && !need.sort && !need.pagination);
  return exact ? 'guard' : 'index';
}

export function addUniqueAttribute(design: TableDesign, entityName: string, attribute: string, lookup: UniqueAttributeDesign['lookup']): void {
  const entity = design.entities[entityName];
  const list = entity.uniqueAttributes ?? [];
  if (list.some((item) => item.attribute === attribute)) return;
  const table = ensureHelperTable(design, 'unique-values', entityName);
  let key: Record<string, string>;
  if (isSingleTable(design)) {
    const template = `UNIQUE#${getKeyPrefix(entityName)}#${toUpperSnake(attribute)}#{${attribute}}`;
    key = { [table.partitionKey.name]: template, [table.sortKey?.name ?? 'SK']: template };
  } else {
    key = { [getHelperKeyName(table)]: `${entityName}#${attribute}#{${attribute}}` };
  }
  list.push({ attribute, table: table.name, key, lookup });
  entity.uniqueAttributes = list;
}

/** After the indexes exist: name the index each 'index' lookup of a unique attribute uses. */
export function linkUniqueIndexes(design: TableDesign): void {
  for (const [entityName, entity] of Object.entries(design.entities)) {
    for (const unique of entity.uniqueAttributes ?? []) {
      if (unique.lookup !== 'index') continue;
      const index = findServingIndex(design, entityName, unique.attribute);
      if (index) unique.index = index.name;
      else delete unique.index;
    }
  }
}
