/** Deterministic names for tables, env vars, key prefixes and indexes, all derived from entity and attribute names. */

/** `Note` → `Notes`, `Category` → `Categories`, `Box` → `Boxes`. Entities are singular PascalCase. */
export function pluralise(name: string): string {
  if (/[^aeiou]y$/i.test(name)) return name.slice(0, -1) + 'ies';
  if (/(s|x|z|ch|sh)$/i.test(name)) return name + 'es';
  return name + 's';
}

/** `OrderItems` → `ORDER_ITEMS`, `userEmail` → `USER_EMAIL`. */
export function toUpperSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

export function getTableName(entity: string): string {
  return pluralise(entity);
}

/** The env var names the role of the table in code, so it stays the same when the table is renamed. */
export function getEnvVarName(entity: string): string {
  return `${toUpperSnake(pluralise(entity))}_TABLE_NAME`;
}

/** Prefix of typed keys in the single-table layout: `OrderItem` → `ORDER_ITEM`. */
export function getKeyPrefix(entity: string): string {
  return toUpperSnake(entity);
}

export function getIndexName(partitionAttribute: string, sortAttribute?: string): string {
  return sortAttribute ? `${partitionAttribute}-${sortAttribute}-index` : `${partitionAttribute}-index`;
}

export const SINGLE_TABLE_NAME = 'App';
export const SINGLE_TABLE_ENV_VAR = 'APP_TABLE_NAME';
export const COUNTERS_TABLE_NAME = 'Counters';
export const COUNTERS_ENV_VAR = 'COUNTERS_TABLE_NAME';
export const UNIQUE_VALUES_TABLE_NAME = 'UniqueValues';
export const UNIQUE_VALUES_ENV_VAR = 'UNIQUE_VALUES_TABLE_NAME';

/** `Order` → `an Order`, `Note` → `a Note`, `User` → `a User`. */
export function withArticle(name: string): string {
  const vowelSound = /^[aeiou]/i.test(name) && !/^(u[^aeiou][aeiou]|eu|one)/i.test(name); // a User, an Order
  return `${vowelSound ? 'an' : 'a'} ${name}`;
}
