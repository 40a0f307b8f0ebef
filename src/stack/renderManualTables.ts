/**
 * Table definitions (and per-handler IAM statements) of a design for infrastructure tools this
 * project does not wire yet: Serverless Framework (CloudFormation resources in serverless.yml),
 * Terraform (HCL) and SST v3 (sst.config.ts). Shown to the user to paste and review by hand.
 */
import { stringify } from 'yaml';
import type { TableDesign, TableDesignEntry } from '../model/table-design';
import { listHandlerGrants } from './listHandlerGrants';
import { getTableNames, toCamelCase } from './naming';

const CFN_TYPES: Record<string, string> = { string: 'S', number: 'N', binary: 'B' };

function keyAttributes(table: TableDesignEntry): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const key of [table.partitionKey, table.sortKey, ...table.gsis.flatMap((gsi) => [gsi.partitionKey, gsi.sortKey])]) {
    if (key && !attributes.has(key.name)) attributes.set(key.name, key.type);
  }
  return attributes;
}

/** Per handler file: the statements its functions need, table by table. */
function handlerStatements(design: TableDesign): Map<string, { table: TableDesignEntry; actions: string[]; indexes: boolean }[]> {
  const byFile = new Map<string, { table: TableDesignEntry; actions: string[]; indexes: boolean }[]>();
  for (const handler of design.handlers ?? []) {
    const list = byFile.get(handler.file) ?? [];
    for (const grant of listHandlerGrants(handler)) {
      const table = design.tables.find((candidate) => candidate.name === grant.table);
      if (!table) continue;
      const existing = list.find((entry) => entry.table === table);
      if (existing) {
        existing.actions = [...new Set([...existing.actions, ...grant.actions])];
        existing.indexes ||= grant.indexes.length > 0;
      } else list.push({ table, actions: [...grant.actions], indexes: grant.indexes.length > 0 });
    }
    byFile.set(handler.file, list);
  }
  return byFile;
}

export function renderServerlessResources(design: TableDesign): string {
  const resources: Record<string, unknown> = {};
  for (const table of design.tables) {
    const keys = [{ AttributeName: table.partitionKey.name, KeyType: 'HASH' }];
    if (table.sortKey) keys.push({ AttributeName: table.sortKey.name, KeyType: 'RANGE' });
    resources[getTableNames(table).constructId] = {
      Type: 'AWS::DynamoDB::Table',
      DeletionPolicy: table.removalPolicy === 'retain' ? 'Retain' : 'Delete',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...keyAttributes(table)].map(([name, type]) => ({ AttributeName: name, AttributeType: CFN_TYPES[type] })),
        KeySchema: keys,
        ...(table.gsis.length > 0 && {
          GlobalSecondaryIndexes: table.gsis.map((gsi) => ({
            IndexName: gsi.name,
            KeySchema: [
              { AttributeName: gsi.partitionKey.name, KeyType: 'HASH' },
              ...(gsi.sortKey ? [{ AttributeName: gsi.sortKey.name, KeyType: 'RANGE' }] : []),
            ],
            Projection: Array.isArray(gsi.projection)
              ? { ProjectionType: 'INCLUDE', NonKeyAttributes: gsi.projection }
              : { ProjectionType: gsi.projection },
          })),
        }),
        ...(table.ttlAttribute && { TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true } }),
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: table.pointInTimeRecovery },
        SSESpecification: { SSEEnabled: table.encryption === 'AWS_MANAGED' },
        ...(table.importSource && {
          ImportSourceSpecification: {
            InputFormat: table.importSource.inputFormat ?? 'DYNAMODB_JSON',
            InputCompressionType: table.importSource.compressionType ?? 'GZIP',
            S3BucketSource: {
              S3Bucket: table.importSource.bucket,
              ...(table.importSource.keyPrefix && { S3KeyPrefix: table.importSource.keyPrefix }),
              ...(table.importSource.bucketOwner && { S3BucketOwner: table.importSource.bucketOwner }),
            },
          },
        }),
      },
    };
  }
  const functionLines: string[] = [];
  for (const [file, statements] of handlerStatements(design)) {
    const key = toCamelCase(file.replace(/^.*\//, '').replace(/\.[^.]+$/, '')) || 'handler';
    const body = {
      environment: Object.fromEntries(statements.map(({ table }) => [table.envVar, { Ref: getTableNames(table).constructId }])),
      iamRoleStatements: statements.map(({ table, actions, indexes }) => ({
        Effect: 'Allow',
        Action: actions,
        Resource: [
          { 'Fn::GetAtt': [getTableNames(table).constructId, 'Arn'] },
          ...(indexes ? [{ 'Fn::Join': ['/', [{ 'Fn::GetAtt': [getTableNames(table).constructId, 'Arn'] }, 'index', '*']] }] : []),
        ],
      })),
    };
    functionLines.push(`  # the function whose handler is ${file} (keep its handler, events and other settings)`);
    functionLines.push(...stringify({ [key]: body }).trimEnd().split('\n').map((line) => `  ${line}`));
  }
  return [
    '# serverless.yml: add under `resources:`',
    stringify({ resources: { Resources: resources } }).trimEnd(),
    '',
    '# Per function (per-function statements need the serverless-iam-roles-per-function plugin;',
    '# never grant dynamodb:* at provider level):',
    'functions:',
    ...functionLines,
    '',
  ].join('\n');
}

function hclString(text: string): string {
  return JSON.stringify(text);
}

/** `import_table`: the table is created from the files of `migrate-data --export s3-import` (a new table only). */
function renderTerraformImport(source: NonNullable<TableDesignEntry['importSource']>): string[] {
  const bucket = [`      bucket     = ${hclString(source.bucket)}`];
  if (source.keyPrefix) bucket.push(`      key_prefix = ${hclString(source.keyPrefix)}`);
  if (source.bucketOwner) bucket.push(`      bucket_owner = ${hclString(source.bucketOwner)}`);
  return [
    '  import_table {',
    `    input_format           = "${source.inputFormat ?? 'DYNAMODB_JSON'}"`,
    `    input_compression_type = "${source.compressionType ?? 'GZIP'}"`,
    '    s3_bucket_source {',
    ...bucket,
    '    }',
    '  }',
  ];
}

export function renderTerraformTables(design: TableDesign): string {
  const blocks: string[] = [];
  const resourceName = (table: TableDesignEntry) => toCamelCase(table.name).replace(/([A-Z])/g, '_$1').toLowerCase();
  for (const table of design.tables) {
    const lines = [`resource "aws_dynamodb_table" "${resourceName(table)}" {`, `  name         = ${hclString(table.name)}`, '  billing_mode = "PAY_PER_REQUEST"', `  hash_key     = ${hclString(table.partitionKey.name)}`];
    if (table.sortKey) lines.push(`  range_key    = ${hclString(table.sortKey.name)}`);
    for (const [name, type] of keyAttributes(table)) lines.push('', '  attribute {', `    name = ${hclString(name)}`, `    type = "${CFN_TYPES[type]}"`, '  }');
    for (const gsi of table.gsis) {
      lines.push('', '  global_secondary_index {', `    name            = ${hclString(gsi.name)}`, `    hash_key        = ${hclString(gsi.partitionKey.name)}`);
      if (gsi.sortKey) lines.push(`    range_key       = ${hclString(gsi.sortKey.name)}`);
      lines.push(`    projection_type = "${Array.isArray(gsi.projection) ? 'INCLUDE' : gsi.projection}"`);
      if (Array.isArray(gsi.projection)) lines.push(`    non_key_attributes = [${gsi.projection.map(hclString).join(', ')}]`);
      lines.push('  }');
    }
    if (table.ttlAttribute) lines.push('', '  ttl {', `    attribute_name = ${hclString(table.ttlAttribute)}`, '    enabled        = true', '  }');
    lines.push('', '  point_in_time_recovery {', `    enabled = ${table.pointInTimeRecovery}`, '  }');
    if (table.encryption === 'AWS_MANAGED') lines.push('', '  server_side_encryption {', '    enabled = true', '  }');
    if (table.removalPolicy === 'retain') lines.push('', '  lifecycle {', '    prevent_destroy = true', '  }');
    if (table.importSource) lines.push('', ...renderTerraformImport(table.importSource));
    lines.push('}');
    blocks.push(lines.join('\n'));
  }
  for (const [file, statements] of handlerStatements(design)) {
    const name = file.replace(/\.[^./]+$/, '').replace(/[^A-Za-z0-9]+/g, '_').toLowerCase();
    const lines = [`# Attach to the role of the function that runs ${file}.`, `data "aws_iam_policy_document" "${name}_dynamodb" {`];
    for (const { table, actions, indexes } of statements) {
      const arn = `aws_dynamodb_table.${resourceName(table)}.arn`;
      lines.push('  statement {', `    actions   = [${actions.map(hclString).join(', ')}]`, `    resources = [${arn}${indexes ? `, "\${${arn}}/index/*"` : ''}]`, '  }');
    }
    lines.push('}');
    blocks.push(lines.join('\n'));
  }
  return `${blocks.join('\n\n')}\n`;
}

export function renderSstTables(design: TableDesign): string {
  const lines: string[] = ['// sst.config.ts (SST v3), inside run():'];
  for (const table of design.tables) {
    const variable = getTableNames(table).propertyName;
    const fields = [...keyAttributes(table)].map(([name, type]) => `${name}: ${JSON.stringify(type)}`).join(', ');
    const primary = table.sortKey
      ? `{ hashKey: ${JSON.stringify(table.partitionKey.name)}, rangeKey: ${JSON.stringify(table.sortKey.name)} }`
      : `{ hashKey: ${JSON.stringify(table.partitionKey.name)} }`;
    lines.push(`const ${variable} = new sst.aws.Dynamo(${JSON.stringify(getTableNames(table).constructId)}, {`, `  fields: { ${fields} },`, `  primaryIndex: ${primary},`);
    if (table.gsis.length > 0) {
      lines.push('  globalIndexes: {');
      for (const gsi of table.gsis) {
        const parts = [`hashKey: ${JSON.stringify(gsi.partitionKey.name)}`];
        if (gsi.sortKey) parts.push(`rangeKey: ${JSON.stringify(gsi.sortKey.name)}`);
        if (gsi.projection !== 'ALL') parts.push(`projection: ${gsi.projection === 'KEYS_ONLY' ? '"keys-only"' : JSON.stringify(gsi.projection)}`);
        lines.push(`    ${gsi.name}: { ${parts.join(', ')} },`);
      }
      lines.push('  },');
    }
    if (table.ttlAttribute) lines.push(`  ttl: ${JSON.stringify(table.ttlAttribute)},`);
    const pitr = `pointInTimeRecovery: { enabled: ${table.pointInTimeRecovery} }`;
    const source = table.importSource;
    const importTable = source
      ? `, importTable: { inputFormat: ${JSON.stringify(source.inputFormat ?? 'DYNAMODB_JSON')}, inputCompressionType: ${JSON.stringify(source.compressionType ?? 'GZIP')}, s3BucketSource: { bucket: ${JSON.stringify(source.bucket)}${source.keyPrefix ? `, keyPrefix: ${JSON.stringify(source.keyPrefix)}` : ''}${source.bucketOwner ? `, bucketOwner: ${JSON.stringify(source.bucketOwner)}` : ''} } }`
      : '';
    lines.push(`  transform: { table: { ${pitr}${importTable} } },`, '});');
  }
  lines.push('', '// Per function: the table name and only the actions its handler performs (`link` would grant dynamodb:*).');
  for (const [file, statements] of handlerStatements(design)) {
    const environment = statements.map(({ table }) => `${table.envVar}: ${getTableNames(table).propertyName}.name`).join(', ');
    const permissions = statements
      .map(({ table, actions, indexes }) => {
        const arn = `${getTableNames(table).propertyName}.arn`;
        return `{ actions: ${JSON.stringify(actions)}, resources: [${arn}${indexes ? `, $interpolate\`\${${arn}}/index/*\`` : ''}] }`;
      })
      .join(', ');
    lines.push(`// ${file}:`, `//   environment: { ${environment} },`, `//   permissions: [${permissions}],`);
  }
  return `${lines.join('\n')}\n`;
}
