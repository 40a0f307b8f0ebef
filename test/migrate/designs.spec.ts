/**
 * The items migrate-data writes follow the design, whatever its layout: the single-table layout
 * (typed keys, overloaded index keys, the counter item in the same table) with a TTL attribute
 * derived in epoch seconds, created with --create-tables on dynalite (which has no
 * UpdateTimeToLive: noted, not fatal) and queried through its GSI afterwards.
 */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { removeCopy } from '../support/fixture-files';
import { parseJsonSummary, prepareFixture, runCommand, startDynalite, type LocalDynamo } from './support/local';

let local: LocalDynamo;
let dir: string;

beforeAll(async () => {
  local = await startDynalite();
});
afterAll(async () => {
  await local.stop();
  if (dir) await removeCopy(dir);
});

describe('items per design', () => {
  it('single-table layout with a TTL: typed keys, padded index keys, epoch-seconds TTL, counter item in the table', async () => {
    dir = await prepareFixture('express-notes-array', { singleTable: true, ttl: ['Note.createdAt'] });
    const run = await runCommand({ dir, endpoint: local.endpoint, createTables: true, json: true });
    expect(run.code).toBe(0);
    const summary = parseJsonSummary(run);
    expect(summary.tables).toEqual([expect.objectContaining({ table: 'App', source: 4, written: 4, verified: 4, ok: true })]);
    expect(summary.notes).toContainEqual(expect.stringMatching(/does not support UpdateTimeToLive: TTL is not enabled on App\.ttl here/));

    const table = (await local.doc.send(new DescribeTableCommand({ TableName: 'App' }))).Table!;
    expect(table.KeySchema).toEqual([
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ]);
    expect(table.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['GSI1']);

    const items = (await local.scanAll('App')).sort((a, b) => String(a.PK).localeCompare(String(b.PK)));
    expect(items).toEqual([
      { PK: 'COUNTER#NOTE', SK: 'COUNTER#NOTE', value: 3 },
      {
        PK: 'NOTE#1',
        SK: 'NOTE#1',
        GSI1PK: 'NOTE',
        GSI1SK: 'NOTE#00000000000000000001',
        ttl: Date.parse('2024-01-10T09:00:00.000Z') / 1000,
        id: 1,
        title: 'Welcome',
        content: 'This is your first note. Edit or delete it!',
        createdAt: '2024-01-10T09:00:00.000Z',
      },
      expect.objectContaining({ PK: 'NOTE#2', GSI1SK: 'NOTE#00000000000000000002', ttl: Date.parse('2024-01-11T18:30:00.000Z') / 1000 }),
      expect.objectContaining({ PK: 'NOTE#3', GSI1SK: 'NOTE#00000000000000000003', ttl: Date.parse('2024-01-12T08:15:00.000Z') / 1000 }),
    ]);

    // the list the app will make: every note, in id order, through the overloaded index
    const listed = await local.doc.send(new QueryCommand({ TableName: 'App', IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :type', ExpressionAttributeValues: { ':type': 'NOTE' } }));
    expect(listed.Items?.map((item) => item.id)).toEqual([1, 2, 3]);
  });
});
