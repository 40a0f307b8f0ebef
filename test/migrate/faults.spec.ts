/**
 * Faults, for real: a proxy in front of dynalite throttles (400 ThrottlingException /
 * ProvisionedThroughputExceededException), fails with 500, hands back half of batches as
 * UnprocessedItems / UnprocessedKeys, and drops connections both before and after dynalite applied
 * a write. The migration still ends with every record present and verified; the records are then
 * checked again by scanning dynalite directly, not through the proxy.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { removeCopy } from '../support/fixture-files';
import { startFaultProxy, type FaultProxy } from './support/faultProxy';
import { parseJsonSummary, prepareFixture, runCommand, startDynalite, type LocalDynamo } from './support/local';

let local: LocalDynamo;
let proxy: FaultProxy;
let dir: string;

beforeAll(async () => {
  local = await startDynalite();
  proxy = await startFaultProxy(local.endpoint, {
    fault: (n, operation) => {
      if (operation === 'BatchWriteItem') {
        if (n % 6 === 1) return 'throttle';
        if (n % 6 === 3) return 'unprocessed';
        if (n % 6 === 5) return n % 12 === 5 ? 'drop-before' : 'drop-after';
        if (n % 20 === 10) return 'server-error';
        return undefined;
      }
      if (n % 5 === 1) return 'throttle';
      if (n % 5 === 3) return 'unprocessed';
      if (n % 7 === 0) return 'drop-after';
      return undefined;
    },
  });
});
afterAll(async () => {
  await proxy.stop();
  await local.stop();
  if (dir) await removeCopy(dir);
});

describe('migrate-data through a fault-injecting proxy', () => {
  it('ends with every record present and verified despite throttling, 5xx, unprocessed items and dropped connections', async () => {
    const records = Array.from({ length: 1200 }, (_, index) => ({
      id: index + 1,
      title: `Bookmark ${index + 1}`,
      url: `https://example.com/${index + 1}`,
      tags: index % 2 ? ['docs'] : ['node', 'web'],
      createdAt: new Date(Date.UTC(2024, 0, 1) + index * 60_000).toISOString(),
    }));
    dir = await prepareFixture('express-bookmarks-json-sync', {}, (copy) => fs.writeFile(path.join(copy, 'data', 'bookmarks.json'), JSON.stringify({ bookmarks: records })));

    const run = await runCommand({ dir, endpoint: proxy.endpoint, createTables: true, json: true, concurrency: 6, library: { retry: { baseDelayMs: 2, maxDelayMs: 40 } } });
    expect(run.stderr).not.toMatch(/stopped/);
    expect(run.code).toBe(0);
    const summary = parseJsonSummary(run);
    expect(summary.verified).toBe(true);
    expect(summary.tables.find((table) => table.table === 'Bookmarks')).toMatchObject({ source: 1200, written: 1200, verified: 1200, ok: true });

    // every kind of fault really happened, and was retried
    expect(proxy.counts.throttled).toBeGreaterThan(5);
    expect(proxy.counts.serverErrors).toBeGreaterThan(0);
    expect(proxy.counts.unprocessed).toBeGreaterThan(5);
    expect(proxy.counts.droppedBefore).toBeGreaterThan(0);
    expect(proxy.counts.droppedAfter).toBeGreaterThan(0);
    expect(summary.retries.throttled).toBeGreaterThan(5);
    expect(summary.retries.transient).toBeGreaterThan(2);
    expect(summary.retries.unprocessed).toBeGreaterThan(5);

    // straight from dynalite, not through the proxy
    const items = await local.scanAll('Bookmarks');
    expect(items.sort((a, b) => Number(a.id) - Number(b.id))).toEqual(records);
    expect(await local.scanAll('Counters')).toEqual([{ counter: 'Bookmark', value: 1200 }]);
  });
});

describe('verification catches what retries cannot', () => {
  it('a write acknowledged but not stored, and a value changed in transit: exit 1 with the differing keys', async () => {
    const liar = await startFaultProxy(local.endpoint, { fault: (n, operation) => (operation !== 'BatchWriteItem' ? undefined : n === 2 ? 'swallow' : n === 3 ? 'corrupt' : undefined) });
    try {
      const records = Array.from({ length: 100 }, (_, index) => ({ id: index + 1, title: `Bookmark ${index + 1}`, url: 'https://example.com', tags: [], createdAt: '2024-01-01T00:00:00.000Z' }));
      const copy = await prepareFixture('express-bookmarks-json-sync', {}, (target) => fs.writeFile(path.join(target, 'data', 'bookmarks.json'), JSON.stringify({ bookmarks: records })));
      try {
        const env = { ...process.env, BOOKMARKS_TABLE_NAME: 'BookmarksLied', COUNTERS_TABLE_NAME: 'CountersLied' };
        const run = await runCommand({ dir: copy, endpoint: liar.endpoint, createTables: true, json: true, concurrency: 1, library: { env } });
        expect(liar.counts).toMatchObject({ swallowed: 1, corrupted: 1 });
        expect(run.code).toBe(1);
        const summary = parseJsonSummary(run);
        expect(summary.verified).toBe(false);
        const table = summary.tables.find((entry) => entry.table === 'BookmarksLied')!;
        expect(table).toMatchObject({ source: 100, written: 100, verified: 74, ok: false });
        expect(table.missing).toEqual(Array.from({ length: 25 }, (_, index) => `id=${26 + index}`)); // the swallowed batch
        expect((table as { different?: string[] }).different).toEqual(['id=51']); // first put of the corrupted batch
        expect(run.stderr).toContain('BookmarksLied: missing id=26; id=27;');
        expect(run.stderr).toContain('BookmarksLied: different content id=51');
      } finally {
        await removeCopy(copy);
      }
    } finally {
      await liar.stop();
    }
  });
});
