/**
 * Uniqueness on a non-key attribute, run for real on dynalite through the shared client module
 * apply generates: guard items claimed with conditional puts (putUnique / updateUnique /
 * deleteUnique / findByUnique), the same guard items migrate-data writes (toGuardItems).
 *
 * dynalite has no TransactWriteItems (see /work/shared/FACTS.md), which is also why the design
 * claims the guard first and releases it when the item write fails, instead of one transaction.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { TableDesign } from '../../src/model/table-design';
import { renderClientModule } from '../../src/emit/renderClientModule';
import { toGuardItems } from '../../src/migrate/toItem';
import { makeRepoTempDir } from '../support/fixture-files';
import { createTables, startLocalDynamo, type LocalDynamo } from './support/local-dynamodb';

const table = { billing: 'PAY_PER_REQUEST' as const, pointInTimeRecovery: true, removalPolicy: 'destroy' as const, gsis: [] };
const design: TableDesign = {
  version: 1,
  tables: [
    { ...table, name: 'Users', envVar: 'USERS_TABLE_NAME', entity: 'User', partitionKey: { name: 'id', type: 'string' } },
    { ...table, name: 'UniqueValues', envVar: 'UNIQUE_VALUES_TABLE_NAME', entity: 'User', purpose: 'unique-values', partitionKey: { name: 'uniqueKey', type: 'string' } },
  ],
  entities: {
    User: {
      table: 'Users',
      idStrategy: 'uuid',
      idAttribute: { name: 'id', type: 'string' },
      uniqueAttributes: [{ attribute: 'email', table: 'UniqueValues', key: { uniqueKey: 'User#email#{email}' }, lookup: 'guard' }],
    },
  },
  handlers: [],
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ClientModule = any;

describe('unique attributes through guard items (shared client, dynalite)', () => {
  let local: LocalDynamo;
  let dir: string;
  let m: ClientModule;
  const savedEndpoint = process.env.DYNAMODB_ENDPOINT;

  beforeAll(async () => {
    local = await startLocalDynamo();
    await createTables(local, design);
    dir = makeRepoTempDir('unique-guards-');
    fs.writeFileSync(path.join(dir, 'db.js'), renderClientModule(design, 'cjs'));
    process.env.DYNAMODB_ENDPOINT = local.endpoint;
    m = require(path.join(dir, 'db.js'));
  });
  afterAll(async () => {
    m?.db.destroy();
    if (savedEndpoint === undefined) delete process.env.DYNAMODB_ENDPOINT;
    else process.env.DYNAMODB_ENDPOINT = savedEndpoint;
    fs.rmSync(dir, { recursive: true, force: true });
    await local.stop();
  });

  const scan = async (TableName: string) => (await local.doc.send(new ScanCommand({ TableName }))).Items ?? [];
  const put = (id: string, email: string) => m.putUnique({ TableName: m.USERS_TABLE_NAME, Item: { id, name: id, email } });
  const outcome = (promise: Promise<unknown>) => promise.then(() => 'ok', (error) => (m.isConditionFailed(error) ? 'taken' : String(error)));

  it('renders the design guards into the module', () => {
    expect(renderClientModule(design, 'cjs')).toContain(
      "[USERS_TABLE_NAME]: [{ attribute: 'email', table: UNIQUE_VALUES_TABLE_NAME, key: { uniqueKey: 'User#email#{email}' }, id: 'id' }],",
    );
  });

  it('two creates racing for one email: exactly one succeeds, the other gets a condition failure', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, index) => outcome(put(`racer-${index}`, 'race@example.com'))));
    expect(results.filter((result) => result === 'ok')).toHaveLength(1);
    expect(results.filter((result) => result === 'taken')).toHaveLength(7);
    const users = (await scan('Users')).filter((user) => user.email === 'race@example.com');
    expect(users).toHaveLength(1);
    // the guard is the item migrate-data writes for that record, and holds the winner's id
    const guards = (await scan('UniqueValues')).filter((guard) => guard.uniqueKey === 'User#email#race@example.com');
    expect(guards).toEqual(toGuardItems(design, 'User', users[0]).map((guard) => guard.item));
  });

  it('a failed item put releases the claim it made', async () => {
    await put('dup-id', 'first@example.com');
    const second = m.putUnique({ TableName: m.USERS_TABLE_NAME, Item: { id: 'dup-id', email: 'second@example.com' }, ConditionExpression: 'attribute_not_exists(id)' });
    expect(await outcome(second)).toBe('taken');
    const keys = (await scan('UniqueValues')).map((guard) => guard.uniqueKey);
    expect(keys).toContain('User#email#first@example.com');
    expect(keys).not.toContain('User#email#second@example.com');
  });

  it('an update that changes the email moves the guard; a taken email changes nothing', async () => {
    await put('mover', 'old@example.com');
    await put('holder', 'held@example.com');
    const moved = await m.updateUnique(m.updateParams(m.USERS_TABLE_NAME, { id: 'mover' }, { id: 'mover', name: 'Mo', email: 'new@example.com' }));
    expect(moved.Attributes).toEqual({ id: 'mover', name: 'Mo', email: 'new@example.com' });
    let keys = (await scan('UniqueValues')).map((guard) => guard.uniqueKey);
    expect(keys).toContain('User#email#new@example.com');
    expect(keys).not.toContain('User#email#old@example.com');
    // the old email is free again
    expect(await outcome(put('newcomer', 'old@example.com'))).toBe('ok');

    expect(await outcome(m.updateUnique(m.updateParams(m.USERS_TABLE_NAME, { id: 'mover' }, { email: 'held@example.com', name: 'X' })))).toBe('taken');
    expect((await m.findByUnique(m.USERS_TABLE_NAME, 'email', 'new@example.com'))[0]).toEqual({ id: 'mover', name: 'Mo', email: 'new@example.com' });
    keys = (await scan('UniqueValues')).map((guard) => guard.uniqueKey);
    expect(keys).toEqual(expect.arrayContaining(['User#email#new@example.com', 'User#email#held@example.com']));

    // same email again (an update that does not change it) keeps the guard
    await m.updateUnique(m.updateParams(m.USERS_TABLE_NAME, { id: 'mover' }, { email: 'new@example.com', name: 'Mo2' }));
    expect((await m.findByUnique(m.USERS_TABLE_NAME, 'email', 'new@example.com')).map((user: { name: string }) => user.name)).toEqual(['Mo2']);
  });

  it('an update of a missing item fails its condition and leaves no guard behind', async () => {
    const missing = m.updateUnique(m.updateParams(m.USERS_TABLE_NAME, { id: 'nobody' }, { email: 'ghost@example.com' }));
    expect(await outcome(missing)).toBe('taken');
    expect((await scan('UniqueValues')).map((guard) => guard.uniqueKey)).not.toContain('User#email#ghost@example.com');
  });

  it('a delete releases the guard; findByUnique reads guard then item', async () => {
    await put('leaver', 'leaver@example.com');
    expect(await m.findByUnique(m.USERS_TABLE_NAME, 'email', 'leaver@example.com')).toEqual([{ id: 'leaver', name: 'leaver', email: 'leaver@example.com' }]);
    const deleted = await m.deleteUnique({ TableName: m.USERS_TABLE_NAME, Key: { id: 'leaver' } });
    expect(deleted.Attributes).toBeUndefined(); // not asked for ALL_OLD: same answer as a DeleteCommand
    expect(await m.findByUnique(m.USERS_TABLE_NAME, 'email', 'leaver@example.com')).toEqual([]);
    expect((await scan('UniqueValues')).map((guard) => guard.uniqueKey)).not.toContain('User#email#leaver@example.com');
    expect(await outcome(put('returner', 'leaver@example.com'))).toBe('ok');
    const old = await m.deleteUnique({ TableName: m.USERS_TABLE_NAME, Key: { id: 'returner' }, ReturnValues: 'ALL_OLD' });
    expect(old.Attributes).toEqual({ id: 'returner', name: 'returner', email: 'leaver@example.com' });
    expect((await m.deleteUnique({ TableName: m.USERS_TABLE_NAME, Key: { id: 'returner' }, ReturnValues: 'ALL_OLD' })).Attributes).toBeUndefined();
  });
});
