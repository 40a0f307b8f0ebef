/**
 * `--export s3-import`: DynamoDB JSON lines, gzip, split by size, checked by reading the files
 * back with an independent unmarshaller; and the `importSource` the stack generator gets is
 * accepted by aws-cdk-lib's Table and synthesises the CloudFormation import specification.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, BillingMode, InputCompressionType, InputFormat, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { getImportSource, renderImportSource } from '../../src/migrate/export/getImportSource';
import { removeCopy } from '../support/fixture-files';
import { parseJsonSummary, prepareFixture, runCommand } from './support/local';

let dir: string;
afterAll(async () => {
  if (dir) await removeCopy(dir);
});

describe('migrate-data --export s3-import', () => {
  const records = Array.from({ length: 400 }, (_, index) => ({
    id: index + 1,
    title: `Bookmark ${index + 1} — ${'long text '.repeat(10)}`,
    url: `https://example.com/${index + 1}`,
    tags: index % 2 ? ['docs'] : [],
    createdAt: new Date(Date.UTC(2024, 0, 1) + index * 1000).toISOString(),
  }));

  it('writes gzip DynamoDB JSON split into files, reads them back, with no DynamoDB at all (no endpoint, no region)', async () => {
    dir = await prepareFixture('express-bookmarks-json-sync', {}, (copy) => fs.writeFile(path.join(copy, 'data', 'bookmarks.json'), JSON.stringify({ bookmarks: records })));
    const run = await runCommand({ dir, export: 's3-import', json: true, library: { maxExportFileBytes: 40_000, env: { PATH: process.env.PATH } } });
    expect(run.code).toBe(0);
    const summary = parseJsonSummary(run);
    expect(summary.verified).toBe(true);
    expect(summary.tables.map(({ table, source, written, verified, ok }) => ({ table, source, written, verified, ok }))).toEqual([
      { table: 'Bookmarks', source: 400, written: 400, verified: 400, ok: true },
      { table: 'Counters', source: 1, written: 1, verified: 1, ok: true },
    ]);

    const folder = path.join(dir, '.migration', 's3-import', 'Bookmarks');
    const files = readdirSync(folder).sort();
    expect(files.length).toBeGreaterThanOrEqual(3); // ~120 KB of lines in files of at most 40 KB
    expect(files[0]).toBe('part-00000.json.gz');
    const items: Record<string, unknown>[] = [];
    for (const file of files) {
      const text = gunzipSync(readFileSync(path.join(folder, file))).toString('utf8');
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(40_000);
      for (const line of text.split('\n').filter(Boolean)) {
        const parsed = JSON.parse(line);
        expect(Object.keys(parsed)).toEqual(['Item']);
        items.push(unmarshall(parsed.Item));
      }
    }
    expect(items.sort((a, b) => Number(a.id) - Number(b.id))).toEqual(records);
    const counters = gunzipSync(readFileSync(path.join(dir, '.migration', 's3-import', 'Counters', 'part-00000.json.gz'))).toString().trim();
    expect(JSON.parse(counters)).toEqual({ Item: { counter: { S: 'Bookmark' }, value: { N: '400' } } });
    expect(statSync(path.join(dir, '.migration', 's3-import', 'README.md')).isFile()).toBe(true);
  });

  it('gives the stack generator an importSource that aws-cdk-lib Table synthesises', () => {
    const spec = getImportSource(dir, 'Bookmarks', { prefix: 'migrations/2024' })!;
    expect(spec).toMatchObject({ inputFormat: 'DYNAMODB_JSON', compressionType: 'GZIP', keyPrefix: 'migrations/2024/Bookmarks/', localDir: '.migration/s3-import/Bookmarks', items: 400 });
    expect(getImportSource(dir, 'Nope')).toBeUndefined();

    const code = renderImportSource(spec, 'importBucket');
    expect(code).toBe("importSource: { bucket: importBucket, keyPrefix: 'migrations/2024/Bookmarks/', inputFormat: InputFormat.dynamoDBJson(), compressionType: InputCompressionType.GZIP }");
    const stack = new Stack(new App(), 'Db');
    const importBucket = Bucket.fromBucketName(stack, 'Imports', 'my-import-bucket');
    // the rendered property, evaluated as the generated stack would run it
    const props = new Function('importBucket', 'InputFormat', 'InputCompressionType', `return ({ ${code} });`)(importBucket, InputFormat, InputCompressionType);
    new Table(stack, 'Bookmarks', { partitionKey: { name: 'id', type: AttributeType.NUMBER }, billingMode: BillingMode.PAY_PER_REQUEST, ...props });
    Template.fromStack(stack).hasResourceProperties('AWS::DynamoDB::Table', {
      ImportSourceSpecification: { InputFormat: 'DYNAMODB_JSON', InputCompressionType: 'GZIP', S3BucketSource: { S3Bucket: 'my-import-bucket', S3KeyPrefix: 'migrations/2024/Bookmarks/' } },
    });
  });
});
