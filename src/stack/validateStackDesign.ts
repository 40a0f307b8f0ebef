/**
 * Checks the parts of a table design the stack generator relies on, with messages that name the
 * field (`tables[1] ("Notes").partitionKey.type`), because people edit .migration/dynamodb.json by hand.
 */
import type { TableDesign } from '../model/table-design';
import { getTableNames } from './naming';

export class DesignError extends Error {
  constructor(readonly problems: string[], source = '.migration/dynamodb.json') {
    super(`${source}: ${problems.join('; ')}`);
    this.name = 'DesignError';
  }
}

const KEY_TYPES = ['string', 'number', 'binary'];
/** Default quota of global secondary indexes per table. */
const MAX_GSIS = 20;

function checkKey(where: string, key: unknown, problems: string[]): void {
  const value = key as { name?: unknown; type?: unknown } | undefined;
  if (!value || typeof value !== 'object') {
    problems.push(`${where} is missing`);
    return;
  }
  if (typeof value.name !== 'string' || value.name.length === 0) problems.push(`${where}.name must be a non-empty string`);
  if (typeof value.type !== 'string' || !KEY_TYPES.includes(value.type)) {
    problems.push(`${where}.type must be "string" or "number" (got ${JSON.stringify(value.type)})`);
  }
}

/**
 * DynamoDB declares each key attribute once per table (AttributeDefinitions): the table's keys and
 * every GSI key must agree on its type, a sort key cannot repeat the partition key, and index names
 * are unique. CDK would otherwise stop with "Unable to specify x as S because it was already defined as N".
 */
function checkKeyConsistency(where: string, table: TableDesign['tables'][number], problems: string[]): void {
  const declared = new Map<string, { type: string; field: string }>();
  const declare = (field: string, key: { name?: unknown; type?: unknown } | undefined) => {
    if (!key || typeof key.name !== 'string' || typeof key.type !== 'string') return;
    const earlier = declared.get(key.name);
    if (earlier && earlier.type !== key.type) {
      problems.push(`${where}.${field} "${key.name}" is ${key.type} but ${earlier.field} declares it ${earlier.type} (a key attribute has one type per table)`);
    } else if (!earlier) {
      declared.set(key.name, { type: key.type, field });
    }
  };
  declare('partitionKey', table.partitionKey);
  if (table.sortKey?.name !== undefined && table.sortKey.name === table.partitionKey?.name) {
    problems.push(`${where}.sortKey "${table.sortKey.name}" repeats the partition key: drop the sort key or use another attribute`);
  } else {
    declare('sortKey', table.sortKey);
  }
  const indexNames = new Set<string>();
  (Array.isArray(table.gsis) ? table.gsis : []).forEach((gsi, gsiIndex) => {
    if (typeof gsi?.name === 'string') {
      if (indexNames.has(gsi.name)) problems.push(`${where}.gsis[${gsiIndex}].name "${gsi.name}" is used twice (index names are unique per table)`);
      indexNames.add(gsi.name);
    }
    if (gsi?.sortKey?.name !== undefined && gsi.sortKey.name === gsi.partitionKey?.name) {
      problems.push(`${where}.gsis[${gsiIndex}].sortKey "${gsi.sortKey.name}" repeats the index partition key`);
      declare(`gsis[${gsiIndex}].partitionKey`, gsi.partitionKey);
      return;
    }
    declare(`gsis[${gsiIndex}].partitionKey`, gsi?.partitionKey);
    declare(`gsis[${gsiIndex}].sortKey`, gsi?.sortKey);
  });
  if (indexNames.size > MAX_GSIS) problems.push(`${where}.gsis has ${indexNames.size} indexes; DynamoDB allows ${MAX_GSIS} per table`);
}

export function validateStackDesign(design: TableDesign, source?: string): void {
  const problems: string[] = [];
  if (!design || !Array.isArray(design.tables)) throw new DesignError(['"tables" must be an array'], source);
  const seen = new Map<string, string>();
  design.tables.forEach((table, index) => {
    const where = `tables[${index}] (${JSON.stringify(table?.name)})`;
    if (typeof table?.name !== 'string' || table.name.trim() === '') {
      problems.push(`tables[${index}].name must be a non-empty string`);
      return;
    }
    if (typeof table.envVar !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(table.envVar)) {
      problems.push(`${where}.envVar must be an environment variable name such as NOTES_TABLE_NAME`);
    }
    checkKey(`${where}.partitionKey`, table.partitionKey, problems);
    if (table.sortKey !== undefined) checkKey(`${where}.sortKey`, table.sortKey, problems);
    if (!Array.isArray(table.gsis)) problems.push(`${where}.gsis must be an array (use [] for none)`);
    (Array.isArray(table.gsis) ? table.gsis : []).forEach((gsi, gsiIndex) => {
      const gsiWhere = `${where}.gsis[${gsiIndex}]`;
      if (typeof gsi?.name !== 'string' || gsi.name.length === 0) problems.push(`${gsiWhere}.name must be a non-empty string`);
      checkKey(`${gsiWhere}.partitionKey`, gsi?.partitionKey, problems);
      if (gsi?.sortKey !== undefined) checkKey(`${gsiWhere}.sortKey`, gsi.sortKey, problems);
      const projection = gsi?.projection;
      const validProjection =
        projection === 'ALL' ||
        projection === 'KEYS_ONLY' ||
        (Array.isArray(projection) && projection.length > 0 && projection.every((name) => typeof name === 'string'));
      if (!validProjection) problems.push(`${gsiWhere}.projection must be "ALL", "KEYS_ONLY" or a non-empty list of attribute names`);
    });
    checkKeyConsistency(where, table, problems);
    if (table.removalPolicy !== 'destroy' && table.removalPolicy !== 'retain') {
      problems.push(`${where}.removalPolicy must be "destroy" or "retain"`);
    }
    if (table.encryption !== undefined && table.encryption !== 'AWS_OWNED' && table.encryption !== 'AWS_MANAGED') {
      problems.push(`${where}.encryption must be "AWS_OWNED" or "AWS_MANAGED"`);
    }
    if (table.billing !== 'PAY_PER_REQUEST') problems.push(`${where}.billing must be "PAY_PER_REQUEST"`);
    if (!/[A-Za-z0-9]/.test(table.name)) {
      problems.push(`${where}.name needs letters or digits to build a property name from`);
      return;
    }
    const property = getTableNames(table).propertyName;
    const other = seen.get(property);
    if (other !== undefined) problems.push(`${where} and table ${JSON.stringify(other)} both become the property ${property}; rename one`);
    seen.set(property, table.name);
  });
  if (problems.length > 0) throw new DesignError(problems, source);
}
