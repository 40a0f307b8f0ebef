import type { AccessModel } from '../model/access-model';
import type { TableDesign } from '../model/table-design';
import { getAttributeTypes } from './design-lookup';
import type { DesignError } from './plan-errors';
import { isObject, type JsonObject } from './json';
import { ACTION_ORDER } from './resolve-requests';
import { validateEntity } from './validate-entity';
import { validateImportSource } from './validate-import-source';

const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
const ENV_VAR = /^[A-Z][A-Z0-9_]*$/;
const KEY_TYPES = ['string', 'number'];
const PURPOSES = ['entity', 'single-table', 'counters', 'unique-values'];
const MAX_GSIS = 20; // default DynamoDB quota per table


/**
 * Every reason the design (as read from `.migration/dynamodb.json`, possibly hand-edited) cannot
 * be built or used, each naming the JSON path: `tables[0].gsis[1].partitionKey.name: "colour" is
 * not an attribute of entity Note`. Accepts any JSON value; an empty list means valid.
 */
export function validateDesign(value: unknown, model: AccessModel): DesignError[] {
  const errors: DesignError[] = [];
  const add = (path: string, message: string) => errors.push({ path, message });
  if (!isObject(value)) return [{ path: '(root)', message: 'must be a JSON object with version, tables, entities and handlers' }];
  if (value.version !== 1) add('version', `${JSON.stringify(value.version)} is not a supported version (expected 1)`);
  if (value.layout !== undefined && value.layout !== 'table-per-entity' && value.layout !== 'single-table') {
    add('layout', `${JSON.stringify(value.layout)} must be "table-per-entity" or "single-table"`);
  }
  if (!Array.isArray(value.tables)) add('tables', 'must be an array of tables');
  if (!isObject(value.entities)) add('entities', 'must be an object: entity name → { table, idStrategy, … }');
  if (value.handlers !== undefined && !Array.isArray(value.handlers)) add('handlers', 'must be an array');
  if (errors.length) return errors;
  const design = value as unknown as TableDesign;
  design.tables.forEach((table, index) => validateTable(design, model, table as unknown, `tables[${index}]`, add));
  validateNames(design, add);
  for (const scanned of model.entities) {
    if (!design.entities[scanned.name]) add(`entities.${scanned.name}`, `missing: the code stores ${scanned.name} items, so the design needs an entry for it`);
  }
  for (const [name, entity] of Object.entries(design.entities)) validateEntity(design, model, name, entity as unknown, add);
  (design.handlers ?? []).forEach((handler, index) => validateHandler(design, handler as unknown, `handlers[${index}]`, add));
  return errors;
}

function validateTable(design: TableDesign, model: AccessModel, value: unknown, path: string, add: (path: string, message: string) => void): void {
  if (!isObject(value)) return add(path, 'must be an object');
  const name = value.name;
  if (typeof name !== 'string') add(`${path}.name`, 'missing: every table needs a name');
  else if (!TABLE_NAME.test(name)) add(`${path}.name`, `"${name}" is not a valid DynamoDB table name (3 to 255 letters, digits, "_", "." or "-")`);
  if (typeof value.envVar !== 'string') add(`${path}.envVar`, 'missing: the app reads the table name from this environment variable');
  else if (!ENV_VAR.test(value.envVar)) add(`${path}.envVar`, `"${value.envVar}" must be UPPER_SNAKE_CASE, e.g. NOTES_TABLE_NAME`);
  const purpose = value.purpose ?? 'entity';
  if (typeof purpose !== 'string' || !PURPOSES.includes(purpose)) add(`${path}.purpose`, `${JSON.stringify(purpose)} must be one of ${PURPOSES.join(', ')}`);
  const entityName = value.entity;
  if (typeof entityName !== 'string') add(`${path}.entity`, 'missing: the entity stored in the table');
  else if (purpose === 'entity' && !design.entities[entityName]) add(`${path}.entity`, `"${entityName}" is not an entity of the design (entities: ${Object.keys(design.entities).join(', ') || 'none'})`);
  const holdsEntity = purpose === 'entity' && typeof entityName === 'string' && !!design.entities[entityName];
  const types = holdsEntity ? getAttributeTypes(design, model, entityName as string) : undefined;
  const describe = (attribute: string) => `"${attribute}" is not an attribute of entity ${entityName}`;
  validateKey(value.partitionKey, `${path}.partitionKey`, true, types, describe, add);
  if (value.sortKey !== undefined) validateKey(value.sortKey, `${path}.sortKey`, false, types, describe, add);
  if (holdsEntity && isObject(value.partitionKey)) {
    const id = design.entities[entityName as string].idAttribute;
    if (id && typeof value.partitionKey.name === 'string' && value.partitionKey.name !== id.name) {
      add(`${path}.partitionKey.name`, `"${value.partitionKey.name}" is not the id of entity ${entityName} ("${id.name}"): reads by id need the id as partition key (change entities.${entityName}.idAttribute too if the key really changed)`);
    }
  }
  if (!Array.isArray(value.gsis)) add(`${path}.gsis`, 'must be an array (empty when the table has no GSI)');
  else {
    if (value.gsis.length > MAX_GSIS) add(`${path}.gsis`, `${value.gsis.length} GSIs; DynamoDB allows ${MAX_GSIS} per table by default`);
    const seen = new Map<string, number>();
    value.gsis.forEach((gsi, index) => {
      const gsiPath = `${path}.gsis[${index}]`;
      if (!isObject(gsi)) return add(gsiPath, 'must be an object with name, partitionKey and projection');
      if (typeof gsi.name !== 'string' || !TABLE_NAME.test(gsi.name)) add(`${gsiPath}.name`, `${JSON.stringify(gsi.name)} is not a valid index name (3 to 255 letters, digits, "_", "." or "-")`);
      else if (seen.has(gsi.name)) add(`${gsiPath}.name`, `"${gsi.name}" is also the name of ${path}.gsis[${seen.get(gsi.name)}]`);
      else seen.set(gsi.name, index);
      validateKey(gsi.partitionKey, `${gsiPath}.partitionKey`, true, types, describe, add);
      if (gsi.sortKey !== undefined) validateKey(gsi.sortKey, `${gsiPath}.sortKey`, false, types, describe, add);
      validateProjection(gsi.projection, `${gsiPath}.projection`, types, describe, add);
    });
  }
  if (value.ttlAttribute !== undefined) validateTtl(design, model, value, path, add);
  if (value.billing !== 'PAY_PER_REQUEST') add(`${path}.billing`, `${JSON.stringify(value.billing)} is not supported; use "PAY_PER_REQUEST" (on-demand: no capacity to size)`);
  if (typeof value.pointInTimeRecovery !== 'boolean') add(`${path}.pointInTimeRecovery`, `${JSON.stringify(value.pointInTimeRecovery)} must be true or false`);
  if (value.removalPolicy !== 'destroy' && value.removalPolicy !== 'retain') add(`${path}.removalPolicy`, `${JSON.stringify(value.removalPolicy)} must be "destroy" or "retain"`);
  if (value.encryption !== undefined && value.encryption !== 'AWS_OWNED' && value.encryption !== 'AWS_MANAGED') {
    add(`${path}.encryption`, `${JSON.stringify(value.encryption)} must be "AWS_OWNED" or "AWS_MANAGED"`);
  }
  validateImportSource(value.importSource, `${path}.importSource`, add);
}

/** A key `{ name, type }`; when the table holds one entity, the attribute must be one of its attributes, of a key type. */
function validateKey(
  value: unknown,
  path: string,
  required: boolean,
  types: Record<string, string> | undefined,
  describe: (attribute: string) => string,
  add: (path: string, message: string) => void,
): void {
  if (value === undefined && !required) return;
  if (!isObject(value)) return add(path, required ? 'missing: a key attribute { "name": …, "type": "string" | "number" } is required' : 'must be { "name": …, "type": "string" | "number" }');
  if (typeof value.name !== 'string' || !value.name) add(`${path}.name`, 'missing: the key attribute needs a name');
  if (!KEY_TYPES.includes(value.type as string)) add(`${path}.type`, `${JSON.stringify(value.type)} must be "string" or "number" (DynamoDB keys are text or numbers)`);
  if (!types || typeof value.name !== 'string' || !value.name) return;
  const type = types[value.name];
  if (type === undefined) return add(`${path}.name`, describe(value.name));
  if (type === 'boolean' || type === 'object' || type === 'array' || type === 'null') {
    return add(`${path}.name`, `"${value.name}" is ${type === 'array' || type === 'object' ? 'an' : 'a'} ${type}; DynamoDB keys must be strings or numbers (key on a derived string copy: entities.<Entity>.derivedAttributes { "as": "string", "from": "${value.name}" })`);
  }
  const expected = type === 'number' ? 'number' : type === 'unknown' ? undefined : 'string';
  if (expected && KEY_TYPES.includes(value.type as string) && value.type !== expected) {
    add(`${path}.type`, `"${value.type}" but "${value.name}" holds ${expected === 'number' ? 'numbers' : 'text'}`);
  }
}

function validateProjection(value: unknown, path: string, types: Record<string, string> | undefined, describe: (attribute: string) => string, add: (path: string, message: string) => void): void {
  if (value === 'ALL' || value === 'KEYS_ONLY') return;
  if (!Array.isArray(value)) return add(path, `${JSON.stringify(value)} must be "ALL", "KEYS_ONLY" or a list of attribute names`);
  value.forEach((name, index) => {
    if (typeof name !== 'string') add(`${path}[${index}]`, 'must be an attribute name');
    else if (types && !(name in types)) add(`${path}[${index}]`, describe(name));
  });
}

function validateTtl(design: TableDesign, model: AccessModel, table: JsonObject, path: string, add: (path: string, message: string) => void): void {
  const attribute = table.ttlAttribute;
  if (typeof attribute !== 'string' || !attribute) return add(`${path}.ttlAttribute`, 'must be the name of a number attribute holding epoch seconds');
  const entities = Object.entries(design.entities).filter(([, entity]) => isObject(entity) && entity.table === table.name);
  if (!entities.length) return;
  const owners = entities.filter(([name]) => attribute in getAttributeTypes(design, model, name));
  if (!owners.length) return add(`${path}.ttlAttribute`, `"${attribute}" is not an attribute of entity ${entities.map(([name]) => name).join(' or ')}`);
  for (const [name, entity] of owners) {
    const derived = Array.isArray(entity.derivedAttributes) ? entity.derivedAttributes.find((item) => item?.name === attribute) : undefined;
    const type = getAttributeTypes(design, model, name)[attribute];
    if (derived && derived.as !== 'epoch-seconds') add(`${path}.ttlAttribute`, `"${attribute}" of entity ${name} is derived as "${derived.as}", not epoch seconds`);
    else if (!derived && type !== 'number') {
      add(`${path}.ttlAttribute`, `"${attribute}" is a ${type} in entity ${name}; TTL needs a number of epoch seconds (add a derived attribute { "name": "ttl", "as": "epoch-seconds", "from": "${attribute}" } and set ttlAttribute to "ttl")`);
    }
  }
}

function validateNames(design: TableDesign, add: (path: string, message: string) => void): void {
  const names = new Map<string, number>();
  const envVars = new Map<string, number>();
  design.tables.forEach((table, index) => {
    if (!isObject(table)) return;
    if (typeof table.name === 'string') {
      if (names.has(table.name)) add(`tables[${index}].name`, `"${table.name}" is also the name of tables[${names.get(table.name)}]; table names must be unique`);
      else names.set(table.name, index);
    }
    if (typeof table.envVar === 'string') {
      if (envVars.has(table.envVar)) add(`tables[${index}].envVar`, `"${table.envVar}" is also the env var of tables[${envVars.get(table.envVar)}]`);
      else envVars.set(table.envVar, index);
    }
  });
}

function validateHandler(design: TableDesign, value: unknown, path: string, add: (path: string, message: string) => void): void {
  if (!isObject(value)) return add(path, 'must be an object');
  if (Array.isArray(value.actions)) {
    value.actions.forEach((action, index) => {
      if (!(ACTION_ORDER as readonly unknown[]).includes(action)) add(`${path}.actions[${index}]`, `${JSON.stringify(action)} is not a DynamoDB item action (${ACTION_ORDER.join(', ')})`);
    });
  }
  if (Array.isArray(value.tables)) {
    value.tables.forEach((table, index) => {
      if (!design.tables.some((item) => item.name === table)) add(`${path}.tables[${index}]`, `"${table}" is not a table of the design`);
    });
  }
}

