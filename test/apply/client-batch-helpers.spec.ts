/**
 * The shared client's batch and join helpers, run for real against dynalite in a child process
 * (CommonJS and TypeScript flavours): batchDeleteAll and batchGetAll split at the API limits (25
 * writes, 100 keys) and send what DynamoDB leaves unprocessed again (the test makes the first
 * request of each come back partly unprocessed), joinOne/joinAll keep SQL's INNER JOIN rows.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TableDesign } from '../../src/model/table-design';
import { renderClientModule } from '../../src/emit/renderClientModule';
import { makeRepoTempDir } from '../support/fixture-files';
import { useLocalTables } from '../support/local-tables';

const table = (name: string, envVar: string, partitionKey: string, sortKey?: string) => ({
  name,
  envVar,
  entity: name,
  partitionKey: { name: partitionKey, type: 'number' as const },
  ...(sortKey ? { sortKey: { name: sortKey, type: 'number' as const } } : {}),
  gsis: [],
  billing: 'PAY_PER_REQUEST' as const,
  pointInTimeRecovery: true,
  removalPolicy: 'destroy' as const,
});

const design: TableDesign = {
  version: 1,
  tables: [table('Authors', 'AUTHORS_TABLE_NAME', 'id'), table('PostTags', 'POST_TAGS_TABLE_NAME', 'post_id', 'tag_id')],
  entities: { Author: { table: 'Authors', idStrategy: 'counter' }, PostTag: { table: 'PostTags', idStrategy: 'natural' } },
  handlers: [],
};

// `m` is the module, `lib` @aws-sdk/lib-dynamodb. Prints one JSON line of results.
const checks = `
  const send = m.db.send.bind(m.db);
  const calls = { write: [], get: [] };
  // the first batch request of each kind comes back with part of it unprocessed, as DynamoDB may answer
  m.db.send = async (command) => {
    if (command instanceof lib.BatchWriteCommand) {
      const [[name, requests]] = Object.entries(command.input.RequestItems);
      calls.write.push(requests.length);
      if (calls.write.length === 1) {
        await send(new lib.BatchWriteCommand({ RequestItems: { [name]: requests.slice(0, 10) } }));
        return { UnprocessedItems: { [name]: requests.slice(10) } };
      }
    }
    if (command instanceof lib.BatchGetCommand) {
      const [[name, { Keys }]] = Object.entries(command.input.RequestItems);
      calls.get.push(Keys.length);
      if (calls.get.length === 1) {
        const page = await send(new lib.BatchGetCommand({ RequestItems: { [name]: { Keys: Keys.slice(0, 30) } } }));
        return { Responses: page.Responses, UnprocessedKeys: { [name]: { Keys: Keys.slice(30) } } };
      }
    }
    return send(command);
  };
  for (let tag = 0; tag < 60; tag += 1) await send(new lib.PutCommand({ TableName: m.POST_TAGS_TABLE_NAME, Item: { post_id: 1, tag_id: tag } }));
  for (let tag = 0; tag < 3; tag += 1) await send(new lib.PutCommand({ TableName: m.POST_TAGS_TABLE_NAME, Item: { post_id: 2, tag_id: tag } }));
  for (let id = 1; id <= 120; id += 1) await send(new lib.PutCommand({ TableName: m.AUTHORS_TABLE_NAME, Item: { id, name: 'a' + id } }));
  const tagsOfOne = await m.queryAll({ TableName: m.POST_TAGS_TABLE_NAME, KeyConditionExpression: 'post_id = :p', ExpressionAttributeValues: { ':p': 1 } });
  await m.batchDeleteAll(m.POST_TAGS_TABLE_NAME, tagsOfOne.map((item) => ({ post_id: item.post_id, tag_id: item.tag_id })));
  const left = (await m.scanAll({ TableName: m.POST_TAGS_TABLE_NAME })).map((item) => item.post_id + ':' + item.tag_id).sort();
  const writes = calls.write;
  await m.batchDeleteAll(m.POST_TAGS_TABLE_NAME, []);
  // 130 keys: 1..120 twice over, and 10 without an item
  const keys = [...Array.from({ length: 120 }, (_, i) => ({ id: i + 1 })), ...Array.from({ length: 120 }, (_, i) => ({ id: 120 - i })), ...Array.from({ length: 10 }, (_, i) => ({ id: 1000 + i }))];
  const got = (await m.batchGetAll(m.AUTHORS_TABLE_NAME, keys)).map((item) => item.id).sort((a, b) => a - b);
  const gets = [...calls.get];
  const rows = [{ title: 'x', author_id: 3 }, { title: 'y', author_id: 999 }, { title: 'z', author_id: 1 }, { title: 'w', author_id: null }, { title: 'v', author_id: 3 }];
  const joined = (await m.joinAll(rows, m.AUTHORS_TABLE_NAME, 'id', 'author_id')).map(([row, author]) => row.title + '/' + author.name);
  const one = await m.joinOne(rows[0], m.AUTHORS_TABLE_NAME, 'id', 'author_id');
  const none = [await m.joinOne(rows[1], m.AUTHORS_TABLE_NAME, 'id', 'author_id'), await m.joinOne(undefined, m.AUTHORS_TABLE_NAME, 'id', 'author_id')];
  console.log(JSON.stringify({ left, writes, got: { count: got.length, first: got[0], last: got[got.length - 1] }, gets, joined, one, none }));
`;

describe('shared client batch and join helpers', () => {
  const tables = useLocalTables(design);
  let dir: string;
  beforeAll(() => {
    dir = makeRepoTempDir('client-batch-');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const flavor of ['cjs', 'ts'] as const) {
    it(`${flavor}: batches at the API limits, retries what is unprocessed, joins like INNER JOIN`, async () => {
      const folder = path.join(dir, flavor);
      fs.mkdirSync(folder, { recursive: true });
      const module = flavor === 'cjs' ? 'db.js' : 'db.ts';
      fs.writeFileSync(path.join(folder, module), renderClientModule(design, flavor));
      const head = flavor === 'cjs' ? `const m = require('./db.js');\nconst lib = require('@aws-sdk/lib-dynamodb');\n` : `import * as m from './db';\nimport * as lib from '@aws-sdk/lib-dynamodb';\n`;
      const runner = flavor === 'cjs' ? 'check.cjs' : 'check.ts';
      fs.writeFileSync(path.join(folder, runner), `${head}(async () => {${flavor === 'ts' ? 'const m: any = mod;' : ''}${checks}})().catch((e) => { console.error(e); process.exit(1); });\n`.replace(flavor === 'ts' ? 'import * as m from' : '\0', 'import * as mod from'));
      const result = await tables.runScript(folder, runner, flavor === 'ts' ? ['--import', 'tsx'] : []);
      expect(result.left).toEqual(['2:0', '2:1', '2:2']);
      // 60 deletes: 25 (10 taken, 15 unprocessed), the 15 again, 25, 10
      expect(result.writes).toEqual([25, 15, 25, 10]);
      expect(result.got).toEqual({ count: 120, first: 1, last: 120 });
      // 130 distinct keys: 100 (30 answered, 70 unprocessed), the 70 again, 30
      expect(result.gets).toEqual([100, 70, 30]);
      expect(result.joined).toEqual(['x/a3', 'z/a1', 'v/a3']);
      expect(result.one).toEqual([[{ title: 'x', author_id: 3 }, { id: 3, name: 'a3' }]]);
      expect(result.none).toEqual([[], []]);
    });
  }
});
