/**
 * migrate-data throughput and memory: a generated app (SQLite by default, or a JSON file) with
 * `records` rows is scanned, planned and copied into dynalite, which runs in a child process so
 * the RSS measured here is the migration's own. Reports records/s end to end (read + validate +
 * write + read-back verification) and for the write pass alone, and peak RSS sampled while it
 * runs. Streaming means the peak stays about the same at 10k and 100k records.
 *
 *   npx tsx bench/migrate-data.ts [records…] [--json-source] [--concurrency N]
 *   node --expose-gc --import tsx bench/migrate-data.ts …   (also reports the live heap)
 *   import { benchMigrateData } from './bench/migrate-data'  (for `npm run bench`)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageRoot } from '../src/cli/packageInfo';
import { runPlan } from '../src/commands/plan';
import { migrateData } from '../src/migrate/migrateData';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export interface MigrateBenchOptions {
  records: number;
  source?: 'sqlite' | 'json';
  concurrency?: number;
}

export interface MigrateBenchResult {
  records: number;
  source: 'sqlite' | 'json';
  /** Records per second, end to end: read, validate, write, verify. */
  itemsPerSecond: number;
  /** Records per second of the write pass alone. */
  writeItemsPerSecond: number;
  seconds: number;
  /** Highest RSS seen while migrating. */
  peakRssMb: number;
  /** RSS just before migrating (after scan and plan). */
  baselineRssMb: number;
  /**
   * Largest live heap (after a forced GC every 2 s) while migrating, when node runs with
   * --expose-gc: the data kept in memory, without the garbage V8 has not collected yet.
   */
  retainedHeapMb?: number;
  verified: boolean;
}

export async function benchMigrateData(options: MigrateBenchOptions): Promise<MigrateBenchResult> {
  const source = options.source ?? 'sqlite';
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `bench-migrate-${source}-`));
  const engine = await startDynaliteProcess();
  try {
    await writeBenchApp(dir, source, options.records);
    const sink = { write: () => true } as unknown as NodeJS.WritableStream;
    const planned = await runPlan({ dir, yes: true, stdout: sink, stderr: sink });
    if (planned !== 0) throw new Error('plan failed on the generated app');
    (globalThis as { gc?: () => void }).gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const gc = (globalThis as { gc?: () => void }).gc;
    let retained = 0;
    const collector = gc
      ? setInterval(() => {
          gc();
          retained = Math.max(retained, process.memoryUsage().heapUsed);
        }, 2000)
      : undefined;
    const phases = new Map<string, { start: number; end: number }>();
    const started = Date.now();
    const result = await migrateData({
      dir,
      endpoint: engine.endpoint,
      createTables: true,
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      env: { PATH: process.env.PATH },
      onProgress: (event) => {
        const now = Date.now();
        const phase = phases.get(event.phase) ?? { start: now, end: now };
        phase.end = now;
        phases.set(event.phase, phase);
      },
    });
    const seconds = (Date.now() - started) / 1000;
    clearInterval(sampler);
    if (collector) clearInterval(collector);
    peak = Math.max(peak, process.memoryUsage().rss);
    const write = phases.get('write');
    const writeSeconds = write ? Math.max((write.end - write.start) / 1000, 0.001) : seconds;
    return {
      records: options.records,
      source,
      itemsPerSecond: Math.round(options.records / seconds),
      writeItemsPerSecond: Math.round(options.records / writeSeconds),
      seconds: Math.round(seconds * 10) / 10,
      peakRssMb: Math.round(peak / 1024 / 1024),
      baselineRssMb: Math.round(baseline / 1024 / 1024),
      ...(gc ? { retainedHeapMb: Math.round(retained / 1024 / 1024) } : {}),
      verified: result.verified,
    };
  } finally {
    await engine.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A small Express app on better-sqlite3 (or a JSON file) whose data store the scanner finds. */
export async function writeBenchApp(dir: string, source: 'sqlite' | 'json', records: number): Promise<void> {
  const row = (id: number) => ({ id, name: `Item ${id}`, category: ['kitchen', 'home', 'garden'][id % 3], price: (id % 500) / 10, in_stock: id % 4 ? 1 : 0, created_at: new Date(Date.UTC(2024, 0, 1) + id * 1000).toISOString() });
  if (source === 'sqlite') {
    await fs.writeFile(
      path.join(dir, 'server.js'),
      [
        "const express = require('express');",
        "const Database = require('better-sqlite3');",
        "const db = new Database(require('path').join(__dirname, 'items.db'));",
        "db.exec('CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, category TEXT, price REAL, in_stock INTEGER NOT NULL DEFAULT 1, created_at TEXT)');",
        'const app = express();',
        'app.use(express.json());',
        "app.get('/items/:id', (req, res) => res.json(db.prepare('SELECT * FROM items WHERE id = ?').get(req.params.id)));",
        "app.post('/items', (req, res) => { const info = db.prepare('INSERT INTO items (name, category, price) VALUES (?, ?, ?)').run(req.body.name, req.body.category, req.body.price); res.status(201).json({ id: info.lastInsertRowid }); });",
        'app.listen(process.env.PORT || 3000);',
        '',
      ].join('\n'),
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Database = require('better-sqlite3');
    const db = new Database(path.join(dir, 'items.db'));
    db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, category TEXT, price REAL, in_stock INTEGER NOT NULL DEFAULT 1, created_at TEXT)');
    const insert = db.prepare('INSERT INTO items (id, name, category, price, in_stock, created_at) VALUES (@id, @name, @category, @price, @in_stock, @created_at)');
    db.transaction(() => {
      for (let id = 1; id <= records; id += 1) insert.run(row(id));
    })();
    db.close();
    return;
  }
  await fs.mkdir(path.join(dir, 'data'));
  const file = await fs.open(path.join(dir, 'data', 'items.json'), 'w');
  await file.write('[\n');
  for (let id = 1; id <= records; id += 1) await file.write(`${JSON.stringify(row(id))}${id < records ? ',' : ''}\n`);
  await file.write(']\n');
  await file.close();
  await fs.writeFile(
    path.join(dir, 'server.js'),
    [
      "const express = require('express');",
      "const fs = require('fs');",
      "const FILE = require('path').join(__dirname, 'data', 'items.json');",
      'const app = express();',
      "app.get('/items/:id', (req, res) => res.json(JSON.parse(fs.readFileSync(FILE, 'utf8')).find((item) => item.id === Number(req.params.id))));",
      'app.listen(process.env.PORT || 3000);',
      '',
    ].join('\n'),
  );
}

export async function startDynaliteProcess(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const port = await new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as net.AddressInfo;
      server.close(() => resolve(free));
    });
  });
  const child: ChildProcess = spawn(process.execPath, ['-e', `require('dynalite')({ createTableMs: 0 }).listen(${port}, '127.0.0.1', () => console.log('ready'))`], { cwd: packageRoot(), stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`dynalite exited with ${code}`)));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

async function main(argv: string[]): Promise<void> {
  const concurrencyAt = argv.indexOf('--concurrency');
  const concurrency = concurrencyAt === -1 ? undefined : Number(argv[concurrencyAt + 1]);
  const counts = argv.filter((arg, index) => /^\d+$/.test(arg) && (concurrencyAt === -1 || index !== concurrencyAt + 1)).map(Number);
  const source = argv.includes('--json-source') ? 'json' : 'sqlite';
  const results: MigrateBenchResult[] = [];
  for (const records of counts.length ? counts : [10_000, 100_000]) {
    const result = await benchMigrateData({ records, source, ...(concurrency ? { concurrency } : {}) });
    results.push(result);
    process.stdout.write(`migrate-data ${source} ${records} records: ${result.itemsPerSecond} records/s end to end (write pass ${result.writeItemsPerSecond}/s), ${result.seconds} s, peak RSS ${result.peakRssMb} MB (baseline ${result.baselineRssMb} MB)${result.retainedHeapMb !== undefined ? `, live heap at most ${result.retainedHeapMb} MB` : ''}, verified ${result.verified}\n`);
  }
  if (results.some((result) => !result.verified)) process.exitCode = 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  });
}
