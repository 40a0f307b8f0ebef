/**
 * verify's behaviour check on a SQLite app that creates its database file when it starts (schema +
 * seed rows; apply retired the seeding): the original starts first, so migrate-data has its rows
 * to load and the migrated app answers from the same data. The cost report shows the import's
 * TransactWriteItems with its actions, which the proxy answers itself (dynalite has none).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkBehaviour } from '../../src/verify/behaviour/checkBehaviour';
import type { TableDesign } from '../../src/model/table-design';
import { removeCopy } from '../support/fixture-files';
import { stopAllApps } from '../support/start-app';
import { migratedFixture } from './support/migratedFixture';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.CDK_DISABLE_CLI_TELEMETRY = 'true';
jest.setTimeout(300_000);

let dir: string | undefined;
afterAll(async () => {
  await stopAllApps();
  if (dir && !process.env.KEEP_FIXTURE_COPIES) await removeCopy(dir);
});

it('express-ts-users-better-sqlite3 (users.db made at start): the seeded rows are loaded, answers about them are the original ones', async () => {
  dir = await migratedFixture('express-ts-users-better-sqlite3');
  const design = JSON.parse(readFileSync(join(dir, '.migration', 'dynamodb.json'), 'utf8')) as TableDesign;
  const { checks, report } = await checkBehaviour(dir, design);
  const requests = report!.requests;
  const named = (name: string) => requests.find((request) => request.name === name)!;
  // without the seeded rows each of these differed (no users, 404 for user 2, bob's email free)
  for (const name of [
    'list the seeded users, by id',
    'read a seeded user: 0/1 columns come back as booleans, snake_case as camelCase',
    'filter: only admins',
    'filter: only non-admins',
    'look a user up by email',
    'an import with one taken email is a 409',
    'and nothing of that batch was kept',
  ]) {
    expect({ name, differences: named(name).differences }).toEqual({ name, differences: [] });
  }
  expect(named('read a seeded user: 0/1 columns come back as booleans, snake_case as camelCase')).toMatchObject({ original: { status: 200 }, migrated: { status: 200 }, calls: ['GetItem Users'] });
  // What still differs is the id gap the plan announces: a create refused for a taken email took
  // its counter id first (SQLite's AUTOINCREMENT does not), so later ids are higher on DynamoDB.
  const differing = requests.filter((request) => request.differences.length > 0).map((request) => request.name);
  expect(differing).toEqual(['create an admin', 'the admin filter sees the new admin', 'import two users in one transaction', 'the email of a deleted user is free again']);
  expect(named('create an admin').differences).toEqual(['body.id: original 5, migrated 6']);

  // the first transaction of the app: its writes are audited against the import handler's grants
  const imported = named('import two users in one transaction');
  expect(imported.calls).toContainEqual(expect.stringMatching(/^TransactWriteItems \[PutItem UniqueValues, PutItem Users, PutItem UniqueValues, PutItem Users\]$/));
  expect(imported.costProblems).toEqual([]);
  // counted as AWS gets it: no single writes (and no undo of a cancelled batch) beside the transaction
  expect(named('an import with one taken email is a 409').calls.filter((call) => /^(PutItem|DeleteItem)/.test(call))).toEqual([]);
  if (checks[1].status !== 'pass') console.log(JSON.stringify(checks[1], null, 1));
  expect(checks[1]).toMatchObject({ name: 'cost', status: 'pass' });
});
