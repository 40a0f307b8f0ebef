/**
 * An interrupted run resumes: migrate-data runs in a child process (writes slowed by a proxy so
 * it is still busy), is killed with SIGKILL once its checkpoint shows progress, and the next run
 * skips what the checkpoint says was written, writes the rest and verifies everything.
 */
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CHECKPOINT_FILE } from '../../src/migrate/checkpoint';
import { removeCopy } from '../support/fixture-files';
import { startFaultProxy, type FaultProxy } from './support/faultProxy';
import { parseJsonSummary, prepareFixture, RUNNER, runCommand, startDynalite, TSX_LOADER, type LocalDynamo } from './support/local';

let local: LocalDynamo;
let slow: FaultProxy;
let dir: string;

beforeAll(async () => {
  local = await startDynalite();
  slow = await startFaultProxy(local.endpoint, { delayMs: 15 });
});
afterAll(async () => {
  await slow.stop();
  await local.stop();
  if (dir) await removeCopy(dir);
});

async function readCheckpoint(): Promise<{ sources: Record<string, { done: number }> } | undefined> {
  try {
    return JSON.parse(await fs.readFile(path.join(dir, CHECKPOINT_FILE), 'utf8'));
  } catch {
    return undefined;
  }
}

describe('resume after an interrupt', () => {
  it('a killed run leaves a checkpoint; the next run resumes from it and verifies every record', async () => {
    const records = Array.from({ length: 2000 }, (_, index) => ({ id: index + 1, name: `Product ${index + 1}`, category: index % 3 ? 'kitchen' : 'home', price: (index % 50) + 0.5, stock: index % 7 }));
    dir = await prepareFixture('express-products-json-require', {}, (copy) => fs.writeFile(path.join(copy, 'data', 'products.json'), JSON.stringify(records)));

    const child = spawn(process.execPath, ['--import', TSX_LOADER, RUNNER, dir, slow.endpoint, '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let killedAt = 0;
    for (const deadline = Date.now() + 40_000; Date.now() < deadline; ) {
      const checkpoint = await readCheckpoint();
      const done = checkpoint ? Object.values(checkpoint.sources).reduce((sum, source) => sum + source.done, 0) : 0;
      if (done >= 100) {
        child.kill('SIGKILL');
        killedAt = done;
        break;
      }
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await exited;
    if (killedAt < 100) throw new Error(`the child finished or failed before it could be killed:\n${stderr}`);
    expect(stderr).not.toMatch(/Error/);
    const written = (await local.scanAll('Products')).length;
    expect(written).toBeGreaterThanOrEqual(killedAt);
    expect(written).toBeLessThan(records.length);

    // the same command again (a checkpoint only counts for the endpoint it was made against)
    const resumed = await runCommand({ dir, endpoint: slow.endpoint, json: true });
    expect(resumed.code).toBe(0);
    const summary = parseJsonSummary(resumed);
    expect(summary.verified).toBe(true);
    const products = summary.tables.find((table) => table.table === 'Products')!;
    expect(products).toMatchObject({ source: 2000, written: 2000, verified: 2000, ok: true });
    expect(products.resumed).toBeGreaterThanOrEqual(killedAt); // skipped, not written again
    expect(products.resumed).toBeLessThan(2000);
    expect((await local.scanAll('Products')).sort((a, b) => Number(a.id) - Number(b.id))).toEqual(records);
    expect(existsSync(path.join(dir, CHECKPOINT_FILE))).toBe(false); // removed once every table verified
  });

  it('Ctrl-C stops after the writes in flight, saves the checkpoint and exits 130', async () => {
    const records = Array.from({ length: 1500 }, (_, index) => ({ id: index + 1, name: `Part ${index + 1}`, category: 'spares', price: 1, stock: 1 }));
    await fs.writeFile(path.join(dir, 'data', 'products.json'), JSON.stringify(records));
    const child = spawn(process.execPath, ['--import', TSX_LOADER, RUNNER, dir, slow.endpoint, '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    for (const deadline = Date.now() + 40_000; Date.now() < deadline && child.exitCode === null; ) {
      const checkpoint = await readCheckpoint();
      if (checkpoint && Object.values(checkpoint.sources).some((source) => source.done >= 100)) {
        child.kill('SIGINT');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await exited).toBe(130);
    expect(stderr).toContain('interrupted; progress is saved in .migration/migrate-data.checkpoint.json');
    const saved = Object.values((await readCheckpoint())!.sources)[0].done;
    expect(saved).toBeGreaterThanOrEqual(100);
    expect(saved).toBeLessThan(1500);
    // everything the checkpoint counts as written is in the table
    const ids = new Set((await local.scanAll('Products')).filter((item) => item.category === 'spares').map((item) => Number(item.id)));
    for (let id = 1; id <= saved; id += 1) expect(ids.has(id)).toBe(true);

    const resumed = parseJsonSummary(await runCommand({ dir, endpoint: slow.endpoint, json: true }));
    expect(resumed.verified).toBe(true);
    expect(resumed.tables.find((table) => table.table === 'Products')).toMatchObject({ source: 1500, verified: 1500, resumed: saved });
  });
});
