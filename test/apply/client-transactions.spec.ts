/**
 * The shared client's transactions, run for real against dynalite in a child process (CommonJS and
 * TypeScript flavours). dynalite has no TransactWriteItems (it answers UnknownOperationException),
 * so transactWrite falls back to its compensated emulation: the writes in order, the ones before a
 * failed condition undone, and the TransactionCanceledException AWS would answer. inTransaction(body)
 * maps the failed action back to the app's write and its own catch branch.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TableDesign } from '../../src/model/table-design';
import { renderClientModule } from '../../src/emit/renderClientModule';
import { makeRepoTempDir } from '../support/fixture-files';
import { useLocalTables } from '../support/local-tables';


const table = { billing: 'PAY_PER_REQUEST' as const, pointInTimeRecovery: true, removalPolicy: 'destroy' as const, gsis: [] };
const design: TableDesign = {
  version: 1,
  tables: [
    { ...table, name: 'Users', envVar: 'USERS_TABLE_NAME', entity: 'User', partitionKey: { name: 'id', type: 'number' } },
    { ...table, name: 'UniqueValues', envVar: 'UNIQUE_VALUES_TABLE_NAME', entity: 'User', purpose: 'unique-values', partitionKey: { name: 'uniqueKey', type: 'string' } },
  ],
  entities: {
    User: {
      table: 'Users',
      idStrategy: 'counter',
      idAttribute: { name: 'id', type: 'number' },
      uniqueAttributes: [{ attribute: 'email', table: 'UniqueValues', key: { uniqueKey: 'User#email#{email}' }, lookup: 'guard' }],
    },
  },
  handlers: [],
};

// `m` is the module, `lib` @aws-sdk/lib-dynamodb. Prints one JSON line of results.
const checks = `
  const sent = [];
  const send = m.db.send.bind(m.db);
  m.db.send = (command) => { sent.push(command.constructor.name); return send(command); };
  const U = m.USERS_TABLE_NAME;
  const users = async () => (await m.scanAll({ TableName: U })).sort((a, b) => a.id - b.id).map((u) => u.id + ':' + u.name);
  const guards = async () => (await m.scanAll({ TableName: m.UNIQUE_VALUES_TABLE_NAME })).map((g) => g.uniqueKey + '=' + g.id).sort();
  const failure = async (promise) => promise.then(() => 'no error', (e) => ({ name: e.name, reasons: e.CancellationReasons && e.CancellationReasons.map((r) => r.Code), message: e.message, conditionFailed: m.isConditionFailed(e) }));
  for (const [id, name] of [[1, 'one'], [2, 'two'], [3, 'three']]) await send(new lib.PutCommand({ TableName: U, Item: { id, name } }));

  // all of them: a new item, an overwrite, an update, a delete
  await m.transactWrite([
    { Put: { TableName: U, Item: { id: 4, name: 'four' } } },
    { Put: { TableName: U, Item: { id: 1, name: 'ONE' } } },
    { Update: { TableName: U, Key: { id: 2 }, UpdateExpression: 'SET #n = :n', ExpressionAttributeNames: { '#n': 'name' }, ExpressionAttributeValues: { ':n': 'TWO' } } },
    { Delete: { TableName: U, Key: { id: 3 } } },
  ]);
  const committed = await users();
  const firstTry = sent.filter((name) => name === 'TransactWriteCommand').length;

  // the condition of action 2 fails: actions 0 and 1 are undone, action 3 never runs
  const failed = await failure(m.transactWrite([
    { Put: { TableName: U, Item: { id: 5, name: 'five' } } },
    { Delete: { TableName: U, Key: { id: 1 } } },
    { Put: { TableName: U, Item: { id: 4, name: 'FOUR' }, ConditionExpression: 'attribute_not_exists(id)' } },
    { Put: { TableName: U, Item: { id: 6, name: 'six' } } },
  ]));
  const afterFailure = await users();
  // an update and an overwrite undone: their old images come back
  const failedUpdate = await failure(m.transactWrite([
    { Update: { TableName: U, Key: { id: 2 }, UpdateExpression: 'SET #n = :n', ExpressionAttributeNames: { '#n': 'name' }, ExpressionAttributeValues: { ':n': 'changed' } } },
    { Put: { TableName: U, Item: { id: 1, name: 'changed' } } },
    { Delete: { TableName: U, Key: { id: 4 }, ConditionExpression: 'attribute_not_exists(id)' } },
  ]));
  const afterUpdateFailure = await users();
  const tooMany = await failure(m.transactWrite(Array.from({ length: 101 }, (_, i) => ({ Put: { TableName: U, Item: { id: 100 + i, name: 'x' } } }))));
  const afterTooMany = await users();

  // inTransaction(body): unique values claimed in the same transaction, the app's branch for the failed write
  const create = (tx, id, email) => tx.putUnique({ TableName: U, Item: { id, name: 'u' + id, email } }, (err) => {
    if (m.isConditionFailed(err)) throw new Error('taken: ' + email);
    throw err;
  });
  const result = await m.inTransaction(async (tx) => { create(tx, 10, 'a@x'); create(tx, 11, 'b@x'); return [10, 11]; });
  const afterCreate = { users: await users(), guards: await guards() };
  const taken = await failure(m.inTransaction(async (tx) => { create(tx, 12, 'c@x'); create(tx, 13, 'b@x'); create(tx, 14, 'd@x'); return 'not reached'; }));
  const twice = await failure(m.inTransaction(async (tx) => { create(tx, 15, 'e@x'); create(tx, 16, 'e@x'); }));
  const withoutBranch = await failure(m.inTransaction(async (tx) => { tx.put({ TableName: U, Item: { id: 17, name: 'x' } }); tx.put({ TableName: U, Item: { id: 10, name: 'x' }, ConditionExpression: 'attribute_not_exists(id)' }); }));
  const afterTaken = { users: await users(), guards: await guards() };
  await m.inTransaction(async (tx) => { tx.delete({ TableName: U, Key: { id: 4 }, ReturnValues: 'ALL_OLD' }); tx.delete({ TableName: U, Key: { id: 4 } }); tx.delete({ TableName: U, Key: { id: 99 } }); });
  const afterDeletes = await users();
  const transactAttempts = sent.filter((name) => name === 'TransactWriteCommand').length;
  const describes = sent.filter((name) => name === 'DescribeTableCommand').length;
  console.log(JSON.stringify({ committed, firstTry, failed, afterFailure, failedUpdate, afterUpdateFailure, tooMany, afterTooMany, result, afterCreate, taken, twice, withoutBranch, afterTaken, afterDeletes, transactAttempts, describes }));
`;

describe('shared client transactions (dynalite: compensated emulation)', () => {
  const tables = useLocalTables(design);
  let dir: string;
  beforeAll(() => {
    dir = makeRepoTempDir('client-transactions-');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const flavor of ['cjs', 'ts'] as const) {
    it(`${flavor}: all or nothing, the failed write's own branch, at most 100 actions`, async () => {
      const folder = path.join(dir, flavor);
      fs.mkdirSync(folder, { recursive: true });
      const module = flavor === 'cjs' ? 'db.js' : 'db.ts';
      fs.writeFileSync(path.join(folder, module), renderClientModule(design, flavor));
      const head = flavor === 'cjs' ? `const m = require('./db.js');\nconst lib = require('@aws-sdk/lib-dynamodb');\n` : `import * as mod from './db';\nimport * as lib from '@aws-sdk/lib-dynamodb';\n`;
      const runner = flavor === 'cjs' ? 'check.cjs' : 'check.ts';
      fs.writeFileSync(path.join(folder, runner), `${head}(async () => {${flavor === 'ts' ? 'const m: any = mod;' : ''}${checks}})().catch((e) => { console.error(e); process.exit(1); });\n`);
      const r = await tables.runScript<any>(folder, runner, flavor === 'ts' ? ['--import', 'tsx'] : []);
      expect(r.committed).toEqual(['1:ONE', '2:TWO', '4:four']);
      // the real request went first; dynalite refused it (UnknownOperationException), so the client emulates from then on
      expect(r.firstTry).toBe(1);
      expect(r.failed).toEqual({
        name: 'TransactionCanceledException',
        reasons: ['None', 'None', 'ConditionalCheckFailed', 'None'],
        message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, None, ConditionalCheckFailed, None]',
        conditionFailed: false,
      });
      expect(r.afterFailure).toEqual(['1:ONE', '2:TWO', '4:four']);
      expect(r.failedUpdate.reasons).toEqual(['None', 'None', 'ConditionalCheckFailed']);
      expect(r.afterUpdateFailure).toEqual(['1:ONE', '2:TWO', '4:four']);
      expect(r.tooMany.message).toMatch(/^transactWrite: 101 writes in one transaction, DynamoDB takes at most 100; nothing was written/);
      expect(r.afterTooMany).toEqual(['1:ONE', '2:TWO', '4:four']);
      expect(r.result).toEqual([10, 11]);
      expect(r.afterCreate).toEqual({ users: ['1:ONE', '2:TWO', '4:four', '10:u10', '11:u11'], guards: ['User#email#a@x=10', 'User#email#b@x=11'] });
      // b@x is taken: the branch of the second write answers, and nothing of the batch is kept
      expect(r.taken).toMatchObject({ name: 'Error', message: 'taken: b@x' });
      // the same value twice in one batch: the later write fails, as the second INSERT did in SQLite
      expect(r.twice).toMatchObject({ name: 'Error', message: 'taken: e@x' });
      // a write without a branch throws what a single conditional write throws
      expect(r.withoutBranch).toMatchObject({ name: 'ConditionalCheckFailedException', conditionFailed: true });
      expect(r.afterTaken).toEqual(r.afterCreate);
      // one row deleted twice in a batch and a missing row: no refusal, as in SQLite
      expect(r.afterDeletes).toEqual(['1:ONE', '2:TWO', '10:u10', '11:u11']);
      expect(r.transactAttempts).toBe(1);
      // key names come from the design: no DescribeTable, a call no handler is granted
      expect(r.describes).toBe(0);
    });
  }
});
