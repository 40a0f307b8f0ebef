/**
 * apply for SQLite, proved on a real engine: each SQLite fixture app is planned, its rows copied
 * from the SQLite file by migrate-data, its code migrated, and the migrated app started against
 * dynalite must answer the fixture's whole request list as the original did.
 */
import { describeMismatches, removeCopy, stopAllApps } from '../support/replay';
import { migrateSqliteFixture } from './migrateSqliteFixture';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
jest.setTimeout(180000);

// Apps that pass today (express-ts-users-better-sqlite3: its all-or-nothing import is one inTransaction,
// emulated with compensation on dynalite). SQLITE_E2E=a,b runs others.
const FIXTURES = (process.env.SQLITE_E2E ?? 'express-tasks-sqlite3-callback,fastify-orders-sqlite-wrapper,express-library-sqlite3-callback,express-issues-sqlite-wrapper,express-blog-better-sqlite3,express-ts-users-better-sqlite3,express-inventory-sqlite3-mvc').split(',');

afterAll(() => stopAllApps());

describe.each(FIXTURES)('%s on dynalite after plan + migrate-data + apply', (name) => {
  it('applies cleanly and replays every request like the original', async () => {
    const run = await migrateSqliteFixture(name);
    try {
      expect(run.planExit).toBe(0);
      if (run.migrate.exit !== 0) throw new Error(`migrate-data exit ${run.migrate.exit}:\n${run.migrate.output}`);
      expect(run.dry.changedFiles).toEqual([]);
      const mismatches = describeMismatches(run.results);
      if (mismatches.length) throw new Error(`${mismatches.join('\n')}\n--- app stderr ---\n${run.appOutput.stderr}`);
      expect({ exit: run.apply.exit, output: run.apply.output }).toEqual({ exit: 0, output: expect.stringContaining('0 TODO markers left') });
      expect({ changed: run.second.changedFiles, exit: run.second.exit }).toEqual({ changed: [], exit: 0 });
    } finally {
      if (!process.env.KEEP_FIXTURE_COPIES) await removeCopy(run.dir);
    }
  });
});
