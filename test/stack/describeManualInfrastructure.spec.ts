import { parse } from 'yaml';
import { describeManualInfrastructure } from '../../src/stack/describeManualInfrastructure';
import { generateDatabaseStack } from '../../src/stack/generateDatabaseStack';
import { makeDesign, makeTable } from './designs';

const design = makeDesign(
  [
    makeTable({ name: 'Notes', ttlAttribute: 'expiresAt', removalPolicy: 'retain' }),
    makeTable({
      name: 'Comments',
      partitionKey: { name: 'noteId', type: 'string' },
      sortKey: { name: 'createdAt', type: 'number' },
      gsis: [{ name: 'byAuthor', partitionKey: { name: 'authorId', type: 'string' }, projection: ['body'] }],
      encryption: 'AWS_MANAGED',
    }),
  ],
  [
    { file: 'src/getNote.ts', actions: ['GetItem'], tables: ['Notes'] },
    {
      file: 'src/addComment.ts',
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
      tables: ['Notes', 'Comments'],
      indexes: ['byAuthor'],
      grants: [
        { table: 'Notes', actions: ['dynamodb:GetItem'] },
        { table: 'Comments', actions: ['dynamodb:PutItem', 'dynamodb:Query'], indexes: ['byAuthor'] },
      ],
    },
  ],
);

describe('describeManualInfrastructure', () => {
  it('gives Serverless Framework users valid YAML: tables as CloudFormation, per-function exact statements', () => {
    const guide = describeManualInfrastructure('serverless', design);
    expect(guide.message).toMatch(/Serverless Framework, which dynamodb-codemod does not wire yet/);
    expect(guide.message).toMatch(/NOTES_TABLE_NAME, COMMENTS_TABLE_NAME/);
    expect(guide.reference).toBe(generateDatabaseStack(design));
    const parsed = parse(guide.snippet);
    const comments = parsed.resources.Resources.CommentsTable;
    expect(comments.Properties.KeySchema).toEqual([
      { AttributeName: 'noteId', KeyType: 'HASH' },
      { AttributeName: 'createdAt', KeyType: 'RANGE' },
    ]);
    expect(comments.Properties.GlobalSecondaryIndexes[0].Projection).toEqual({ ProjectionType: 'INCLUDE', NonKeyAttributes: ['body'] });
    expect(comments.Properties.SSESpecification).toEqual({ SSEEnabled: true });
    expect(parsed.resources.Resources.NotesTable.DeletionPolicy).toBe('Retain');
    expect(parsed.resources.Resources.NotesTable.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(parsed.functions.addComment.iamRoleStatements.map((statement: { Action: string[] }) => statement.Action)).toEqual([
      ['dynamodb:GetItem'],
      ['dynamodb:PutItem', 'dynamodb:Query'],
    ]);
    expect(parsed.functions.getNote.iamRoleStatements[0].Resource).toEqual([{ 'Fn::GetAtt': ['NotesTable', 'Arn'] }]);
    expect(guide.snippet).not.toMatch(/dynamodb:\*(?! at provider level)/);
  });

  it('gives Terraform users one aws_dynamodb_table per table and one policy document per handler', () => {
    const { snippet, snippetLanguage } = describeManualInfrastructure('terraform', design);
    expect(snippetLanguage).toBe('hcl');
    expect(snippet).toContain('resource "aws_dynamodb_table" "comments" {');
    expect(snippet).toContain('  range_key    = "createdAt"');
    expect(snippet).toContain('    non_key_attributes = ["body"]');
    expect(snippet).toMatch(/resource "aws_dynamodb_table" "notes" \{[\s\S]*prevent_destroy = true/);
    expect(snippet).toContain('data "aws_iam_policy_document" "src_addcomment_dynamodb" {');
    expect(snippet).toContain('    resources = [aws_dynamodb_table.comments.arn, "${aws_dynamodb_table.comments.arn}/index/*"]');
    expect(snippet).toContain('    actions   = ["dynamodb:GetItem"]\n    resources = [aws_dynamodb_table.notes.arn]');
  });

  it('gives SST users sst.aws.Dynamo tables and permissions instead of link', () => {
    const { snippet } = describeManualInfrastructure('sst', design);
    expect(snippet).toContain('const commentsTable = new sst.aws.Dynamo("CommentsTable", {');
    expect(snippet).toContain('  primaryIndex: { hashKey: "noteId", rangeKey: "createdAt" },');
    expect(snippet).toContain('    byAuthor: { hashKey: "authorId", projection: ["body"] },');
    expect(snippet).toContain('//   permissions: [{ actions: ["dynamodb:GetItem"], resources: [notesTable.arn] }],');
  });

  it('creates a table from the S3 import files when the design has an importSource, in every tool', () => {
    const imported = makeDesign([makeTable({ name: 'Notes', importSource: { bucket: 'my-imports', keyPrefix: 'Notes/' } })]);
    const serverless = parse(describeManualInfrastructure('serverless', imported).snippet);
    expect(serverless.resources.Resources.NotesTable.Properties.ImportSourceSpecification).toEqual({
      InputFormat: 'DYNAMODB_JSON',
      InputCompressionType: 'GZIP',
      S3BucketSource: { S3Bucket: 'my-imports', S3KeyPrefix: 'Notes/' },
    });
    expect(describeManualInfrastructure('terraform', imported).snippet).toContain(
      '  import_table {\n    input_format           = "DYNAMODB_JSON"\n    input_compression_type = "GZIP"\n    s3_bucket_source {\n      bucket     = "my-imports"\n      key_prefix = "Notes/"\n    }\n  }\n}',
    );
    expect(describeManualInfrastructure('sst', imported).snippet).toContain(
      '  transform: { table: { pointInTimeRecovery: { enabled: true }, importTable: { inputFormat: "DYNAMODB_JSON", inputCompressionType: "GZIP", s3BucketSource: { bucket: "my-imports", keyPrefix: "Notes/" } } } },',
    );
    expect(describeManualInfrastructure('terraform', design).snippet).not.toContain('import_table');
    expect(parse(describeManualInfrastructure('serverless', design).snippet).resources.Resources.NotesTable.Properties.ImportSourceSpecification).toBeUndefined();
  });
});
