/**
 * Sharded scanning (src/scan/shard) must give exactly the access model of one scan of the whole
 * project: every fixture app and a generated codebase of every storage kind are scanned both ways
 * and compared as JSON text. The sharded runs use far smaller shards than a real run (one core
 * file a shard) so that shared files, mount chains and the merge are exercised on small apps.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateCodebase } from '../../../bench/generateCodebase';
import type { AccessModel } from '../../../src/model/access-model';
import { scan } from '../../../src/scan';
import { discoverFiles } from '../../../src/scan/discoverFiles';
import { planShards, type ShardPlanOptions } from '../../../src/scan/shard/planShards';
import { scanInShards } from '../../../src/scan/shard/scanInShards';
import { shardScanStats } from '../../../src/scan/shard/shardScanStats';
import { FIXTURES_DIR, listFixtures, makeRepoTempDir } from '../../support/fixture-files';

/** This process's child processes whose command line matches (from /proc: Linux). */
function childPids(command: RegExp): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.split(') ')[1].split(' ')[1]) === process.pid && command.test(fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8'));
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** See the `it.failing` case below. */
const KNOWN_LIMIT = 'express-ts-users-better-sqlite3';

const json = (model: AccessModel) => JSON.stringify(model, null, 2);

/** The sharded model, through the shard machinery even when the plan has a single shard. */
async function scanSharded(root: string, plan: ShardPlanOptions, workers = 0): Promise<{ model: AccessModel; shards: number; conflicts: string[]; needsWholeProject: string[] }> {
  const discovery = discoverFiles(root);
  const texts = discovery.files.map((file) => fs.readFileSync(file.abs, 'utf8'));
  const shards = planShards(discovery.files, texts, plan);
  const { model, conflicts, needsWholeProject } = await scanInShards(root, discovery.files, shards, discovery.diagnostics, { ...plan, workers });
  return { model, shards: shards.length, conflicts, needsWholeProject };
}

describe('sharded scan of every fixture app equals the unsharded scan', () => {
  const shardCounts: number[] = [];
  afterAll(() => {
    // the comparison means something only if several apps really were split
    expect(shardCounts.filter((n) => n > 1).length).toBeGreaterThanOrEqual(5);
  });

  it.each(listFixtures())('%s', async (name) => {
    const root = path.join(FIXTURES_DIR, name);
    const expected = json(await scan(root, { shard: false }));
    const plans = [
      { shardFiles: 1, aggregatorFanOut: 40 },
      { shardFiles: 1, aggregatorFanOut: 2 },
      { shardFiles: 3, aggregatorFanOut: 2 },
      // every file that imports 2+ files an aggregator: route files then only see part of what
      // they import in most shards, and only the shards that see a file whole may report it
      { shardFiles: 1, aggregatorFanOut: 1 },
    ].filter((plan) => !(name === KNOWN_LIMIT && plan.aggregatorFanOut === 1));
    for (const plan of plans) {
      const { model, shards, conflicts } = await scanSharded(root, plan);
      shardCounts.push(shards);
      expect({ plan, conflicts, model: json(model) }).toEqual({ plan, conflicts: [], model: expected });
    }
  });

  // Known limit: a value created in one file and handed to another by a file that imports many
  // (server.ts: createApp(openDatabase())) is followed only when that file is not an aggregator.
  // With every file of 2+ imports an aggregator, the SQLite connection of this app is not tied
  // to its schema in the shard of the repository, and a field's type comes out differently.
  // Real runs use aggregatorFanOut 40. If this starts passing, make it a plain test.
  it.failing('express-ts-users-better-sqlite3 with every file of 2+ imports an aggregator', async () => {
    const root = path.join(FIXTURES_DIR, KNOWN_LIMIT);
    const expected = json(await scan(root, { shard: false }));
    expect(json((await scanSharded(root, { shardFiles: 1, aggregatorFanOut: 1 })).model)).toBe(expected);
  });
});

describe('sharded scan of a generated codebase', () => {
  const root = path.join(makeRepoTempDir('sharded-scan-'), 'app');
  let expected = '';
  beforeAll(async () => {
    generateCodebase(root, { handlers: 160 });
    expected = json(await scan(root, { shard: false }));
  });
  afterAll(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));

  it('covers every storage kind and lambda handlers', () => {
    const model = JSON.parse(expected) as AccessModel;
    expect(new Set(model.handlers.map((h) => h.kind))).toEqual(new Set(['express', 'lambda']));
    expect(model.stores.length).toBeGreaterThan(10);
  });

  // 160 handlers make ~15 features: src/app.js imports ~12 routers, an aggregator above 8 imports
  // (a real run: 40; the bench's app mounts ~175 routers at 2,000 handlers).
  it('is byte-identical in shards of 30 files, one after another', async () => {
    const { model, shards, conflicts } = await scanSharded(root, { shardFiles: 30, aggregatorFanOut: 8 });
    expect(shards).toBeGreaterThan(4);
    expect(conflicts).toEqual([]);
    expect(json(model)).toBe(expected);
  });

  it('is byte-identical with one core file a shard and small aggregators', async () => {
    const { model, shards } = await scanSharded(root, { shardFiles: 1, aggregatorFanOut: 5 });
    expect(shards).toBeGreaterThan(20);
    expect(json(model)).toBe(expected);
  });

  it('is byte-identical with a worker process scanning shards, this process scanning none', async () => {
    const { model, shards } = await scanSharded(root, { shardFiles: 60, aggregatorFanOut: 8 }, 1);
    expect(json(model)).toBe(expected);
    // the shards' trees never enter this process (its heap only merges), and the worker says how much it used
    expect(shardScanStats()).toMatchObject({ shards, shardsHere: 0 });
    expect(shardScanStats()!.workerPeakRssMB).toEqual([expect.any(Number)]);
    expect(shardScanStats()!.workerPeakRssMB[0]).toBeGreaterThan(20);
  });

  it('is byte-identical when the only worker dies: this process scans what it left', async () => {
    const plan = { shardFiles: 1, aggregatorFanOut: 5 };
    const discovery = discoverFiles(root);
    const shards = planShards(discovery.files, discovery.files.map((file) => fs.readFileSync(file.abs, 'utf8')), plan);
    let killed: number[] | undefined;
    const { model } = await scanInShards(root, discovery.files, shards, discovery.diagnostics, {
      ...plan,
      workers: 1,
      // killed once it has answered its first shard, with more sent to it
      onProgress: () => {
        if (killed) return;
        killed = childPids(/shardWorker/);
        killed.forEach((pid) => process.kill(pid, 'SIGKILL'));
      },
    });
    expect(killed).toHaveLength(1);
    expect(json(model)).toBe(expected);
    const stats = shardScanStats()!;
    expect(stats.shards).toBe(shards.length);
    expect(stats.shardsHere).toBeGreaterThan(0);
    expect(stats.shardsHere).toBeLessThan(shards.length);
  }, 180_000);

  it('is what scan() returns when sharding is forced through its option', async () => {
    expect(json(await scan(root, { shard: { shardFiles: 40, aggregatorFanOut: 8, workers: 0 } }))).toBe(expected);
  });

  it('plans each source file into the core of exactly one shard, with the app and each feature whole', () => {
    const discovery = discoverFiles(root);
    const texts = discovery.files.map((file) => fs.readFileSync(file.abs, 'utf8'));
    const shards = planShards(discovery.files, texts, { shardFiles: 30, aggregatorFanOut: 8 });
    expect(shards.length).toBeGreaterThan(4);
    const cores = shards.flatMap((shard) => shard.core).sort();
    expect(cores).toEqual(discovery.files.filter((f) => f.kind === 'source').map((f) => f.rel).sort());
    for (const shard of shards) {
      expect(shard.files.has('src/app.js')).toBe(true); // the mount chain of every router
      for (const rel of shard.core.filter((r) => /\/routes\//.test(r))) {
        const feature = rel.split('/routes/')[0];
        expect([...shard.core].filter((r) => r.startsWith(`${feature}/`)).length).toBeGreaterThan(1);
        expect(shard.trusted.has(rel)).toBe(true);
      }
    }
    // the app that imports every router is seen whole by no shard: reported by its own shard only
    expect(shards.filter((shard) => shard.trusted.has('src/app.js')).length).toBe(1);
  });
});

describe('a project shape shards cannot scan alike', () => {
  const root = makeRepoTempDir('sharded-relations-');
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  // Two features that share no import: orders hold a userId, users are another feature's store.
  // Relations are inferred by entity name over the whole project; on a public repository
  // (a fastify app with in-memory repositories) the shards alone lost such a relation. This
  // small app happens to come out alike, so the spec checks the detection and the fallback.
  beforeAll(() => {
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    write('package.json', '{"name":"two-features"}\n');
    write('src/users.ts', [
      "import { Router } from 'express';",
      "export interface User { id: string; name: string }",
      "const users: User[] = [{ id: 'u1', name: 'Ada' }];",
      "export const usersRouter = Router();",
      "usersRouter.get('/users/:id', (req, res) => res.json(users.find((u) => u.id === req.params.id)));",
      "usersRouter.post('/users', (req, res) => { users.push({ id: String(Date.now()), name: req.body.name }); res.end(); });",
    ].join('\n') + '\n');
    write('src/orders.ts', [
      "import { Router } from 'express';",
      "export interface Order { id: string; userId: string; total: number }",
      "const orders: Order[] = [{ id: 'o1', userId: 'u1', total: 3 }];",
      "export const ordersRouter = Router();",
      "ordersRouter.get('/orders', (req, res) => res.json(orders.filter((o) => o.userId === req.query.userId)));",
      "ordersRouter.post('/orders', (req, res) => { orders.push({ id: String(Date.now()), userId: req.body.userId, total: 1 }); res.end(); });",
    ].join('\n') + '\n');
    write('src/app.ts', [
      "import express from 'express';",
      "import { usersRouter } from './users';",
      "import { ordersRouter } from './orders';",
      "const app = express();",
      "app.use(usersRouter);",
      "app.use(ordersRouter);",
      "app.listen(3000);",
    ].join('\n') + '\n');
  });

  it('is detected in the merged model, and scan() then scans the whole project', async () => {
    const expected = json(await scan(root, { shard: false }));
    expect(JSON.parse(expected).entities.find((e: { name: string }) => e.name === 'Order').relations).toEqual([{ field: 'userId', entity: 'User' }]);
    const sharded = await scanSharded(root, { shardFiles: 1, aggregatorFanOut: 1 });
    expect(sharded.shards).toBeGreaterThan(1);
    expect(sharded.needsWholeProject).toEqual(['Order.userId may refer to User']);
    expect(json(await scan(root, { shard: { shardFiles: 1, aggregatorFanOut: 1, workers: 0 } }))).toBe(expected);
  });
});
