/**
 * Table design → the text of `lib/database-stack.ts`. Deterministic: the same design and options
 * always give the same bytes, so re-running apply on an unchanged design writes nothing.
 */
import type { TableDesign } from '../model/table-design';
import { addGeneratedHeader } from './generatedHeader';
import { getTableNames } from './naming';
import { getImportSourceImports, getTableStyle } from './renderImportSource';
import { renderTableDefinition, type StackTableInput, type TableStyle } from './renderTableDefinition';
import { validateStackDesign } from './validateStackDesign';

export interface GenerateDatabaseStackOptions {
  /** `Table` when the user's project already uses the v1 `Table` construct; default `TableV2`. */
  tableStyle?: TableStyle;
}

function describeTable(table: StackTableInput): string {
  if (table.purpose === 'counters') return 'Atomic id counters';
  if (table.purpose === 'unique-values') return 'Guard items that keep attribute values unique';
  if (table.purpose === 'single-table' && table.entities && table.entities.length > 0) return `${table.entities.join(', ')} records (single-table layout)`;
  return table.entity && table.entity.trim() !== '' ? `${table.entity} records` : 'Records';
}

function renderImports(tables: StackTableInput[], style: TableStyle): string[] {
  const hasGsi = tables.some((table) => table.gsis.length > 0);
  const dynamodb =
    style === 'TableV2'
      ? ['AttributeType', 'Billing', ...(hasGsi ? ['ProjectionType'] : []), 'TableEncryptionV2', 'TableV2']
      : ['AttributeType', 'BillingMode', ...(hasGsi ? ['ProjectionType'] : []), 'Table', 'TableEncryption'];
  const imported = getImportSourceImports(tables, style);
  const names = imported.dynamodb.length ? [...new Set([...dynamodb, ...imported.dynamodb])].sort() : dynamodb;
  return [
    `import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';`,
    `import { ${names.join(', ')} } from 'aws-cdk-lib/aws-dynamodb';`,
    ...imported.lines,
    `import type { Construct } from 'constructs';`,
  ];
}

export function generateDatabaseStack(design: TableDesign, options: GenerateDatabaseStackOptions = {}): string {
  validateStackDesign(design);
  const style = options.tableStyle ?? 'TableV2';
  const tables = design.tables as StackTableInput[];
  const example = tables.length > 0 ? getTableNames(tables[0]).propertyName : 'notesTable';
  const lines = [
    ...renderImports(tables, style),
    '',
    'export type DatabaseStackProps = StackProps;',
    '',
    '/**',
    ' * The DynamoDB tables of the app. Stacks that run code against a table take it as a prop',
    ` * (e.g. \`${example}: database.${example}\`) and grant each function only the actions it performs.`,
    ' */',
    'export class DatabaseStack extends Stack {',
  ];
  for (const table of tables) {
    lines.push(`  /** ${describeTable(table)}; code reads the table name from ${table.envVar}. */`);
    lines.push(`  public readonly ${getTableNames(table).propertyName}: ${getTableStyle(table, style)};`);
  }
  lines.push('', '  constructor(scope: Construct, id: string, props?: DatabaseStackProps) {', '    super(scope, id, props);');
  for (const table of tables) lines.push('', ...renderTableDefinition(table, getTableStyle(table, style)));
  lines.push('  }', '}', '');
  return addGeneratedHeader(lines.join('\n'));
}
