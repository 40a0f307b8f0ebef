/**
 * End-to-end proof for one fixture app: copy it, `plan --yes`, `apply`, create the design's tables
 * on dynalite, load the data the app had (seed data apply saved in .migration/seed/, JSON data
 * files the scan found), start the migrated app against dynalite and replay the fixture's requests.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import type { AccessModel } from '../../../src/model/access-model';
import type { TableDesign } from '../../../src/model/table-design';
import { runApply } from '../../../src/commands/apply';
import { runPlan } from '../../../src/commands/plan';
import { scan } from '../../../src/scan';
import { copyFixture, loadFixture, replayRequests, startApp, type Fixture, type ReplayResult } from '../../support/replay';
import { createTables, loadRecords, startLocalDynamo, type LocalDynamo } from './local-dynamodb';

export interface MigratedRun {
  dir: string;
  fixture: Fixture;
  planExit: number;
  applyExit: number;
  applyOutput: string;
  /** `apply --dry` before the real run: its exit code, output, and whether any file changed. */
  dry: { exit: number; output: string; changedFiles: string[] };
  /** A second `apply` after the first: must change nothing. */
  second: { exit: number; output: string; changedFiles: string[] };
  design: TableDesign;
  results: ReplayResult[];
  appOutput: { stdout: string; stderr: string };
  inspected?: unknown;
  /** `tsc --noEmit` on the migrated copy, when asked: exit code and output. */
  typecheck?: { exit: number; output: string };
}

export interface MigrateOptions {
  /** Keys whose values may differ after migration (ids when the plan switched to uuid). */
  volatile?: string[];
  /** DynamoDB Scan order is not insertion order. */
  ignoreArrayOrder?: boolean;
  /** Reads the tables after the replay (raw items, as stored); its result is returned as `inspected`. */
  inspect?: (local: LocalDynamo, design: TableDesign) => Promise<unknown>;
  /**
   * Fixtures that are not run (`runtime.kind: "none"`: SST, Terraform): how to run them here and what
   * to ask, written from the app's code. Applied to the copy's fixture.json before anything runs.
   */
  runAs?: Pick<Fixture, 'runtime' | 'requests'>;
  /** TypeScript apps: run `tsc -p tsconfig.json --noEmit` on the migrated copy (awaits, Promise types, imports). */
  typecheck?: boolean;
}

export async function migrateAndReplay(name: string, options: MigrateOptions = {}): Promise<MigratedRun> {
  const dir = await copyFixture(name);
  const fixture = { ...(await loadFixture(dir)), ...(options.runAs ?? {}) };
  const original = await scan(dir);
  const sink = collect();
  const planExit = await runPlan({ dir, yes: true, stdout: sink.stream, stderr: sink.stream });
  const { dry, apply, second } = await applyDryThenTwice(dir);
  const design: TableDesign = JSON.parse(fs.readFileSync(path.join(dir, '.migration', 'dynamodb.json'), 'utf8'));
  const typecheck = options.typecheck ? runTsc(dir) : undefined;
  const local = await startLocalDynamo();
  try {
    await createTables(local, design);
    for (const [entity, records] of readAppData(dir, original)) await loadRecords(local, design, entity, records);
    const app = await startApp(dir, fixture, { DYNAMODB_ENDPOINT: local.endpoint, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
    try {
      const results = await replayRequests(app, fixture, { volatile: options.volatile, ignoreArrayOrder: options.ignoreArrayOrder ?? true });
      const inspected = options.inspect ? await options.inspect(local, design) : undefined;
      return { dir, fixture, planExit, applyExit: apply.exit, applyOutput: apply.output, dry, second, design, results, appOutput: app.output(), inspected, typecheck };
    } finally {
      await app.stop();
    }
  } finally {
    await local.stop();
  }
}

/** The project's own TypeScript compiler on the copy's tsconfig.json (the SDK resolves from the project's node_modules). */
function runTsc(dir: string): { exit: number; output: string } {
  const tsc = require.resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.json'), '--noEmit'], { cwd: dir, encoding: 'utf8' });
  return { exit: run.status ?? 1, output: `${run.stdout}${run.stderr}` };
}

/** Records per entity: apply's seed files for memory stores, the data files of JSON stores. */
function readAppData(dir: string, model: AccessModel): Map<string, Record<string, unknown>[]> {
  const data = new Map<string, Record<string, unknown>[]>();
  const add = (entity: string, records: unknown[]) => data.set(entity, [...(data.get(entity) ?? []), ...(records as Record<string, unknown>[])]);
  const seedDir = path.join(dir, '.migration', 'seed');
  if (fs.existsSync(seedDir)) {
    for (const file of fs.readdirSync(seedDir)) {
      const seed = JSON.parse(fs.readFileSync(path.join(seedDir, file), 'utf8'));
      add(seed.entity, seed.records);
    }
  }
  for (const store of model.stores) {
    if (!store.kind.startsWith('json') || !store.source) continue;
    const value = JSON.parse(fs.readFileSync(path.join(dir, store.source), 'utf8'));
    if (Array.isArray(value)) add(store.entity, value);
    else {
      const entries = Object.values(value);
      add(store.entity, entries.length === 1 && Array.isArray(entries[0]) ? (entries[0] as unknown[]) : entries);
    }
  }
  return data;
}

/** sha256 of every file under dir (relative path → hash). */
export function hashTree(dir: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else hashes.set(path.relative(dir, full), createHash('sha256').update(fs.readFileSync(full)).digest('hex'));
    }
  };
  walk(dir);
  return hashes;
}

export function diffHashes(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed = new Set<string>();
  for (const [file, hash] of after) if (before.get(file) !== hash) changed.add(file);
  for (const file of before.keys()) if (!after.has(file)) changed.add(file);
  return [...changed].sort();
}

export interface ApplyRun {
  exit: number;
  output: string;
  /** Files whose content changed (added, changed or removed), relative to the app. */
  changedFiles: string[];
}

/**
 * apply as a user runs it: `--dry` (must change no file), for real, then once more (must change
 * nothing: idempotent). Each run's exit code and output, and what it changed on disk.
 */
export async function applyDryThenTwice(dir: string): Promise<{ dry: ApplyRun; apply: ApplyRun; second: ApplyRun }> {
  const runs: ApplyRun[] = [];
  for (const dry of [true, false, false]) {
    const out = collect();
    const before = hashTree(dir);
    const exit = await runApply({ dir, ...(dry ? { dry } : {}), stdout: out.stream, stderr: out.stream });
    runs.push({ exit, output: out.text(), changedFiles: diffHashes(before, hashTree(dir)) });
  }
  const [dry, apply, second] = runs as [ApplyRun, ApplyRun, ApplyRun];
  return { dry, apply, second };
}

/** A stream that keeps what is written to it (a command's stdout/stderr). */
export function collect(): { stream: Writable; text(): string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}
