/**
 * Counter items start at the highest existing id, so the migrated app's next `ADD 1` gives a new
 * id. The update only ever raises the value (`attribute_not_exists OR value < max`): a counter the
 * running app has already moved past is left alone, so a re-run never hands out an id twice.
 * Counters are set before the records are copied, so an app already serving traffic while the
 * copy runs cannot create an id that a copied record is about to take.
 */
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { formatKey } from '../entityPlan';
import type { CounterPlan } from '../validateSources';
import { withRetry, type RetryPolicy, type RetryStats } from './retry';

export interface CounterResult {
  entity: string;
  table: string;
  key: string;
  max?: number;
  /** The value in the table after the update (it may be higher than max). */
  value?: number;
  ok: boolean;
}

export async function setCounters(doc: DynamoDBDocumentClient, counters: CounterPlan[], policy: RetryPolicy, stats: RetryStats): Promise<void> {
  for (const { plan, max } of counters) {
    if (max === undefined) continue;
    const { table, key, attribute } = plan.counter;
    try {
      await withRetry(
        () =>
          doc.send(
            new UpdateCommand({
              TableName: table.name,
              Key: key,
              UpdateExpression: 'SET #value = :max',
              ConditionExpression: 'attribute_not_exists(#value) OR #value < :max',
              ExpressionAttributeNames: { '#value': attribute },
              ExpressionAttributeValues: { ':max': max },
            }),
          ),
        policy,
        stats,
      );
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      // already at or past the highest id: the app has created records since
    }
  }
}

/** Reads each counter back: ok when it is at least the highest copied id. */
export async function verifyCounters(doc: DynamoDBDocumentClient, counters: CounterPlan[], policy: RetryPolicy, stats: RetryStats): Promise<CounterResult[]> {
  const results: CounterResult[] = [];
  for (const { plan, max } of counters) {
    if (max === undefined) continue;
    const { table, key, attribute } = plan.counter;
    const output = await withRetry(() => doc.send(new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true })), policy, stats);
    const value = output.Item?.[attribute];
    results.push({ entity: plan.entity, table: table.name, key: formatKey(key), max, ...(typeof value === 'number' ? { value } : {}), ok: typeof value === 'number' && value >= max });
  }
  return results;
}
