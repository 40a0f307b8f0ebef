/**
 * Builds the TypeScript of one table inside DatabaseStack's constructor: the table construct,
 * its GSIs and its two CfnOutputs. `stack-templates/infrastructure/lib/database-stack.ts` is the
 * output of these builders for `stack-templates/example-design.json` (a test keeps them equal).
 */
import type { GsiDesign, KeyAttribute, TableDesignEntry } from '../model/table-design';
import { getTableNames } from './naming';
import { renderImportSourceProps } from './renderImportSource';

export type TableStyle = 'TableV2' | 'Table';

/** A table of the design, plus an optional fixed physical name (absent: CloudFormation names it). */
export type StackTableInput = TableDesignEntry & { tableName?: string };

const ATTRIBUTE_TYPES: Record<string, string> = { string: 'STRING', number: 'NUMBER', binary: 'BINARY' };

export function quoteString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function renderKey(key: KeyAttribute): string {
  return `{ name: ${quoteString(key.name)}, type: AttributeType.${ATTRIBUTE_TYPES[key.type]} }`;
}

function renderGsiBody(gsi: GsiDesign, indent: string): string[] {
  const lines = [`${indent}indexName: ${quoteString(gsi.name)},`, `${indent}partitionKey: ${renderKey(gsi.partitionKey)},`];
  if (gsi.sortKey) lines.push(`${indent}sortKey: ${renderKey(gsi.sortKey)},`);
  if (Array.isArray(gsi.projection)) {
    lines.push(`${indent}projectionType: ProjectionType.INCLUDE,`);
    lines.push(`${indent}nonKeyAttributes: [${gsi.projection.map(quoteString).join(', ')}],`);
  } else {
    lines.push(`${indent}projectionType: ProjectionType.${gsi.projection},`);
  }
  return lines;
}

function renderRemovalPolicy(table: TableDesignEntry, indent: string): string[] {
  if (table.removalPolicy === 'retain') {
    return [
      `${indent}// RETAIN keeps this table and its data when the stack is deleted; delete it by hand when done.`,
      `${indent}removalPolicy: RemovalPolicy.RETAIN,`,
    ];
  }
  return [
    `${indent}// DESTROY lets \`cdk destroy\` delete this table and its data, which suits development.`,
    `${indent}// Use RemovalPolicy.RETAIN in production so the data survives stack deletion or replacement.`,
    `${indent}removalPolicy: RemovalPolicy.DESTROY,`,
  ];
}

function renderEncryption(table: TableDesignEntry, style: TableStyle, indent: string): string[] {
  if (table.encryption === 'AWS_MANAGED') {
    return [
      `${indent}// Encrypted at rest with the AWS managed KMS key for DynamoDB (aws/dynamodb; KMS requests are charged).`,
      style === 'TableV2' ? `${indent}encryption: TableEncryptionV2.awsManagedKey(),` : `${indent}encryption: TableEncryption.AWS_MANAGED,`,
    ];
  }
  const comment = `${indent}// Encrypted at rest with an AWS owned key (the DynamoDB default, no KMS charge).`;
  if (style === 'TableV2') {
    return [
      comment,
      `${indent}// Use TableEncryptionV2.customerManagedKey(key) if you must control the key.`,
      `${indent}encryption: TableEncryptionV2.dynamoOwnedKey(),`,
    ];
  }
  return [
    comment,
    `${indent}// Use TableEncryption.CUSTOMER_MANAGED with encryptionKey if you must control the key.`,
    `${indent}encryption: TableEncryption.DEFAULT,`,
  ];
}

/** Lines (indented for the constructor body) that define one table and its outputs. */
export function renderTableDefinition(table: StackTableInput, style: TableStyle): string[] {
  const names = getTableNames(table);
  const member = `this.${names.propertyName}`;
  const body = '      ';
  const lines = [`    ${member} = new ${style}(this, ${quoteString(names.constructId)}, {`];
  if (table.tableName) lines.push(`${body}tableName: ${quoteString(table.tableName)},`);
  lines.push(`${body}partitionKey: ${renderKey(table.partitionKey)},`);
  if (table.sortKey) lines.push(`${body}sortKey: ${renderKey(table.sortKey)},`);
  lines.push(style === 'TableV2' ? `${body}billing: Billing.onDemand(),` : `${body}billingMode: BillingMode.PAY_PER_REQUEST,`);
  lines.push(`${body}pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: ${table.pointInTimeRecovery ? 'true' : 'false'} },`);
  lines.push(...renderEncryption(table, style, body));
  lines.push(...renderRemovalPolicy(table, body));
  lines.push(...renderImportSourceProps(table, body));
  if (table.ttlAttribute) {
    lines.push(`${body}// Items expire when this attribute (epoch seconds) is in the past.`);
    lines.push(`${body}timeToLiveAttribute: ${quoteString(table.ttlAttribute)},`);
  }
  if (style === 'TableV2' && table.gsis.length > 0) {
    lines.push(`${body}globalSecondaryIndexes: [`);
    for (const gsi of table.gsis) {
      lines.push(`${body}  {`, ...renderGsiBody(gsi, `${body}    `), `${body}  },`);
    }
    lines.push(`${body}],`);
  }
  lines.push('    });');
  if (style === 'Table') {
    for (const gsi of table.gsis) {
      lines.push(`    ${member}.addGlobalSecondaryIndex({`, ...renderGsiBody(gsi, body), '    });');
    }
  }
  lines.push(
    `    new CfnOutput(this, ${quoteString(names.nameOutputId)}, {`,
    `${body}value: ${member}.tableName,`,
    `${body}description: ${quoteString(`Value for ${table.envVar}`)},`,
    '    });',
    `    new CfnOutput(this, ${quoteString(names.arnOutputId)}, { value: ${member}.tableArn });`,
  );
  return lines;
}
