import type { AccessModel } from '../model/access-model';
import type { TableDesign } from '../model/table-design';
import { ATTRIBUTE_TYPES } from './attribute-types';
import { getAttributeTypes, getTemplateAttributes } from './design-lookup';
import { isObject } from './json';

const ID_STRATEGIES = ['uuid', 'counter', 'client', 'natural', 'app'];
const DERIVED_KINDS = ['epoch-seconds', 'string', 'constant'];

/** Checks `entities.<name>` of a hand-edited design; each problem names its JSON path. */
export function validateEntity(design: TableDesign, model: AccessModel, name: string, value: unknown, add: (path: string, message: string) => void): void {
  const path = `entities.${name}`;
  if (!isObject(value)) return add(path, 'must be an object with table and idStrategy');
  const tableNames = design.tables.map((table) => table.name);
  const hasTable = (table: unknown) => typeof table === 'string' && tableNames.includes(table);
  if (!hasTable(value.table)) add(`${path}.table`, `${JSON.stringify(value.table)} is not a table of the design (tables: ${tableNames.join(', ') || 'none'})`);
  if (typeof value.idStrategy !== 'string' || !ID_STRATEGIES.includes(value.idStrategy)) {
    add(`${path}.idStrategy`, `${JSON.stringify(value.idStrategy)} is not one of ${ID_STRATEGIES.join(', ')}`);
  }
  if (isObject(value.attributes)) {
    for (const [attribute, type] of Object.entries(value.attributes)) {
      if (!(ATTRIBUTE_TYPES as readonly unknown[]).includes(type)) add(`${path}.attributes.${attribute}`, `${JSON.stringify(type)} is not one of ${ATTRIBUTE_TYPES.join(', ')}`);
    }
  } else if (value.attributes !== undefined) add(`${path}.attributes`, 'must be an object: attribute name → type');
  if (value.idAttribute !== undefined && (!isObject(value.idAttribute) || typeof value.idAttribute.name !== 'string' || !['string', 'number'].includes(value.idAttribute.type as string))) {
    add(`${path}.idAttribute`, 'must be { "name": …, "type": "string" | "number" }');
  }
  if (value.idStrategy === 'uuid' && isObject(value.idAttribute) && value.idAttribute.type === 'number') {
    add(`${path}.idStrategy`, `"uuid" makes text ids but idAttribute.type is "number" (\`plan --id-strategy uuid\` changes both, and the key type)`);
  }
  const types = getAttributeTypes(design, model, name);
  const isAttribute = (attribute: unknown): attribute is string => typeof attribute === 'string' && attribute in types;
  const notAttribute = (attribute: unknown) => `${JSON.stringify(attribute)} is not an attribute of entity ${name}`;

  if (value.idStrategy === 'counter') {
    const counter = value.counter;
    if (!isObject(counter)) add(`${path}.counter`, 'missing: idStrategy "counter" needs a counter item { table, key, attribute }');
    else {
      if (!hasTable(counter.table)) add(`${path}.counter.table`, `${JSON.stringify(counter.table)} is not a table of the design`);
      if (!isObject(counter.key) || !Object.keys(counter.key).length) add(`${path}.counter.key`, 'must name the key of the counter item');
      if (typeof counter.attribute !== 'string' || !counter.attribute) add(`${path}.counter.attribute`, 'must name the attribute that holds the last id');
    }
  }
  eachItem(value.uniqueAttributes, `${path}.uniqueAttributes`, add, (item, itemPath) => {
    if (!isAttribute(item.attribute)) add(`${itemPath}.attribute`, notAttribute(item.attribute));
    if (!hasTable(item.table)) add(`${itemPath}.table`, `${JSON.stringify(item.table)} is not a table of the design`);
    if (!isObject(item.key)) add(`${itemPath}.key`, 'must map the guard table key attributes to templates');
    else checkTemplates(item.key, `${itemPath}.key`, types, name, add);
    if (!['guard', 'index', 'none'].includes(item.lookup as string)) add(`${itemPath}.lookup`, `${JSON.stringify(item.lookup)} must be "guard", "index" or "none"`);
    if (item.index !== undefined && !tableHasIndex(design, value.table, item.index)) add(`${itemPath}.index`, `${JSON.stringify(item.index)} is not a GSI of table ${value.table}`);
  });
  eachItem(value.derivedAttributes, `${path}.derivedAttributes`, add, (item, itemPath) => {
    if (typeof item.name !== 'string' || !item.name) add(`${itemPath}.name`, 'missing: the derived attribute needs a name');
    if (!DERIVED_KINDS.includes(item.as as string)) add(`${itemPath}.as`, `${JSON.stringify(item.as)} must be one of ${DERIVED_KINDS.join(', ')}`);
    if (item.as === 'constant' && typeof item.value !== 'string') add(`${itemPath}.value`, 'missing: a constant attribute needs a value');
    if (item.as !== 'constant' && !isAttribute(item.from)) add(`${itemPath}.from`, notAttribute(item.from));
  });
  if (value.keys !== undefined) {
    if (!isObject(value.keys) || typeof value.keys.partitionKey !== 'string') add(`${path}.keys`, 'must be { "partitionKey": template, "sortKey"?: template }');
    else checkTemplates(value.keys, `${path}.keys`, types, name, add);
  }
  if (value.indexKeys !== undefined) {
    if (!isObject(value.indexKeys)) add(`${path}.indexKeys`, 'must map GSI names to key templates');
    else {
      for (const [index, keys] of Object.entries(value.indexKeys)) {
        if (!tableHasIndex(design, value.table, index)) add(`${path}.indexKeys.${index}`, `no GSI named "${index}" in table ${value.table}`);
        if (!isObject(keys) || typeof keys.partitionKey !== 'string') add(`${path}.indexKeys.${index}`, 'must be { "partitionKey": template, "sortKey"?: template }');
        else checkTemplates(keys, `${path}.indexKeys.${index}`, types, name, add);
      }
    }
  }
  if (value.pagination !== undefined && value.pagination !== 'cursor') add(`${path}.pagination`, `${JSON.stringify(value.pagination)} must be "cursor" (or absent)`);
  eachItem(value.cascade, `${path}.cascade`, add, (item, itemPath) => checkRelated(design, model, item, itemPath, name, 'one-to-many', add));
  eachItem(value.joins, `${path}.joins`, add, (item, itemPath) => {
    if (item.kind !== 'many-to-one' && item.kind !== 'one-to-many') add(`${itemPath}.kind`, `${JSON.stringify(item.kind)} must be "many-to-one" or "one-to-many"`);
    checkRelated(design, model, item, itemPath, name, item.kind === 'many-to-one' ? 'many-to-one' : 'one-to-many', add);
  });
}

function eachItem(value: unknown, path: string, add: (path: string, message: string) => void, check: (item: Record<string, unknown>, path: string) => void): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) return add(path, 'must be an array');
  value.forEach((item, index) => (isObject(item) ? check(item, `${path}[${index}]`) : add(`${path}[${index}]`, 'must be an object')));
}

function checkTemplates(keys: Record<string, unknown>, path: string, types: Record<string, string>, entity: string, add: (path: string, message: string) => void): void {
  for (const [key, template] of Object.entries(keys)) {
    if (typeof template !== 'string') {
      add(`${path}.${key}`, 'must be a key template such as "NOTE#{id}"');
      continue;
    }
    for (const attribute of getTemplateAttributes(template)) {
      if (!(attribute in types)) add(`${path}.${key}`, `"${template}" refers to "${attribute}", which is not an attribute of entity ${entity}`);
    }
  }
}

/** A join or cascade names another entity and the attribute holding the key (on this side for many-to-one). */
function checkRelated(
  design: TableDesign,
  model: AccessModel,
  item: Record<string, unknown>,
  path: string,
  entity: string,
  kind: 'many-to-one' | 'one-to-many',
  add: (path: string, message: string) => void,
): void {
  if (typeof item.entity !== 'string' || !design.entities[item.entity]) return add(`${path}.entity`, `${JSON.stringify(item.entity)} is not an entity of the design`);
  const holder = kind === 'many-to-one' ? entity : item.entity;
  if (typeof item.attribute !== 'string' || !(item.attribute in getAttributeTypes(design, model, holder))) {
    add(`${path}.attribute`, `${JSON.stringify(item.attribute)} is not an attribute of entity ${holder}`);
  }
  if (item.index !== undefined && !tableHasIndex(design, design.entities[item.entity].table, item.index)) {
    add(`${path}.index`, `${JSON.stringify(item.index)} is not a GSI of table ${design.entities[item.entity].table}`);
  }
}

/** True also when the table itself is missing: that is reported once, at the reference to the table. */
function tableHasIndex(design: TableDesign, table: unknown, index: unknown): boolean {
  const found = design.tables.find((item) => item?.name === table);
  return !found || (Array.isArray(found.gsis) && found.gsis.some((gsi) => gsi?.name === index));
}
