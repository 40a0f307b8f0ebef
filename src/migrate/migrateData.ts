/**
 * migrate-data as a library: read every source the scan found, check every record, then either
 * write the items (counters first, BatchWrite, checkpointed) and read them all back, or export
 * them as S3 import files. Throws MigrateUsageError for what the user must fix before a run can
 * start; every other outcome is in the result.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AccessModel } from '../model/access-model';
import type { TableDesign } from '../model/table-design';
import { Checkpoint } from './checkpoint';
import { resolveTableNames } from './entityPlan';
import { exportS3Import } from './export/exportS3Import';
import { findSources } from './findSources';
import { createSourceEntries, type MigrationContext, type SourceEntry } from './sourceEntries';
import { recordSources } from './sourceManifest';
import type { InvalidRecord, Validation } from './validateSources';
import { validateSources } from './validateSources';
import { verifyTables, type TableVerification } from './verify/verifyTables';
import { ensureTables } from './write/ensureTables';
import { createRetryStats, DEFAULT_RETRY, type RetryPolicy, type RetryStats } from './write/retry';
import { setCounters, verifyCounters, type CounterResult } from './write/setCounters';
import { writeEntries, type WriteTally } from './write/writeEntries';

export const DESIGN_FILE = path.join('.migration', 'dynamodb.json');

export interface MigrateDataOptions {
  dir: string;
  /** DynamoDB endpoint (a local engine); default DYNAMODB_ENDPOINT, else AWS. */
  endpoint?: string;
  region?: string;
  /** Read and validate only. */
  dry?: boolean;
  createTables?: boolean;
  skipInvalid?: boolean;
  export?: 's3-import';
  /** BatchWrites (and BatchGets) in flight at once; default 8. */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  /** Environment for table names (contract 3) and credentials; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Use this access model / design instead of scanning / reading the design file. */
  model?: AccessModel;
  design?: TableDesign;
  /** The time seed code's `new Date()` / `Date.now()` stand for; default now. */
  now?: Date;
  maxExportFileBytes?: number;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
}

export interface ProgressEvent {
  phase: 'read' | 'write' | 'verify' | 'export';
  /** Records (read, write) or items (verify, export) done so far in this phase. */
  done: number;
  /** Total when known. */
  total?: number;
}

export interface TableSummary {
  table: string;
  /** Items the sources give this table (records for entity tables, guard and counter items for helper tables). */
  source: number;
  written: number;
  verified: number;
  ok: boolean;
  /** Where the items come from. */
  sources: string[];
  /** Items an interrupted earlier run had written (counted in `written`). */
  resumed?: number;
  missing?: string[];
  different?: string[];
  checksum?: { expected: string; found: string };
}

export interface MigrateDataResult {
  /** Every record read back equal (or, for an export, read back from the files). */
  verified: boolean;
  tables: TableSummary[];
  invalid: InvalidRecord[];
  /** Set when invalid records stopped the run (no --skip-invalid): nothing was written. */
  refused: boolean;
  /** With --skip-invalid: the records left out. */
  skipped: InvalidRecord[];
  dry: boolean;
  created: string[];
  counters: CounterResult[];
  notes: string[];
  retries: RetryStats;
  resumed: boolean;
  exportDir?: string;
}

export class MigrateUsageError extends Error {}

export async function migrateData(options: MigrateDataOptions): Promise<MigrateDataResult> {
  const root = path.resolve(options.dir);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) throw new MigrateUsageError(`${options.dir} is not a directory`);
  const env = options.env ?? process.env;
  if (!options.dry && options.export !== 's3-import') resolveTarget(options, env); // before reading every record
  const design = options.design ?? (await readDesign(root));
  const model = options.model ?? (await scanProject(root));
  await recordSources(root, model).catch(() => undefined); // a read-only project only loses the fallback
  const progress = options.onProgress ?? (() => undefined);
  const { sources, notes } = await findSources(root, model, design, options.now ?? new Date());
  try {
    for (const source of sources) notes.push(...source.notes);
    const ctx: MigrationContext = { design, tables: resolveTableNames(design, env), ...(options.signal ? { signal: options.signal } : {}) };
    const entries = createSourceEntries(ctx, sources);
    const totalRecords = await countRecords(entries);
    let read = 0;
    const validation = await validateSources(ctx, entries, () => progress({ phase: 'read', done: (read += 1), ...(totalRecords !== undefined ? { total: totalRecords } : {}) }));
    const result: MigrateDataResult = {
      verified: false,
      tables: [],
      invalid: validation.invalid,
      refused: false,
      skipped: [],
      dry: Boolean(options.dry),
      created: [],
      counters: [],
      notes,
      retries: createRetryStats(),
      resumed: false,
    };
    if (validation.invalid.length && !options.skipInvalid) {
      result.refused = true;
      result.tables = summarise(validation, new Map(), undefined, false);
      return result;
    }
    if (options.skipInvalid) result.skipped = validation.invalid;
    if (options.dry) {
      result.tables = summarise(validation, new Map(), undefined, false);
      return result;
    }
    const records = [...validation.records.values()].reduce((sum, count) => sum + count, 0);
    if (options.export === 's3-import') return await runExport(root, ctx, entries, validation, result, options, progress);
    return await runWrite(root, ctx, entries, validation, result, options, env, progress, records);
  } finally {
    for (const source of sources) source.close?.();
  }
}

/** Where to write: --endpoint or DYNAMODB_ENDPOINT (a local engine), and a region (AWS's, or any for a local engine). */
function resolveTarget(options: MigrateDataOptions, env: NodeJS.ProcessEnv): { endpoint?: string; region: string } {
  const endpoint = options.endpoint ?? (env.DYNAMODB_ENDPOINT || undefined);
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? (endpoint ? 'us-east-1' : undefined);
  if (!region) throw new MigrateUsageError('no AWS region: pass --region, set AWS_REGION, or give a local engine with --endpoint URL');
  return { ...(endpoint ? { endpoint } : {}), region };
}

async function runWrite(root: string, ctx: MigrationContext, entries: SourceEntry[], validation: Validation, result: MigrateDataResult, options: MigrateDataOptions, env: NodeJS.ProcessEnv, progress: (event: ProgressEvent) => void, records: number): Promise<MigrateDataResult> {
  const { endpoint, region } = resolveTarget(options, env);
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const local = Boolean(endpoint) && !env.AWS_ACCESS_KEY_ID;
  const client = new DynamoDBClient({
    region,
    ...(endpoint ? { endpoint } : {}),
    ...(local ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    maxAttempts: 1, // retries are ours (retry.ts): they also cover UnprocessedItems and count what happened
    requestHandler: { connectionTimeout: 5000, requestTimeout: 60_000 },
  });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  try {
    const used = [...new Set([...validation.tables.keys()])].map((name) => [...ctx.tables.values()].find((table) => table.name === name)!);
    const targets = options.createTables ? [...ctx.tables.values()] : used;
    const tables = await ensureTables(client, targets, { create: Boolean(options.createTables), retry, stats: result.retries });
    result.created = tables.created;
    result.notes.push(...tables.notes);
    if (tables.mismatched.length) throw new MigrateUsageError(`${tables.mismatched.join('; ')}. Fix the table or the design, then run again.`);
    if (tables.missing.length) throw new MigrateUsageError(`missing table${tables.missing.length > 1 ? 's' : ''} ${tables.missing.join(', ')}: deploy the stack first, or pass --create-tables to create ${tables.missing.length > 1 ? 'them' : 'it'} from the design`);

    const checkpoint = await Checkpoint.load(root, endpoint ?? `aws:${region}`, ctx.design);
    result.resumed = checkpoint.resumed;
    await setCounters(doc, validation.counters, retry, result.retries);
    let written = 0;
    const tally: WriteTally = await writeEntries(ctx, entries, validation, {
      doc,
      concurrency,
      retry,
      stats: result.retries,
      checkpoint,
      ...(options.signal ? { signal: options.signal } : {}),
      onWritten: (_table, _items, count) => {
        if (count) progress({ phase: 'write', done: (written += count), total: records });
      },
    });
    const expectedItems = [...validation.tables.values()].reduce((sum, tally) => sum + tally.expected, 0) - validation.counters.filter((counter) => counter.max !== undefined).length;
    let verifiedItems = 0;
    const verification = await verifyTables(ctx, entries, validation, { doc, concurrency, retry, stats: result.retries, onVerified: (count) => progress({ phase: 'verify', done: (verifiedItems += count), total: expectedItems }) });
    result.counters = await verifyCounters(doc, validation.counters, retry, result.retries);
    result.tables = summarise(validation, verification, tally, true, result.counters);
    result.verified = result.tables.every((table) => table.ok) && result.counters.every((counter) => counter.ok);
    if (result.verified) await checkpoint.remove();
    return result;
  } finally {
    client.destroy();
  }
}

async function runExport(root: string, ctx: MigrationContext, entries: SourceEntry[], validation: Validation, result: MigrateDataResult, options: MigrateDataOptions, progress: (event: ProgressEvent) => void): Promise<MigrateDataResult> {
  let done = 0;
  const total = [...validation.tables.values()].reduce((sum, tally) => sum + tally.expected, 0);
  const exported = await exportS3Import(root, ctx, entries, validation, { ...(options.maxExportFileBytes ? { maxFileBytes: options.maxExportFileBytes } : {}), onItems: (count) => progress({ phase: 'export', done: (done += count), total }) });
  result.exportDir = path.join(root, '.migration', 's3-import');
  result.tables = [...validation.tables].sort(([a], [b]) => validation.order.indexOf(a) - validation.order.indexOf(b)).map(([table, tally]) => {
    const expected = exported.expected.get(table);
    const found = exported.readBack.get(table);
    const ok = Boolean(expected && found && expected.count === tally.expected && found.items === expected.count && found.checksum === expected.hex);
    return { table, source: tally.expected, written: expected?.count ?? 0, verified: ok ? (found?.items ?? 0) : 0, ok, sources: [...tally.sources], checksum: { expected: expected?.hex ?? '', found: found?.checksum ?? '' } };
  });
  result.verified = result.tables.every((table) => table.ok);
  return result;
}

function summarise(validation: Validation, verification: Map<string, TableVerification>, tally: WriteTally | undefined, wrote: boolean, counters: CounterResult[] = []): TableSummary[] {
  return [...validation.tables].sort(([a], [b]) => validation.order.indexOf(a) - validation.order.indexOf(b)).map(([table, { expected, sources }]) => {
    const check = verification.get(table);
    const tableCounters = counters.filter((counter) => counter.table === table);
    const counterItems = tableCounters.length;
    const counterOk = tableCounters.filter((counter) => counter.ok).length;
    const written = (tally?.written.get(table) ?? 0) + (tally?.resumed.get(table) ?? 0) + counterItems;
    const verified = (check?.verified ?? 0) + counterOk;
    const summary: TableSummary = {
      table,
      source: expected,
      written,
      verified,
      ok: wrote && verified === expected && written >= expected && (!check || check.expected.hex === check.found.hex),
      sources: [...sources].sort(),
    };
    if (tally?.resumed.get(table)) summary.resumed = tally.resumed.get(table);
    if (check?.missing.length) summary.missing = check.missing;
    if (check?.different.length) summary.different = check.different;
    if (check) summary.checksum = { expected: check.expected.hex, found: check.found.hex };
    return summary;
  });
}

async function countRecords(entries: SourceEntry[]): Promise<number | undefined> {
  let total = 0;
  for (const entry of entries) {
    const count = await entry.source.count();
    if (count === undefined) return undefined;
    total += count;
  }
  return total;
}

async function readDesign(root: string): Promise<TableDesign> {
  let text: string;
  try {
    text = await fs.readFile(path.join(root, DESIGN_FILE), 'utf8');
  } catch {
    throw new MigrateUsageError(`no table design (${DESIGN_FILE}); run \`dynamodb-codemod plan\` first`);
  }
  try {
    const design = JSON.parse(text) as TableDesign;
    if (!Array.isArray(design.tables) || !design.entities || typeof design.entities !== 'object') throw new Error('it has no tables or entities');
    return design;
  } catch (error) {
    throw new MigrateUsageError(`${DESIGN_FILE} is not a valid design (${(error as Error).message}); run \`dynamodb-codemod plan\` again`);
  }
}

async function scanProject(root: string): Promise<AccessModel> {
  // loaded on first use: a caller that passes a model never loads the scanner's parsers
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { scan } = require('../scan') as { scan: (dir: string) => Promise<AccessModel> };
  return scan(root);
}
