/**
 * The write pass. Records are taken in windows of 25; a window's items are grouped per table
 * into BatchWrites of at most 25, and at most `concurrency` BatchWrites are in flight, so reading
 * waits for writing and memory stays at a few windows whatever the source size. A window counts
 * as done when all its batches are; the checkpoint records the longest run of done windows from
 * the start of each source, which is where a later run resumes.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Checkpoint } from '../checkpoint';
import type { PreparedItem } from '../prepareRecord';
import { MigrationInterrupted, readPreparedRecords, type MigrationContext, type SourceEntry } from '../sourceEntries';
import type { Validation } from '../validateSources';
import { batchWrite, MAX_BATCH_WRITE } from './batchWrite';
import type { RetryPolicy, RetryStats } from './retry';

export interface WriteOptions {
  doc: DynamoDBDocumentClient;
  concurrency: number;
  retry: RetryPolicy;
  stats: RetryStats;
  checkpoint: Checkpoint;
  signal?: AbortSignal;
  /** Items confirmed written (or found written by an earlier run), per physical table. */
  onWritten?: (table: string, items: number, records: number) => void;
}

export interface WriteTally {
  /** Per physical table: items written by this run. */
  written: Map<string, number>;
  /** Per physical table: items an earlier run wrote (skipped thanks to the checkpoint). */
  resumed: Map<string, number>;
}

export { MigrationInterrupted };

const WINDOW_RECORDS = 25;

interface Window {
  end: number;
  pending: number;
}

export async function writeEntries(ctx: MigrationContext, entries: SourceEntry[], validation: Validation, options: WriteOptions): Promise<WriteTally> {
  const tally: WriteTally = { written: new Map(), resumed: new Map() };
  const add = (map: Map<string, number>, table: string, count: number) => map.set(table, (map.get(table) ?? 0) + count);
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;

  for (const entry of entries) {
    const fingerprint = entry.source.fingerprint();
    const resumeFrom = options.checkpoint.doneFor(entry.key, fingerprint);
    const skip = validation.skip.get(entry.key) ?? new Set<number>();
    const windows: Window[] = [];
    let doneUpTo = resumeFrom;
    const advance = () => {
      while (windows.length && windows[0].pending === 0) doneUpTo = windows.shift()!.end;
      options.checkpoint.update(entry.key, fingerprint, doneUpTo);
    };
    let pending: PreparedItem[] = [];
    let windowRecords = 0;
    let lastIndex = -1;

    const dispatch = async (end: number) => {
      const items = pending;
      const records = windowRecords;
      pending = [];
      windowRecords = 0;
      const window: Window = { end, pending: 0 };
      windows.push(window);
      const byTable = new Map<string, PreparedItem[]>();
      for (const item of items) byTable.set(item.table.name, [...(byTable.get(item.table.name) ?? []), item]);
      const batches: { table: string; items: PreparedItem[] }[] = [];
      for (const [table, tableItems] of byTable) for (let i = 0; i < tableItems.length; i += MAX_BATCH_WRITE) batches.push({ table, items: tableItems.slice(i, i + MAX_BATCH_WRITE) });
      window.pending = batches.length;
      if (!batches.length) advance();
      for (const [position, batch] of batches.entries()) {
        while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
        if (failure) return;
        const task = batchWrite(options.doc, batch.table, batch.items.map((item) => item.item), options.retry, options.stats)
          .then(() => {
            add(tally.written, batch.table, batch.items.length);
            options.onWritten?.(batch.table, batch.items.length, position === 0 ? records : 0);
            window.pending -= 1;
            advance();
          })
          .catch((error: unknown) => {
            failure ??= error;
          });
        inFlight.add(task);
        void task.finally(() => inFlight.delete(task));
      }
    };

    try {
      for await (const { index, prepared } of readPreparedRecords(ctx, entry)) {
        if (failure || options.signal?.aborted) break;
        lastIndex = index;
        if (index < resumeFrom) {
          if (!skip.has(index)) {
            for (const item of prepared.items) add(tally.resumed, item.table.name, 1);
            options.onWritten?.(prepared.items[0]?.table.name ?? '', 0, 1);
          }
          continue;
        }
        windowRecords += 1;
        if (!skip.has(index)) pending.push(...prepared.items);
        if (windowRecords >= WINDOW_RECORDS) await dispatch(index + 1);
      }
    } catch (error) {
      if (!(error instanceof MigrationInterrupted)) throw error; // stopped: what is in flight still lands and is recorded below
    }
    if (!failure && !options.signal?.aborted && windowRecords > 0) await dispatch(lastIndex + 1);
    await Promise.all(inFlight);
    if (failure || options.signal?.aborted) break;
    advance();
  }
  await Promise.all(inFlight);
  await options.checkpoint.flush();
  if (failure) throw failure;
  if (options.signal?.aborted) throw new MigrationInterrupted('interrupted');
  return tally;
}
