/**
 * The whole flow: plan → apply → migrate-data → the migrated app. After apply the code no longer
 * holds the data (the memory store is retired into .migration/seed/, the JSON helpers are gone),
 * so migrate-data reads apply's seed file and the data files remembered in .migration/sources.json.
 * The migrated app, started against dynalite with only what migrate-data wrote, must answer the
 * fixture's requests as the original app did: the items are the ones the app expects.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { runApply } from '../../src/commands/apply';
import { describeMismatches, loadFixture, removeCopy, replayRequests, startApp, stopAllApps } from '../support/replay';
import { createSink, parseJsonSummary, prepareFixture, runCommand, startDynalite, type LocalDynamo } from './support/local';

jest.setTimeout(120_000);
let local: LocalDynamo;
const copies: string[] = [];

beforeAll(async () => {
  local = await startDynalite();
});
afterAll(async () => {
  await stopAllApps();
  await local.stop();
  for (const dir of copies) await removeCopy(dir);
});

async function applyFixture(name: string, beforeApply?: (dir: string) => Promise<void>): Promise<string> {
  const dir = await prepareFixture(name);
  copies.push(dir);
  await beforeApply?.(dir);
  const out = createSink();
  const code = await runApply({ dir, force: true, stdout: out, stderr: out });
  if (code !== 0) throw new Error(`apply failed on ${name}:\n${out.text()}`);
  return dir;
}

async function replayOnDynalite(dir: string): Promise<void> {
  const fixture = await loadFixture(dir);
  const app = await startApp(dir, fixture, { DYNAMODB_ENDPOINT: local.endpoint, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
  try {
    const mismatches = describeMismatches(await replayRequests(app, fixture, { ignoreArrayOrder: true }));
    if (mismatches.length) throw new Error(`${mismatches.join('\n')}\n--- app stderr ---\n${app.output().stderr}`);
  } finally {
    await app.stop();
  }
}

describe('plan → apply → migrate-data → the migrated app on dynalite', () => {
  it('express-notes-array: the seed data apply retired into .migration/seed/ is copied, and the app serves it', async () => {
    const dir = await applyFixture('express-notes-array');
    expect(existsSync(path.join(dir, '.migration', 'seed', 'Note.json'))).toBe(true);
    const run = await runCommand({ dir, endpoint: local.endpoint, createTables: true, json: true });
    expect(run.code).toBe(0);
    const summary = parseJsonSummary(run);
    expect(summary.tables.find((table) => table.table === 'Notes')).toMatchObject({ source: 3, verified: 3, ok: true });
    await replayOnDynalite(dir);
  });

  it('express-bookmarks-json-sync: the data file remembered before apply is copied, and the app serves it', async () => {
    // migrate-data --dry on the original code records the data files in .migration/sources.json
    const dir = await applyFixture('express-bookmarks-json-sync', async (copy) => {
      const dry = await runCommand({ dir: copy, dry: true });
      expect(dry.code).toBe(0);
    });
    const run = await runCommand({ dir, endpoint: local.endpoint, createTables: true, json: true });
    expect(run.code).toBe(0);
    expect(parseJsonSummary(run).tables.find((table) => table.table === 'Bookmarks')).toMatchObject({ source: 5, verified: 5, ok: true });
    await replayOnDynalite(dir);

    // without that record, the rewritten code no longer shows where the data was: said, not silently skipped
    await fs.rm(path.join(dir, '.migration', 'sources.json'));
    const blind = parseJsonSummary(await runCommand({ dir, dry: true, json: true }));
    expect(blind.tables).toEqual([]);
    expect(blind.notes).toContainEqual(expect.stringMatching(/^no records source found for Bookmark: the code already uses DynamoDB/));
  });
});
