/**
 * End-to-end proof for one SQLite fixture app: copy it, start the original once so it creates its
 * database file (schema + seed rows, as a real deployment already has), `plan --yes`, copy the rows
 * into dynalite with `migrate-data` (it reads the SQLite file, so it runs before `apply` rewrites
 * the code that names it), `apply --dry`, `apply`, `apply` again, then start the migrated app
 * against dynalite and replay the fixture's requests.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runMigrateData } from '../../src/commands/migrate-data';
import { runPlan } from '../../src/commands/plan';
import type { TableDesign } from '../../src/model/table-design';
import { copyFixture, loadFixture, replayRequests, startApp, type Fixture, type ReplayResult } from '../support/replay';
import { applyDryThenTwice, collect } from '../apply/support/migrate-fixture';
import { startLocalDynamo } from '../apply/support/local-dynamodb';

export interface SqliteRun {
  dir: string;
  fixture: Fixture;
  planExit: number;
  migrate: { exit: number; output: string };
  dry: { exit: number; output: string; changedFiles: string[] };
  apply: { exit: number; output: string };
  second: { exit: number; output: string; changedFiles: string[] };
  design: TableDesign;
  results: ReplayResult[];
  appOutput: { stdout: string; stderr: string };
}

const ENV = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

export async function migrateSqliteFixture(name: string): Promise<SqliteRun> {
  const dir = await copyFixture(name);
  const fixture = await loadFixture(dir);
  await createDatabaseFile(dir, fixture);
  const planOut = collect();
  const planExit = await runPlan({ dir, yes: true, stdout: planOut.stream, stderr: planOut.stream });
  const design: TableDesign = JSON.parse(fs.readFileSync(path.join(dir, '.migration', 'dynamodb.json'), 'utf8'));
  const local = await startLocalDynamo();
  try {
    const migrateOut = collect();
    const migrateExit = await runMigrateData({ dir, endpoint: local.endpoint, region: 'us-east-1', createTables: true, stdout: migrateOut.stream, stderr: migrateOut.stream });
    const { dry, apply, second } = await applyDryThenTwice(dir);
    const app = await startApp(dir, fixture, { DYNAMODB_ENDPOINT: local.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', ...ENV });
    try {
      const results = await replayRequests(app, fixture, { ignoreArrayOrder: false });
      return {
        dir,
        fixture,
        planExit,
        migrate: { exit: migrateExit, output: migrateOut.text() },
        dry,
        apply: { exit: apply.exit, output: apply.output },
        second,
        design,
        results,
        appOutput: app.output(),
      };
    } finally {
      await app.stop();
    }
  } finally {
    await local.stop();
  }
}

/** Starts the original app until it listens (it opens the file, creates the schema, seeds), then stops it. */
async function createDatabaseFile(dir: string, fixture: Fixture): Promise<void> {
  const app = await startApp(dir, fixture, ENV);
  await new Promise((resolve) => setTimeout(resolve, 300)); // queued sqlite3 statements finish after listen()
  await app.stop();
}

