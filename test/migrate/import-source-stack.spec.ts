/**
 * Issue 8 item 4: a table of the design with `importSource` is created by DynamoDB's import from
 * S3. aws-cdk-lib offers importSource on `Table` only (TableV2 is a GlobalTable, which cannot
 * import), so that one table is a `Table` in an otherwise TableV2 stack. Synthesised for real and
 * checked with aws-cdk-lib/assertions.
 */
import { App, type Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { TableDesign } from '../../src/model/table-design';
import { validateDesign } from '../../src/plan/validate-design';
import { generateDatabaseStack } from '../../src/stack/generateDatabaseStack';
import { loadGeneratedModule } from '../stack/helpers';

type StackModule = { DatabaseStack: new (scope: App, id: string) => Stack & Record<string, unknown> };

function design(): TableDesign {
  const table = (name: string, entity: string) => ({
    name,
    envVar: `${name.toUpperCase()}_TABLE_NAME`,
    entity,
    partitionKey: { name: 'id', type: 'number' as const },
    gsis: [] as TableDesign['tables'][number]['gsis'],
    billing: 'PAY_PER_REQUEST' as const,
    pointInTimeRecovery: true,
    removalPolicy: 'destroy' as const,
    encryption: 'AWS_OWNED' as const,
  });
  const notes = { ...table('Notes', 'Note'), ttlAttribute: 'ttl', importSource: { bucket: 'acme-migration', keyPrefix: 'exports/Notes/' } };
  notes.gsis.push({ name: 'userId-index', partitionKey: { name: 'userId', type: 'number' }, projection: 'ALL' });
  return {
    version: 1,
    tables: [notes, table('Users', 'User')],
    entities: {
      Note: { table: 'Notes', idStrategy: 'client', attributes: { id: 'number', userId: 'number', ttl: 'number' } },
      User: { table: 'Users', idStrategy: 'client', attributes: { id: 'number' } },
    },
    handlers: [],
  };
}

function synthesize(value: TableDesign, tableStyle: 'TableV2' | 'Table' = 'TableV2'): { template: Template; source: string } {
  const source = generateDatabaseStack(value, { tableStyle });
  const { DatabaseStack } = loadGeneratedModule<StackModule>(source);
  return { template: Template.fromStack(new DatabaseStack(new App(), 'DatabaseStack')), source };
}

describe('importSource in the generated stack', () => {
  it('creates the imported table as a Table with ImportSourceSpecification; the other tables stay TableV2', () => {
    const { template, source } = synthesize(design());
    expect(source).toContain('public readonly notesTable: Table;');
    expect(source).toContain('public readonly usersTable: TableV2;');
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'userId-index' })],
      ImportSourceSpecification: {
        InputFormat: 'DYNAMODB_JSON',
        InputCompressionType: 'GZIP',
        S3BucketSource: { S3Bucket: 'acme-migration', S3KeyPrefix: 'exports/Notes/' },
      },
    });
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] });
    expect(JSON.stringify(template.findResources('AWS::DynamoDB::GlobalTable'))).not.toContain('ImportSource');
  });

  it('in a Table-style stack, only the imported table carries the import', () => {
    const { template } = synthesize(design(), 'Table');
    template.resourceCountIs('AWS::DynamoDB::Table', 2);
    const withImport = Object.values(template.findResources('AWS::DynamoDB::Table')).filter((resource) => resource.Properties.ImportSourceSpecification);
    expect(withImport).toHaveLength(1);
  });

  it('a design without importSource gives the same stack as before (no Bucket import, no Table)', () => {
    const plain = design();
    delete plain.tables[0].importSource;
    const { source } = synthesize(plain);
    expect(source).not.toContain('aws-s3');
    expect(source).not.toMatch(/\bnew Table\(/);
  });

  it('the plan rejects a malformed importSource, naming the key', () => {
    const bad = design();
    bad.tables[0].importSource = { bucket: 'Bad_Bucket', keyPrefix: '/x', compressionType: 'ZIP' as never };
    const model = { version: 1 as const, stores: [], entities: [], operations: [], handlers: [], infrastructure: { kind: 'none' as const, files: [] }, diagnostics: [] };
    expect(validateDesign(bad, model).map((error) => error.path)).toEqual([
      'tables[0].importSource.bucket',
      'tables[0].importSource.keyPrefix',
      'tables[0].importSource.compressionType',
    ]);
    expect(validateDesign(design(), model)).toEqual([]);
  });
});
