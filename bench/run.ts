/**
 * `npm run bench`: generates a synthetic codebase and measures, in one run on the same files, the
 * floor (a no-op jscodeshift parse+print), `scan` and `apply --dry`, then `scan` on a larger one,
 * then migrate-data throughput into dynalite at two record counts.
 * Each pass runs in its own child process (one at a time) so its peak RSS is its own.
 * Writes bench/results.json and prints a table. Flags: --files N (2000), --large N (20000, 0 skips),
 * --records N,M (10000,100000; 0 skips), --quick (200 files, 2,000 large, 1,000 and 5,000 records),
 * --out FILE, --apply-timeout SECONDS (1200), --keep (leave the generated code in .tmp/),
 * --skip floor,scan,apply (leave passes out; they are reported as skipped).
 */
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { runPlan } from '../src/commands/plan';
import { generateCodebase, type GeneratedCodebase } from './generateCodebase';
import { measurePass, type PassName, type PassResult } from './measurePass';
import { benchMigrateData, type MigrateBenchResult } from './migrate-data';
import { formatResultsTable } from './formatResultsTable';

const REPO = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');

interface Args {
  files: number;
  large: number;
  records: number[];
  quick: boolean;
  out: string;
  applyTimeout: number;
  keep: boolean;
  /** Passes left out with --skip (apply: also no plan --yes). */
  skip: string[];
}

function parseArgs(argv: string[]): Args {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = argv.includes('--quick');
  const records = (value('--records') ?? (quick ? '1000,5000' : '10000,100000'))
    .split(',')
    .map(Number)
    .filter((n) => Number.isFinite(n) && n > 0);
  return {
    files: Number(value('--files') ?? (quick ? 200 : 2000)),
    large: Number(value('--large') ?? (quick ? 2000 : 20000)),
    records,
    quick,
    out: path.resolve(value('--out') ?? path.join(REPO, 'bench', 'results.json')),
    applyTimeout: Number(value('--apply-timeout') ?? 1200),
    keep: argv.includes('--keep'),
    skip: (value('--skip') ?? '').split(',').filter(Boolean),
  };
}

type MigrateOutcome = MigrateBenchResult | { records: number; error: string };

/** migrate-data at one record count, in a child with --expose-gc so the live heap is reported too. */
function runMigrateInChild(records: number, timeoutSeconds: number): Promise<MigrateOutcome> {
  return new Promise((resolve) => {
    const child = fork(process.argv[1], ['--child-migrate', String(records)], { execArgv: ['--expose-gc', ...process.execArgv], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr?.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
    let result: MigrateBenchResult | undefined;
    child.on('message', (message) => (result = message as MigrateBenchResult));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutSeconds * 1000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (result) resolve(result);
      else resolve({ records, error: signal === 'SIGKILL' ? `did not finish within ${timeoutSeconds} s` : `child exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}` });
    });
  });
}

/** Runs one pass in a child process (this same script with --child) and returns what it measured. */
function runPassInChild(pass: PassName, root: string, timeoutSeconds: number): Promise<PassResult | { pass: PassName; error: string }> {
  return new Promise((resolve) => {
    let child: ReturnType<typeof fork>;
    try {
      child = fork(process.argv[1], ['--child', pass, root], { execArgv: process.execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    } catch (error) {
      // A pass that cannot start (seen once: 'spawn EISDIR' before the 20,000-file scan) is reported, and the other passes' results are still written.
      resolve({ pass, error: `could not start the pass: ${(error as Error).message}` });
      return;
    }
    let stderr = '';
    // V8's out-of-memory report ends in a native stack trace; its first line is what says why.
    let fatal: string | undefined;
    child.stderr?.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-2000);
      fatal ??= /FATAL ERROR: [^\n]*/.exec(stderr)?.[0];
    });
    let result: PassResult | undefined;
    child.on('message', (message) => (result = message as PassResult));
    const started = Date.now();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutSeconds * 1000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const after = `after ${Math.round((Date.now() - started) / 1000)} s`;
      if (result) resolve(result);
      else if (fatal) resolve({ pass, error: `child died ${after}: ${fatal}` });
      else resolve({ pass, error: signal === 'SIGKILL' ? `did not finish within ${timeoutSeconds} s` : `child exited ${code} ${after}: ${stderr.trim().split('\n').slice(-3).join(' | ')}` });
    });
  });
}

/** `plan --yes` on the generated code, so that apply has a .migration/dynamodb.json to follow. */
async function writeDesign(root: string): Promise<number> {
  const sink = new PassThrough();
  sink.resume();
  const code = await runPlan({ dir: root, yes: true, stdout: sink, stderr: sink });
  if (code !== 0) throw new Error(`plan --yes failed on the generated code (exit ${code})`);
  return JSON.parse(fs.readFileSync(path.join(root, '.migration', 'dynamodb.json'), 'utf8')).tables?.length ?? 0;
}

function makeRoot(count: number): string {
  return path.join(REPO, '.tmp', `bench-${count}-${process.pid}`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = new Date();
  const log = (line: string) => process.stderr.write(`${line}\n`);

  const root = makeRoot(args.files);
  fs.rmSync(root, { recursive: true, force: true });
  let codebase: GeneratedCodebase;
  const passes: Record<string, PassResult | { pass: PassName; error: string }> = {};
  let tables: number | null = null; // null: no plan --yes (apply skipped)
  try {
    codebase = generateCodebase(root, { handlers: args.files });
    log(`generated ${codebase.handlerFiles} handler files (${codebase.files.length} files in all) in ${root}`);
    if (!args.skip.includes('apply')) {
      tables = await writeDesign(root);
      log(`plan --yes: ${tables} tables`);
    }
    for (const pass of ['floor', 'scan', 'apply'] as const) {
      if (args.skip.includes(pass)) {
        passes[pass] = { pass, error: `skipped (--skip ${pass})` };
        continue;
      }
      log(`running ${pass}…`);
      passes[pass] = await runPassInChild(pass, root, pass === 'apply' ? args.applyTimeout : 1200);
    }
  } finally {
    if (!args.keep) fs.rmSync(root, { recursive: true, force: true });
  }

  let large: (PassResult | { pass: PassName; error: string }) & { handlerFiles?: number } = { pass: 'scan', error: 'skipped (--large 0)' };
  if (args.large > 0) {
    const largeRoot = makeRoot(args.large);
    fs.rmSync(largeRoot, { recursive: true, force: true });
    try {
      const big = generateCodebase(largeRoot, { handlers: args.large });
      log(`generated ${big.handlerFiles} handler files for the large scan; running scan…`);
      large = { ...(await runPassInChild('scan', largeRoot, 1800)), handlerFiles: big.handlerFiles };
    } finally {
      if (!args.keep) fs.rmSync(largeRoot, { recursive: true, force: true });
    }
  }

  const migrateData: MigrateOutcome[] = [];
  for (const records of args.records) {
    log(`migrate-data: ${records} records into dynalite…`);
    migrateData.push(await runMigrateInChild(records, 1800));
  }

  const fps = (p: (typeof passes)[string] | undefined) => (p && 'filesPerSecond' in p ? p.filesPerSecond : undefined);
  const floor = fps(passes.floor);
  const ratio = (p: (typeof passes)[string] | undefined) => {
    const value = fps(p);
    return value !== undefined && floor ? Math.round((value / floor) * 100) / 100 : null;
  };
  const scanRatio = ratio(passes.scan);
  const applyRatio = ratio(passes.apply);
  // The same ratios on CPU time: the load of a shared machine changes between passes, CPU time much less.
  const cpuFps = (p: (typeof passes)[string] | undefined) => (p && 'cpuFilesPerSecond' in p ? p.cpuFilesPerSecond : undefined);
  const cpuRatio = (p: (typeof passes)[string] | undefined) => {
    const value = cpuFps(p);
    const base = cpuFps(passes.floor);
    return value !== undefined && base ? Math.round((value / base) * 100) / 100 : null;
  };
  const largeMainPeak = 'peakRssMB' in large ? large.peakRssMB : null;
  // main process plus every worker's own peak: an upper bound of what the scan holds at once
  const largeWorkerPeaks = 'workerPeakRssMB' in large ? (large.workerPeakRssMB ?? []) : [];
  const largePeak = largeMainPeak === null ? null : largeMainPeak + largeWorkerPeaks.reduce((sum, mb) => sum + mb, 0);
  const measured = migrateData.filter((m): m is MigrateBenchResult => 'itemsPerSecond' in m);
  // Flat memory: the peak RSS at the largest count stays within 1.5x of the smallest (streaming, not loading the table).
  const smallest = measured[0];
  const largest = measured[measured.length - 1];
  const memoryGrowth = measured.length >= 2 && smallest.peakRssMb > 0 ? Math.round((largest.peakRssMb / smallest.peakRssMb) * 100) / 100 : null;
  const passPeak = (p: (typeof passes)[string] | undefined) => (p && 'peakRssMB' in p ? p.peakRssMB : null);
  const results = {
    date: started.toISOString(),
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.release()}`, totalMemoryMB: Math.round(os.totalmem() / 2 ** 20), note: 'CPU shared with other work: absolute files/s are noisy, the ratios (same run, same files) are what to compare' },
    floorMethod: "jscodeshift.withParser('tsx')(source).toSource() per file, in-process, one core (reading the files included)",
    codebase: { handlerFiles: codebase!.handlerFiles, filesWritten: codebase!.files.length, sourceFiles: 'files' in (passes.floor ?? {}) ? (passes.floor as PassResult).files : null, kinds: codebase!.kinds, tablesPlanned: tables },
    quick: args.quick,
    passes,
    scanRatio,
    applyRatio,
    cpuRatios: { scan: cpuRatio(passes.scan), apply: cpuRatio(passes.apply) },
    peakMemoryMB: {
      floor: passPeak(passes.floor),
      scan: passPeak(passes.scan),
      scanWorkers: passes.scan && 'workerPeakRssMB' in passes.scan ? (passes.scan.workerPeakRssMB ?? []) : [],
      apply: passPeak(passes.apply),
      largeScan: largePeak,
      largeScanMainProcess: largeMainPeak,
      largeScanWorkers: largeWorkerPeaks,
    },
    largeScan: large,
    migrateData,
    migrateMemoryGrowth: memoryGrowth,
    targets: {
      scanAtLeast3xFloor: { target: 3, actual: scanRatio, met: scanRatio !== null && scanRatio >= 3 },
      applyWithin1_5xFloor: { target: 0.67, actual: applyRatio, met: applyRatio !== null && applyRatio >= 0.67 },
      largeScanUnder1GB: { targetMB: 1024, actualMB: largePeak, counts: 'main process + each worker process peak RSS', met: largePeak !== null && largePeak < 1024 },
      migrateMemoryFlat: { target: 1.5, actual: memoryGrowth, met: memoryGrowth !== null && memoryGrowth <= 1.5 && measured.every((m) => m.verified) },
    },
  };
  fs.writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(formatResultsTable(results));
  process.stdout.write(`\nresults written to ${path.relative(process.cwd(), args.out)}\n`);
}

async function child(pass: PassName, root: string): Promise<void> {
  const result = await measurePass(pass, root);
  process.send?.(result);
}

async function migrateChild(records: number): Promise<void> {
  const result = await benchMigrateData({ records });
  process.send?.(result);
}

const childAt = process.argv.indexOf('--child');
const migrateAt = process.argv.indexOf('--child-migrate');
if (migrateAt >= 0) {
  migrateChild(Number(process.argv[migrateAt + 1])).catch((error) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
} else if (childAt >= 0) {
  child(process.argv[childAt + 1] as PassName, process.argv[childAt + 2]).catch((error) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    process.stderr.write(`bench: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
