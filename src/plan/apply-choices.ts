import type { AccessModel } from '../model/access-model';
import type { TableDesign } from '../model/table-design';
import { ATTRIBUTE_TYPES, type AttributeType } from './attribute-types';
import { findServingIndex } from './index-resolver';
import { getAttributeTypes, isSingleTable } from './design-lookup';
import { getEnvVarName, getTableName } from './naming';
import { PlanUsageError } from './plan-errors';
import { createTable, getSingleTableKeys } from './rules/choose-keys';
import { hasSequentialIds, setIdStrategy, type IdChoice } from './rules/choose-id-strategy';
import { addOverloadedPath, addTableIndex } from './rules/plan-lookup-indexes';
import { addTtl } from './rules/plan-ttl';

/** What people decide on top of the derived design, by flag or by answering the questions. */
export interface PlanChoices {
  gsi: { entity: string; attribute: string; sort?: string }[];
  ttl: { entity: string; attribute: string }[];
  tableName: { target: string; name: string }[];
  idStrategy?: IdChoice;
  /** "Does this capture all your data?": entities and attributes the scan missed. */
  newEntities: string[];
  newAttributes: { entity: string; attribute: string; type: AttributeType }[];
}

export interface ChoiceFlags {
  gsi?: string[];
  ttl?: string[];
  tableName?: string[];
  idStrategy?: string;
}

export function emptyChoices(): PlanChoices {
  return { gsi: [], ttl: [], tableName: [], newEntities: [], newAttributes: [] };
}

/** Parses `--gsi Entity.attr[:sortAttr]`, `--ttl Entity.attr`, `--table-name Entity=Name`, `--id-strategy counter|uuid`. */
export function parseChoiceFlags(flags: ChoiceFlags): PlanChoices {
  const choices = emptyChoices();
  for (const spec of flags.gsi ?? []) {
    const match = /^([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)(?::([A-Za-z_$][\w$]*))?$/.exec(spec.trim());
    if (!match) throw new PlanUsageError(`--gsi ${spec}: expected Entity.attribute or Entity.attribute:sortAttribute (e.g. Todo.userId:createdAt)`);
    choices.gsi.push({ entity: match[1], attribute: match[2], ...(match[3] ? { sort: match[3] } : {}) });
  }
  for (const spec of flags.ttl ?? []) {
    const match = /^([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)$/.exec(spec.trim());
    if (!match) throw new PlanUsageError(`--ttl ${spec}: expected Entity.attribute (e.g. Session.expiresAt)`);
    choices.ttl.push({ entity: match[1], attribute: match[2] });
  }
  for (const spec of flags.tableName ?? []) {
    const match = /^([^=\s]+)=(.+)$/.exec(spec.trim());
    if (!match) throw new PlanUsageError(`--table-name ${spec}: expected Entity=TableName (e.g. Note=app-notes)`);
    choices.tableName.push({ target: match[1], name: match[2].trim() });
  }
  if (flags.idStrategy !== undefined) {
    if (flags.idStrategy !== 'counter' && flags.idStrategy !== 'uuid') throw new PlanUsageError(`--id-strategy ${flags.idStrategy}: expected counter or uuid`);
    choices.idStrategy = flags.idStrategy;
  }
  return choices;
}

export function hasChoices(choices: PlanChoices): boolean {
  return !!(choices.gsi.length || choices.ttl.length || choices.tableName.length || choices.idStrategy || choices.newEntities.length || choices.newAttributes.length);
}

/** Applies the choices to a copy of the design. Throws PlanUsageError naming the choice that cannot apply. */
export function applyChoices(design: TableDesign, model: AccessModel, choices: PlanChoices): TableDesign {
  const result: TableDesign = structuredClone(design);
  for (const name of choices.newEntities) addEntity(result, name);
  for (const item of choices.newAttributes) {
    const entity = result.entities[item.entity];
    if (!entity) throw new PlanUsageError(`${item.entity}.${item.attribute}: there is no entity ${item.entity} (entities: ${Object.keys(result.entities).join(', ')})`);
    entity.attributes = { ...(entity.attributes ?? {}), [item.attribute]: item.type };
  }
  if (choices.idStrategy) {
    for (const scanned of model.entities) {
      if (hasSequentialIds(scanned) && result.entities[scanned.name]) setIdStrategy(result, scanned.name, choices.idStrategy, scanned.key.type);
    }
  }
  for (const gsi of choices.gsi) addRequestedIndex(result, model, gsi);
  for (const ttl of choices.ttl) {
    requireAttribute(result, model, '--ttl', ttl.entity, ttl.attribute);
    const error = addTtl(result, model, ttl.entity, ttl.attribute);
    if (error) throw new PlanUsageError(`--ttl ${ttl.entity}.${ttl.attribute}: ${error}`);
  }
  for (const rename of choices.tableName) renameTableFor(result, rename.target, rename.name);
  return result;
}

function addEntity(design: TableDesign, name: string): void {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new PlanUsageError(`${name}: an entity name is singular PascalCase, e.g. Tag`);
  if (design.entities[name]) return;
  const id = { name: 'id', type: 'string' as const };
  if (isSingleTable(design) && design.tables[0]) {
    const table = design.tables[0];
    table.entities = [...(table.entities ?? [table.entity]), name];
    design.entities[name] = { table: table.name, idStrategy: 'uuid', idAttribute: id, attributes: { id: 'string' }, keys: getSingleTableKeys(name, 'id') };
    return;
  }
  const table = createTable(getTableName(name), getEnvVarName(name), name, id);
  design.tables.push(table);
  design.entities[name] = { table: table.name, idStrategy: 'uuid', idAttribute: id, attributes: { id: 'string' } };
}

function addRequestedIndex(design: TableDesign, model: AccessModel, gsi: PlanChoices['gsi'][number]): void {
  const label = `--gsi ${gsi.entity}.${gsi.attribute}${gsi.sort ? `:${gsi.sort}` : ''}`;
  requireAttribute(design, model, '--gsi', gsi.entity, gsi.attribute);
  if (gsi.sort === gsi.attribute) throw new PlanUsageError(`${label}: the sort attribute must differ from the partition attribute`);
  if (gsi.sort) requireAttribute(design, model, '--gsi', gsi.entity, gsi.sort);
  const types = getAttributeTypes(design, model, gsi.entity);
  for (const name of [gsi.attribute, gsi.sort].filter((item): item is string => !!item)) {
    if (types[name] === 'object' || types[name] === 'array' || types[name] === 'null') {
      throw new PlanUsageError(`${label}: "${name}" of entity ${gsi.entity} is ${types[name] === 'array' ? 'an array' : `a ${types[name]}`}; an index key must be text, a number, a date or a boolean`);
    }
  }
  const existing = findServingIndex(design, gsi.entity, gsi.attribute, gsi.sort);
  if (existing && (!gsi.sort || existing.sorted)) return;
  const need = { entity: gsi.entity, partition: gsi.attribute, ...(gsi.sort ? { sort: gsi.sort } : {}), reason: `asked for: ${gsi.entity} items by ${gsi.attribute}${gsi.sort ? `, ordered by ${gsi.sort}` : ''}` };
  if (isSingleTable(design)) {
    const slot = Object.keys(design.entities[gsi.entity].indexKeys ?? {}).length + 1;
    addOverloadedPath(design, model, need, slot);
  } else if (!addTableIndex(design, model, need)) {
    throw new PlanUsageError(`${label}: "${gsi.attribute}" cannot be an index key`);
  }
}

function requireAttribute(design: TableDesign, model: AccessModel, flag: string, entity: string, attribute: string): void {
  if (!design.entities[entity]) throw new PlanUsageError(`${flag} ${entity}.${attribute}: there is no entity ${entity} (entities: ${Object.keys(design.entities).join(', ') || 'none'})`);
  if (!(attribute in getAttributeTypes(design, model, entity))) {
    throw new PlanUsageError(`${flag} ${entity}.${attribute}: "${attribute}" is not an attribute of entity ${entity} (attributes: ${Object.keys(getAttributeTypes(design, model, entity)).join(', ')})`);
  }
}

/** `Note=app-notes` renames the Note table; `Counters=app-counters` renames a table by its current name. */
function renameTableFor(design: TableDesign, target: string, name: string): void {
  if (!/^[A-Za-z0-9_.-]{3,255}$/.test(name)) throw new PlanUsageError(`--table-name ${target}=${name}: a DynamoDB table name is 3 to 255 letters, digits, "_", "." or "-"`);
  const current = design.entities[target]?.table ?? design.tables.find((table) => table.name === target)?.name;
  if (!current) throw new PlanUsageError(`--table-name ${target}=${name}: there is no entity or table ${target}`);
  if (current === name) return;
  if (design.tables.some((table) => table.name === name)) throw new PlanUsageError(`--table-name ${target}=${name}: another table is already named ${name}`);
  renameTable(design, current, name);
}

/** Renames a table and every reference to it (entities, counters, guards). */
export function renameTable(design: TableDesign, from: string, to: string): void {
  for (const table of design.tables) if (table.name === from) table.name = to;
  for (const entity of Object.values(design.entities)) {
    if (entity.table === from) entity.table = to;
    if (entity.counter?.table === from) entity.counter.table = to;
    for (const unique of entity.uniqueAttributes ?? []) if (unique.table === from) unique.table = to;
  }
}

export function isAttributeType(value: string): value is AttributeType {
  return (ATTRIBUTE_TYPES as readonly string[]).includes(value);
}
