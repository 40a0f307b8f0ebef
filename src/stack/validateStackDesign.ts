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
