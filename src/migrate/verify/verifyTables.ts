/**
 * Proof that nothing was lost: the sources are read once more and every item they give is read
 * back from its table by key (BatchGetItem, 100 keys a request, strongly consistent), compared
 * with what was meant to be written, and folded into two order-independent checksums per table,
 * one of the expected items and one of the items found. Items the table holds besides these
 * (created by the app meanwhile) do not count against it.
 */
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { canonicalJson, ItemChecksum } from '../checksum';
import { formatKey, getItemKey } from '../entityPlan';
import type { PreparedItem } from '../prepareRecord';
import { readPreparedRecords, type MigrationContext, type SourceEntry } from '../sourceEntries';
import type { Validation } from '../validateSources';
import { getBackoffDelay, sleep, withRetry, type RetryPolicy, type RetryStats } from '../write/retry';

export interface TableVerification {
  expected: ItemChecksum;
  found: ItemChecksum;
  /** Items read back equal to what was written. */
  verified: number;
  /** Keys of items missing from the table. */
  missing: string[];
  /** Keys of items whose content differs. */
  different: string[];
}

const MAX_BATCH_GET = 100;
const MAX_LISTED = 50;

export interface VerifyOptions {
  doc: DynamoDBDocumentClient;
  concurrency: number;
  retry: RetryPolicy;
  stats: RetryStats;
  onVerified?: (items: number) => void;
}

export async function verifyTables(ctx: MigrationContext, entries: SourceEntry[], validation: Validation, options: VerifyOptions): Promise<Map<string, TableVerification>> {
  const results = new Map<string, TableVerification>();
  const resultFor = (table: string) => {
    let result = results.get(table);
    if (!result) results.set(table, (result = { expected: new ItemChecksum(), found: new ItemChecksum(), verified: 0, missing: [], different: [] }));
    return result;
  };
  const pending = new Map<string, { design: PreparedItem['table']['design']; expected: Map<string, { key: Record<string, unknown>; canonical: string }> }>();
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;

  const send = async (table: string) => {
    const batch = pending.get(table);
    if (!batch || !batch.expected.size) return;
    pending.delete(table);
    while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
    const task = readBack(options, table, batch.expected, resultFor(table)).catch((error: unknown) => {
      failure ??= error;
    });
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  };

  for (const entry of entries) {
    const skip = validation.skip.get(entry.key) ?? new Set<number>();
    for await (const { index, prepared } of readPreparedRecords(ctx, entry)) {
      if (failure) break;
      if (skip.has(index)) continue;
      for (const item of prepared.items) {
        const canonical = canonicalJson(item.item);
        const key = getItemKey(item.table.design, item.item);
        resultFor(item.table.name).expected.addCanonical(canonical);
        const batch = pending.get(item.table.name) ?? { design: item.table.design, expected: new Map() };
        pending.set(item.table.name, batch);
        batch.expected.set(canonicalJson(key), { key, canonical });
        if (batch.expected.size >= MAX_BATCH_GET) await send(item.table.name);
      }
    }
  }
  for (const table of [...pending.keys()]) await send(table);
  await Promise.all(inFlight);
  if (failure) throw failure;
  return results;
}

async function readBack(options: VerifyOptions, table: string, expected: Map<string, { key: Record<string, unknown>; canonical: string }>, result: TableVerification): Promise<void> {
  let keys = [...expected.values()].map((entry) => entry.key);
  const found = new Set<string>();
  for (let round = 0; keys.length; round += 1) {
    if (round > 0) {
      if (round >= options.retry.maxAttempts) throw new Error(`${table}: ${keys.length} keys still unprocessed after ${round} rounds of BatchGet`);
      options.stats.unprocessed += 1;
      await (options.retry.sleep ?? sleep)(getBackoffDelay(round - 1, options.retry));
    }
    const request = keys;
    const output = await withRetry(() => options.doc.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: request, ConsistentRead: true } } })), options.retry, options.stats);
    for (const item of output.Responses?.[table] ?? []) {
      const canonical = canonicalJson(item);
      result.found.addCanonical(canonical);
      const keyText = findKey(expected, item);
      if (keyText === undefined) continue;
      found.add(keyText);
      if (expected.get(keyText)!.canonical === canonical) result.verified += 1;
      else if (result.different.length < MAX_LISTED) result.different.push(formatKey(expected.get(keyText)!.key));
    }
    keys = (output.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
  }
  for (const [keyText, entry] of expected) {
    if (!found.has(keyText) && result.missing.length < MAX_LISTED) result.missing.push(formatKey(entry.key));
  }
  options.onVerified?.(expected.size);
}

/** The expected entry a returned item answers (its key attributes, in the key's order). */
function findKey(expected: Map<string, { key: Record<string, unknown> }>, item: Record<string, unknown>): string | undefined {
  const sample = expected.values().next().value;
  if (!sample) return undefined;
  const key: Record<string, unknown> = {};
  for (const name of Object.keys(sample.key)) key[name] = item[name];
  const text = canonicalJson(key);
  return expected.has(text) ? text : undefined;
}
