import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { Stack } from 'aws-cdk-lib';
import { generateDatabaseStack } from '../../src/stack/generateDatabaseStack';
import { readGeneratedState } from '../../src/stack/generatedHeader';
import { DesignError } from '../../src/stack/validateStackDesign';
import type { TableDesign } from '../../src/model/table-design';
import { featureDesign, makeDesign, makeTable } from './designs';
import { loadGeneratedModule, PROJECT_ROOT } from './helpers';

type StackModule = { DatabaseStack: new (scope: App, id: string) => Stack & Record<string, unknown> };

function synthesize(design: TableDesign, tableStyle: 'TableV2' | 'Table' = 'TableV2') {
  const { DatabaseStack } = loadGeneratedModule<StackModule>(generateDatabaseStack(design, { tableStyle }));
  const stack = new DatabaseStack(new App(), 'DatabaseStack');
  return { stack, template: Template.fromStack(stack) };
}

function findTable(template: Template, type: string, constructId: string) {
  const tables = template.findResources(type);
  const entry = Object.entries(tables).find(([logicalId]) => new RegExp(`^${constructId}[0-9A-F]{8}$`).test(logicalId));
  if (!entry) throw new Error(`no ${type} named ${constructId}* in ${Object.keys(tables).join(', ')}`);
  return { logicalId: entry[0], resource: entry[1] as { Properties: Record<string, unknown>; DeletionPolicy: string } };
}

describe('generateDatabaseStack', () => {
  const exampleDesign = JSON.parse(readFileSync(join(PROJECT_ROOT, 'stack-templates/example-design.json'), 'utf8'));

  it('reproduces the compiling templates byte for byte (TableV2 and Table styles)', () => {
    expect(generateDatabaseStack(exampleDesign)).toBe(
      readFileSync(join(PROJECT_ROOT, 'stack-templates/infrastructure/lib/database-stack.ts'), 'utf8'),
    );
    expect(generateDatabaseStack(exampleDesign, { tableStyle: 'Table' })).toBe(
      readFileSync(join(PROJECT_ROOT, 'stack-templates/variants/database-stack.table.ts'), 'utf8'),
    );
  });

  it('is deterministic and marks its output as generated and intact', () => {
    const first = generateDatabaseStack(featureDesign);
    expect(generateDatabaseStack(JSON.parse(JSON.stringify(featureDesign)))).toBe(first);
    expect(readGeneratedState(first)).toBe('generated-intact');
    expect(readGeneratedState(first.replace("'status'", "'state'"))).toBe('generated-edited');
    expect(readGeneratedState('export const x = 1;\n')).toBe('not-generated');
    expect(first).toContain('/** Atomic id counters; code reads the table name from AUDIT_LOG_TABLE. */');
    expect(first).toContain('encryption: TableEncryptionV2.awsManagedKey(),');
  });

  it('never hard-codes a physical table name unless the design gives one', () => {
    expect(generateDatabaseStack(featureDesign)).not.toMatch(/tableName:/);
    const named = makeDesign([{ ...makeTable({ name: 'Notes' }), tableName: 'prod-notes' } as ReturnType<typeof makeTable>]);
    expect(generateDatabaseStack(named)).toContain("tableName: 'prod-notes',");
  });

  it('rejects a broken design with messages naming the fields', () => {
    const broken = makeDesign([
      makeTable({ name: 'Notes', partitionKey: { name: 'id', type: 'uuid' as 'string' } }),
      makeTable({ name: 'notes', envVar: 'bad var' }),
    ]);
    expect(() => generateDatabaseStack(broken)).toThrow(DesignError);
    expect(() => generateDatabaseStack(broken)).toThrow(/tables\[0\] \("Notes"\)\.partitionKey\.type must be "string" or "number"/);
    expect(() => generateDatabaseStack(broken)).toThrow(/tables\[1\] \("notes"\)\.envVar/);
    expect(() => generateDatabaseStack(broken)).toThrow(/both become the property notesTable/);
  });

  it('rejects key attributes whose types disagree, a sort key repeating the partition key, and duplicate index names', () => {
    const conflicting = makeDesign([
      makeTable({
        name: 'PostTags',
        partitionKey: { name: 'postId', type: 'number' },
        sortKey: { name: 'postId', type: 'number' },
        gsis: [
          { name: 'byTag', partitionKey: { name: 'tagId', type: 'string' }, sortKey: { name: 'postId', type: 'string' }, projection: 'KEYS_ONLY' },
          { name: 'byTag', partitionKey: { name: 'tagId', type: 'number' }, sortKey: { name: 'tagId', type: 'number' }, projection: 'ALL' },
        ],
      }),
    ]);
    let problems: string[] = [];
    try {
      generateDatabaseStack(conflicting);
    } catch (error) {
      expect(error).toBeInstanceOf(DesignError);
      problems = (error as DesignError).problems;
    }
    expect(problems).toEqual([
      'tables[0] ("PostTags").sortKey "postId" repeats the partition key: drop the sort key or use another attribute',
      'tables[0] ("PostTags").gsis[0].sortKey "postId" is string but partitionKey declares it number (a key attribute has one type per table)',
      'tables[0] ("PostTags").gsis[1].name "byTag" is used twice (index names are unique per table)',
      'tables[0] ("PostTags").gsis[1].sortKey "tagId" repeats the index partition key',
      'tables[0] ("PostTags").gsis[1].partitionKey "tagId" is number but gsis[0].partitionKey declares it string (a key attribute has one type per table)',
    ]);
  });

  describe.each(['TableV2', 'Table'] as const)('a composite primary key (post_tags) with an inverted GSI, as %s', (style) => {
    const postTags = makeDesign([
      makeTable({
        name: 'post_tags',
        envVar: 'POST_TAGS_TABLE_NAME',
        entity: 'PostTag',
        partitionKey: { name: 'post_id', type: 'number' },
        sortKey: { name: 'tag_id', type: 'number' },
        gsis: [{ name: 'tag_id-post_id-index', partitionKey: { name: 'tag_id', type: 'number' }, sortKey: { name: 'post_id', type: 'number' }, projection: 'KEYS_ONLY' }],
      }),
    ]);
    const type = style === 'TableV2' ? 'AWS::DynamoDB::GlobalTable' : 'AWS::DynamoDB::Table';
    const { stack, template } = synthesize(postTags, style);

    it('declares HASH and RANGE keys, the GSI keys, and each key attribute once', () => {
      const { logicalId, resource } = findTable(template, type, 'PostTagsTable');
      expect(resource.Properties.KeySchema).toEqual([
        { AttributeName: 'post_id', KeyType: 'HASH' },
        { AttributeName: 'tag_id', KeyType: 'RANGE' },
      ]);
      expect(resource.Properties.AttributeDefinitions).toEqual([
        { AttributeName: 'post_id', AttributeType: 'N' },
        { AttributeName: 'tag_id', AttributeType: 'N' },
      ]);
      expect(resource.Properties.GlobalSecondaryIndexes).toEqual([
        {
          IndexName: 'tag_id-post_id-index',
          KeySchema: [
            { AttributeName: 'tag_id', KeyType: 'HASH' },
            { AttributeName: 'post_id', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ]);
      template.hasOutput('PostTagsTableName', { Value: { Ref: logicalId }, Description: 'Value for POST_TAGS_TABLE_NAME' });
      expect(stack.postTagsTable).toBeDefined();
    });
  });

  describe('synthesized with TableV2', () => {
    const { stack, template } = synthesize(featureDesign);

    it('creates on-demand global tables with PITR, default encryption and the removal policy of the design', () => {
      template.resourceCountIs('AWS::DynamoDB::GlobalTable', 2);
      const orders = findTable(template, 'AWS::DynamoDB::GlobalTable', 'OrdersTable').resource;
      expect(orders.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(orders.Properties.SSESpecification).toEqual({ SSEEnabled: false });
      expect(orders.Properties.Replicas).toEqual([
        expect.objectContaining({ Region: { Ref: 'AWS::Region' }, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
      ]);
      expect(orders.DeletionPolicy).toBe('Delete');
      expect(orders.Properties.TableName).toBeUndefined();
      const audit = findTable(template, 'AWS::DynamoDB::GlobalTable', 'AuditLogTable').resource;
      expect(audit.DeletionPolicy).toBe('Retain');
      expect(audit.Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
      expect(audit.Properties.Replicas).toEqual([
        { Region: { Ref: 'AWS::Region' }, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false } },
      ]);
    });

    it('declares the key schema, every GSI with its projection, and TTL', () => {
      const orders = findTable(template, 'AWS::DynamoDB::GlobalTable', 'OrdersTable').resource.Properties;
      expect(orders.KeySchema).toEqual([
        { AttributeName: 'customerId', KeyType: 'HASH' },
        { AttributeName: 'orderNumber', KeyType: 'RANGE' },
      ]);
      expect(orders.AttributeDefinitions).toEqual(
        expect.arrayContaining([
          { AttributeName: 'customerId', AttributeType: 'S' },
          { AttributeName: 'orderNumber', AttributeType: 'N' },
          { AttributeName: 'status', AttributeType: 'S' },
          { AttributeName: 'createdAt', AttributeType: 'N' },
        ]),
      );
      expect(orders.GlobalSecondaryIndexes).toEqual([
        {
          IndexName: 'byStatus',
          KeySchema: [
            { AttributeName: 'status', KeyType: 'HASH' },
            { AttributeName: 'createdAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        { IndexName: 'bySku', KeySchema: [{ AttributeName: 'sku', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
        {
          IndexName: 'byRegion',
          KeySchema: [{ AttributeName: 'region', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['total', 'status'] },
        },
      ]);
      expect(orders.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
      const audit = findTable(template, 'AWS::DynamoDB::GlobalTable', 'AuditLogTable').resource.Properties;
      expect(audit.KeySchema).toEqual([{ AttributeName: 'seq', KeyType: 'HASH' }]);
      expect(audit.AttributeDefinitions).toEqual([{ AttributeName: 'seq', AttributeType: 'N' }]);
      expect(audit.GlobalSecondaryIndexes).toBeUndefined();
      expect(audit.TimeToLiveSpecification).toBeUndefined();
    });

    it('outputs every table name and ARN and exposes the tables as public properties', () => {
      const orders = findTable(template, 'AWS::DynamoDB::GlobalTable', 'OrdersTable').logicalId;
      template.hasOutput('OrdersTableName', { Value: { Ref: orders }, Description: 'Value for ORDERS_TABLE_NAME' });
      template.hasOutput('OrdersTableArn', { Value: { 'Fn::GetAtt': [orders, 'Arn'] } });
      template.hasOutput('AuditLogTableName', { Description: 'Value for AUDIT_LOG_TABLE' });
      template.hasOutput('AuditLogTableArn', Match.anyValue());
      expect(Object.keys(template.toJSON().Outputs)).toHaveLength(4);
      expect(stack.ordersTable).toBeDefined();
      expect(stack.auditLogTable).toBeDefined();
    });
  });

  describe('synthesized with the v1 Table style', () => {
    const { template } = synthesize(featureDesign, 'Table');

    it('creates PAY_PER_REQUEST tables with the same keys, GSIs, TTL, PITR and outputs', () => {
      template.resourceCountIs('AWS::DynamoDB::Table', 2);
      template.resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
      const { logicalId, resource } = findTable(template, 'AWS::DynamoDB::Table', 'OrdersTable');
      const properties = resource.Properties;
      expect(properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(properties.SSESpecification).toEqual({ SSEEnabled: false });
      expect(properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
      expect((properties.GlobalSecondaryIndexes as { IndexName: string }[]).map((gsi) => gsi.IndexName)).toEqual([
        'byStatus',
        'bySku',
        'byRegion',
      ]);
      expect(resource.DeletionPolicy).toBe('Delete');
      expect(findTable(template, 'AWS::DynamoDB::Table', 'AuditLogTable').resource.Properties.SSESpecification).toEqual({ SSEEnabled: true });
      template.hasOutput('OrdersTableArn', { Value: { 'Fn::GetAtt': [logicalId, 'Arn'] } });
    });
  });
});
