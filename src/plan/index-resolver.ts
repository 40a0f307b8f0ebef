import type { TableDesign } from '../model/table-design';
import { findEntityTable, getTemplateAttributes, isSingleTable } from './design-lookup';

export interface ServingIndex {
  name: string;
  /** The index's sort key orders the results by the requested sort attribute. */
  sorted: boolean;
}

/**
 * The GSI of an entity's table that answers "items where `attribute` = ?" (or, with attribute
 * null, "every item of the entity"), preferring one sorted on `sort`. Works on hand-edited designs:
 * it reads the GSIs as they are, so a removed index means no index serves the pattern.
 */
export function findServingIndex(design: TableDesign, entityName: string, attribute: string | null, sort?: string): ServingIndex | undefined {
  const entity = design.entities[entityName];
  const table = findEntityTable(design, entityName);
  if (!entity || !table) return undefined;
  const matches: ServingIndex[] = [];
  if (isSingleTable(design)) {
    for (const [name, keys] of Object.entries(entity.indexKeys ?? {})) {
      if (!table.gsis.some((gsi) => gsi.name === name)) continue;
      const partition = getTemplateAttributes(keys.partitionKey);
      const served = attribute === null ? partition.length === 0 : partition.length === 1 && partition[0] === attribute;
      if (served) matches.push({ name, sorted: !!sort && getTemplateAttributes(keys.sortKey ?? '')[0] === sort });
    }
  } else {
    const derived = entity.derivedAttributes ?? [];
    const holds = (keyName: string | undefined, source: string) =>
      keyName === source || derived.some((item) => item.name === keyName && item.as === 'string' && item.from === source);
    for (const gsi of table.gsis) {
      const served =
        attribute === null
          ? derived.some((item) => item.name === gsi.partitionKey.name && item.as === 'constant')
          : holds(gsi.partitionKey.name, attribute);
      if (served) matches.push({ name: gsi.name, sorted: !!sort && holds(gsi.sortKey?.name, sort) });
    }
  }
  return matches.find((match) => match.sorted) ?? matches[0];
}

/**
 * The table itself answers "items where `attribute` = ?" when its sort key splits an entity's
 * items under that partition key (a composite key such as post_id + tag_id): a Query on the
 * table, strongly consistent, sorted when `sort` is the sort key. Undefined otherwise.
 */
export function findServingTableKey(design: TableDesign, entityName: string, attribute: string | null, sort?: string): { sorted: boolean } | undefined {
  const entity = design.entities[entityName];
  const table = findEntityTable(design, entityName);
  if (!entity || !table?.sortKey || attribute === null) return undefined;
  if (isSingleTable(design)) {
    const keys = entity.keys;
    if (!keys?.sortKey || keys.sortKey === keys.partitionKey) return undefined;
    const partition = getTemplateAttributes(keys.partitionKey);
    if (partition.length !== 1 || partition[0] !== attribute) return undefined;
    return { sorted: !!sort && getTemplateAttributes(keys.sortKey)[0] === sort };
  }
  if (table.partitionKey.name !== attribute) return undefined;
  return { sorted: !!sort && table.sortKey.name === sort };
}
