/**
 * One BatchWriteItem of at most 25 puts, carried through to the end: throttling and dropped
 * connections retried, and the UnprocessedItems DynamoDB hands back (when a partition is busy)
 * sent again after a backoff until none is left. Puts are idempotent, so a request that was
 * applied but whose answer was lost is simply applied again.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Item } from '../toItem';
import { getBackoffDelay, sleep, withRetry, type RetryPolicy, type RetryStats } from './retry';

export const MAX_BATCH_WRITE = 25;

export class BatchWriteError extends Error {}

export async function batchWrite(doc: DynamoDBDocumentClient, table: string, items: Item[], policy: RetryPolicy, stats: RetryStats): Promise<void> {
  if (items.length > MAX_BATCH_WRITE) throw new Error(`a BatchWrite takes at most ${MAX_BATCH_WRITE} items, got ${items.length}`);
  let requests: Record<string, unknown>[] = items.map((item) => ({ PutRequest: { Item: item } }));
  for (let round = 0; requests.length; round += 1) {
    if (round > 0) {
      if (round >= policy.maxAttempts) throw new BatchWriteError(`${table}: ${requests.length} items still unprocessed after ${round} rounds of BatchWrite (the table is throttled); run again to resume`);
      stats.unprocessed += 1;
      await (policy.sleep ?? sleep)(getBackoffDelay(round - 1, policy));
    }
    const batch = requests;
    const output = await withRetry(() => doc.send(new BatchWriteCommand({ RequestItems: { [table]: batch as never } })), policy, stats);
    requests = (output.UnprocessedItems?.[table] ?? []) as Record<string, unknown>[];
  }
}
