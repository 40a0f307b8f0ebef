/**
 * A table the design creates from an S3 import (`tables[i].importSource`, files written by
 * `migrate-data --export s3-import`). aws-cdk-lib has `importSource` on `Table` only: `TableV2`
 * synthesises AWS::DynamoDB::GlobalTable, which CloudFormation cannot import into. So such a
 * table is always a `Table` (on-demand, same keys, GSIs, TTL, PITR and encryption), whatever
 * style the other tables use.
 */
import type { StackTableInput, TableStyle } from './renderTableDefinition';
import { getTableNames } from './naming';

const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The construct a table is rendered with. */
export function getTableStyle(table: StackTableInput, style: TableStyle): TableStyle {
  return table.importSource ? 'Table' : style;
}

/** Extra imports: the `Table` construct set when the stack is TableV2, the import types and `Bucket`. */
export function getImportSourceImports(tables: StackTableInput[], style: TableStyle): { dynamodb: string[]; lines: string[] } {
  if (!tables.some((table) => table.importSource)) return { dynamodb: [], lines: [] };
  const dynamodb = ['InputCompressionType', 'InputFormat', ...(style === 'TableV2' ? ['BillingMode', 'Table', 'TableEncryption'] : [])];
  return { dynamodb, lines: [`import { Bucket } from 'aws-cdk-lib/aws-s3';`] };
}

/** The `importSource` property lines of the table's props (none when the table has no import). */
export function renderImportSourceProps(table: StackTableInput, indent: string): string[] {
  const source = table.importSource;
  if (!source) return [];
  const bucketId = `${getTableNames(table).constructId}ImportBucket`;
  const parts = [`bucket: Bucket.fromBucketName(this, ${quote(bucketId)}, ${quote(source.bucket)})`];
  if (source.keyPrefix) parts.push(`keyPrefix: ${quote(source.keyPrefix)}`);
  if (source.bucketOwner) parts.push(`bucketOwner: ${quote(source.bucketOwner)}`);
  parts.push('inputFormat: InputFormat.dynamoDBJson()', `compressionType: InputCompressionType.${source.compressionType ?? 'GZIP'}`);
  return [
    `${indent}// Created from the files of \`migrate-data --export s3-import\` (DynamoDB's import from S3: no write capacity used).`,
    `${indent}// Only a NEW table can be imported into; remove importSource once the table exists and has its data.`,
    `${indent}importSource: { ${parts.join(', ')} },`,
  ];
}
