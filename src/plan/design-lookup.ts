import type { AccessModel } from '../model/access-model';
import type { EntityDesign, TableDesign, TableDesignEntry, TablePurpose } from '../model/table-design';
import { getEntityAttributeTypes, type AttributeType } from './attribute-types';
import { isObject } from './json';

/** Small readers over a (possibly hand-edited) design, shared by the rules. */

export function getTablePurpose(table: TableDesignEntry): TablePurpose {
  return table.purpose ?? 'entity';
}

export function findTable(design: TableDesign, name: string | undefined): TableDesignEntry | undefined {
  return name === undefined ? undefined : design.tables.find((table) => table.name === name);
}

/** The table an entity's items live in. */
export function findEntityTable(design: TableDesign, entity: string): TableDesignEntry | undefined {
  return findTable(design, design.entities[entity]?.table);
}

export function findHelperTable(design: TableDesign, purpose: 'counters' | 'unique-values'): TableDesignEntry | undefined {
  return design.tables.find((table) => table.purpose === purpose);
}

export function isSingleTable(design: TableDesign): boolean {
  return design.layout === 'single-table';
}

/**
 * Every attribute an entity's items may carry, with its type: the design's `attributes` (which
 * people may extend), the scanned fields, the id and the derived attributes.
 */
export function getAttributeTypes(design: TableDesign, model: AccessModel, entity: string): Record<string, AttributeType> {
  const scanned = model.entities.find((record) => record.name === entity);
  const types: Record<string, AttributeType> = scanned ? getEntityAttributeTypes(scanned, model) : {};
  // Read defensively: the entry may come from a hand-edited file that validation is about to reject.
  const entry: EntityDesign | undefined = isObject(design.entities?.[entity]) ? design.entities[entity] : undefined;
  if (isObject(entry?.attributes)) for (const [name, type] of Object.entries(entry.attributes)) types[name] = type as AttributeType;
  if (isObject(entry?.idAttribute) && typeof entry.idAttribute.name === 'string') types[entry.idAttribute.name] = entry.idAttribute.type;
  for (const derived of Array.isArray(entry?.derivedAttributes) ? entry.derivedAttributes : []) {
    if (isObject(derived) && typeof derived.name === 'string') types[derived.name] = derived.as === 'epoch-seconds' ? 'number' : 'string';
  }
  return types;
}

/** The app's id attribute of an entity, from the design or the scan. */
export function getIdAttribute(design: TableDesign, model: AccessModel, entity: string): { name: string; type: 'string' | 'number' } {
  const fromDesign = design.entities[entity]?.idAttribute;
  if (fromDesign) return fromDesign;
  const scanned = model.entities.find((record) => record.name === entity);
  return scanned ? scanned.key : { name: 'id', type: 'string' };
}

/** Placeholders of a key template: `TODO#{completed}#{createdAt:pad}` → ['completed', 'createdAt']. */
export function getTemplateAttributes(template: string): string[] {
  return [...template.matchAll(/\{([^}:]+)(?::[^}]*)?\}/g)].map((match) => match[1]);
}
