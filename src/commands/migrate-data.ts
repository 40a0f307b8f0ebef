/**
 * `dynamodb-codemod migrate-data <dir> [--endpoint URL] [--region R] [--create-tables] [--dry]
 * [--skip-invalid] [--export s3-import] [--json]`. Copies the app's existing records into the
 * tables of `.migration/dynamodb.json` and proves it by reading every one back.
 *
 * Exit 0: every record verified (or, with --dry, every record valid). 1: invalid records without
 * --skip-invalid (nothing written), a mismatch after writing (the differing keys are listed), or
 * a write that failed after its retries (run again to resume). 2: cannot start (no design, no
 * such directory, missing tables without --create-tables, no region). 130: interrupted (resumable).
 *
 * `--json` prints one object on stdout and nothing else: `{ tables: [{ table, source, written,
 * verified, ok, ... }], verified }`; progress and messages go to stderr.
 */
import { EXIT } from '../cli/exitCodes';
import { migrateData, MigrateUsageError, type MigrateDataResult, type ProgressEvent } from '../migrate/migrateData';
import { SqliteUnavailableError } from '../migrate/readers/readSqliteRecords';
import { MigrationInterrupted } from '../migrate/sourceEntries';

export interface MigrateDataCommandOptions {
  dir: string;
  endpoint?: string;
  region?: string;
  dry?: boolean;
  json?: boolean;
  createTables?: boolean;
  skipInvalid?: boolean;
  export?: 's3-import' | string;
  concurrency?: number;
  stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Extra library options (tests: env, retry policy, now). */
  library?: Partial<Parameters<typeof migrateData>[0]>;
}

const MAX_LISTED = 20;

export async function runMigrateData(options: MigrateDataCommandOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  if (options.export !== undefined && options.export !== 's3-import') {
    stderr.write(`migrate-data: unknown --export ${options.export} (the only export is s3-import)\n`);
    return EXIT.usage;
  }
  const reporter = createProgressReporter(stderr);
  const controller = new AbortController();
  // first Ctrl-C: stop after the batches in flight and save the checkpoint; second: stop now
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    stderr.write('\nmigrate-data: stopping after the writes in flight (Ctrl-C again to stop at once)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  let result: MigrateDataResult;
  try {
    result = await migrateData({
      dir: options.dir,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.region ? { region: options.region } : {}),
      dry: options.dry,
      createTables: options.createTables,
      skipInvalid: options.skipInvalid,
      ...(options.export === 's3-import' ? { export: 's3-import' as const } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      signal: controller.signal,
      onProgress: reporter.update,
      ...options.library,
    });
  } catch (error) {
    reporter.done();
    if (error instanceof MigrateUsageError || error instanceof SqliteUnavailableError) {
      stderr.write(`migrate-data: ${error.message}\n`);
      return error instanceof MigrateUsageError ? EXIT.usage : EXIT.problems;
    }
    if (error instanceof MigrationInterrupted) {
      stderr.write('migrate-data: interrupted; progress is saved in .migration/migrate-data.checkpoint.json — run the same command again to resume\n');
      return 130;
    }
    const name = (error as { name?: string }).name;
    stderr.write(`migrate-data: the copy stopped: ${name && name !== 'Error' ? `${name}: ` : ''}${(error as Error).message}\nWhat was written is kept and recorded in .migration/migrate-data.checkpoint.json; run the same command again to resume.\n`);
    if (process.env.DEBUG) stderr.write(`${(error as Error).stack}\n`);
    return EXIT.problems;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  reporter.done();
  if (options.json) stdout.write(`${JSON.stringify(toJsonSummary(result))}\n`);
  else stdout.write(renderReport(result, options));
  for (const line of renderProblems(result)) stderr.write(`${line}\n`);
  if (result.refused) return EXIT.problems;
  if (result.dry) return EXIT.ok;
  return result.verified ? EXIT.ok : EXIT.problems;
}

/** The `--json` object: per table source/written/verified/ok, and `verified` only when all is proved. */
export function toJsonSummary(result: MigrateDataResult) {
  return {
    tables: result.tables.map((table) => ({
      table: table.table,
      source: table.source,
      written: table.written,
      verified: table.verified,
      ok: table.ok,
      sources: table.sources,
      ...(table.resumed ? { resumed: table.resumed } : {}),
      ...(table.missing ? { missing: table.missing } : {}),
      ...(table.different ? { different: table.different } : {}),
    })),
    verified: result.verified,
    ...(result.dry ? { dry: true } : {}),
    ...(result.refused ? { refused: true } : {}),
    invalid: result.invalid.map((record) => ({ entity: record.entity, ref: record.ref, ...(record.key ? { key: record.key } : {}), problems: record.problems })),
    ...(result.skipped.length ? { skipped: result.skipped.length } : {}),
    ...(result.created.length ? { created: result.created } : {}),
    ...(result.counters.length ? { counters: result.counters } : {}),
    ...(result.exportDir ? { exportDir: result.exportDir } : {}),
    retries: result.retries,
    notes: result.notes,
  };
}

function renderReport(result: MigrateDataResult, options: MigrateDataCommandOptions): string {
  const lines: string[] = [''];
  if (result.refused) {
    lines.push(`Nothing was written: ${result.invalid.length} invalid record${result.invalid.length === 1 ? '' : 's'} (listed below). Fix them, or run again with --skip-invalid to copy the rest.`, '');
    return lines.join('\n');
  }
  const header = result.dry ? ['table', 'records', 'sources'] : ['table', 'source', options.export ? 'exported' : 'written', 'verified', ''];
  const rows = result.tables.map((table) =>
    result.dry ? [table.table, String(table.source), table.sources.join(', ')] : [table.table, String(table.source), String(table.written), String(table.verified), table.ok ? 'ok' : 'MISMATCH'],
  );
  lines.push(...renderTable(header, rows));
  if (!result.tables.length) lines.push('No records found to copy.');
  lines.push('');
  if (result.created.length) lines.push(`Created ${result.created.join(', ')}.`);
  for (const counter of result.counters) lines.push(`Counter ${counter.table} ${counter.key}: ${counter.value ?? 'missing'} (highest ${counter.entity} id ${counter.max})${counter.ok ? '' : ' — BELOW the highest id'}`);
  const retries = result.retries;
  if (retries.throttled || retries.transient || retries.unprocessed) lines.push(`Retried: ${retries.throttled} throttled, ${retries.transient} failed connections or server errors, ${retries.unprocessed} rounds of unprocessed items.`);
  if (result.resumed) lines.push('Resumed from the checkpoint of an interrupted run.');
  if (result.dry) lines.push(`Dry run: nothing written. ${result.invalid.length ? `${result.invalid.length} invalid records (below).` : 'Every record is valid.'}`);
  else if (options.export) lines.push(result.verified ? `Wrote ${result.exportDir} (see its README.md); every file read back and checked.` : 'The export files do not match the records (see above).');
  else lines.push(result.verified ? 'Every record was read back and matches.' : 'Verification FAILED: see the differing keys below.');
  if (result.skipped.length) lines.push(`Skipped ${result.skipped.length} invalid record${result.skipped.length === 1 ? '' : 's'} (--skip-invalid), listed below.`);
  lines.push('');
  return lines.join('\n');
}

function renderProblems(result: MigrateDataResult): string[] {
  const lines: string[] = [];
  for (const note of result.notes) lines.push(`note: ${note}`);
  const invalid = result.invalid;
  if (invalid.length) {
    lines.push(`${result.skipped.length ? 'skipped' : 'invalid'} (${invalid.length}):`);
    for (const record of invalid.slice(0, MAX_LISTED)) lines.push(`  ${record.ref}${record.key ? ` (${record.key})` : ''}: ${record.problems.join('; ')}`);
    if (invalid.length > MAX_LISTED) lines.push(`  … and ${invalid.length - MAX_LISTED} more (--json lists them all)`);
  }
  for (const table of result.tables) {
    if (table.missing?.length) lines.push(`${table.table}: missing ${table.missing.slice(0, MAX_LISTED).join('; ')}`);
    if (table.different?.length) lines.push(`${table.table}: different content ${table.different.slice(0, MAX_LISTED).join('; ')}`);
  }
  return lines;
}

function renderTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((cell, index) => Math.max(cell.length, ...rows.map((row) => row[index].length)));
  const format = (row: string[]) => row.map((cell, index) => (index === 0 || index === row.length - 1 ? cell.padEnd(widths[index]) : cell.padStart(widths[index]))).join('  ').trimEnd();
  return [format(header), ...rows.map(format)];
}

/** One updating line on a TTY (records/s, ETA); a plain line every few seconds otherwise. */
function createProgressReporter(stream: NodeJS.WritableStream & { isTTY?: boolean }) {
  const tty = Boolean(stream.isTTY);
  const started = new Map<string, number>();
  let lastPrint = 0;
  let lastPhase: string | undefined;
  let lineOpen = false;
  const labels: Record<ProgressEvent['phase'], string> = { read: 'checking records', write: 'writing', verify: 'verifying', export: 'exporting' };
  return {
    update(event: ProgressEvent) {
      const now = Date.now();
      if (!started.has(event.phase)) started.set(event.phase, now);
      const finished = event.total !== undefined && event.done >= event.total;
      const changed = event.phase !== lastPhase;
      if (!finished && !changed && now - lastPrint < (tty ? 200 : 5000)) return;
      lastPrint = now;
      lastPhase = event.phase;
      const seconds = Math.max((now - started.get(event.phase)!) / 1000, 0.001);
      const rate = event.done / seconds;
      const unit = event.phase === 'verify' || event.phase === 'export' ? 'items' : 'records';
      const eta = event.total !== undefined && rate > 0 && !finished ? `, ETA ${formatDuration((event.total - event.done) / rate)}` : '';
      const count = event.total !== undefined ? `${event.done}/${event.total}` : String(event.done);
      const text = `${labels[event.phase]}: ${count} ${unit}, ${Math.round(rate)} ${unit}/s${eta}`;
      if (tty) {
        stream.write(`\r\x1b[2K${text}`);
        lineOpen = true;
      } else if (finished || !changed) stream.write(`${text}\n`);
    },
    done() {
      if (lineOpen) stream.write('\n');
      lineOpen = false;
    },
  };
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m${String(Math.round(seconds % 60)).padStart(2, '0')}s` : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
