/**
 * The tables the copy writes to must exist with the design's keys. With `--create-tables` a
 * missing table is created from the design (keys, GSIs: the plan's toCreateTableInput), waited
 * for until it and its indexes are ACTIVE, then given its TTL and point-in-time recovery
 * settings where the engine supports them (dynalite has neither: noted, not failed).
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  UpdateContinuousBackupsCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { getTableSettings, toCreateTableInput } from '../../plan/to-create-table-input';
import type { TableTarget } from '../entityPlan';
import { sleep, withRetry, type RetryPolicy, type RetryStats } from './retry';

export interface EnsureTablesResult {
  created: string[];
  missing: string[];
  /** Existing tables whose keys differ from the design. */
  mismatched: string[];
  notes: string[];
}

export async function ensureTables(client: DynamoDBClient, targets: TableTarget[], options: { create: boolean; retry: RetryPolicy; stats: RetryStats; timeoutMs?: number }): Promise<EnsureTablesResult> {
  const result: EnsureTablesResult = { created: [], missing: [], mismatched: [], notes: [] };
  const unsupported = { ttl: [] as string[], pitr: [] as string[] };
  for (const target of targets) {
    const existing = await describe(client, target.name, options);
    if (existing) {
      const problem = compareKeys(target, existing);
      if (problem) result.mismatched.push(problem);
      continue;
    }
    if (!options.create) {
      result.missing.push(target.name);
      continue;
    }
    await withRetry(() => client.send(new CreateTableCommand(toCreateTableInput(target.design, { tableName: target.name }))), options.retry, options.stats).catch((error: { name?: string }) => {
      if (error.name !== 'ResourceInUseException') throw error; // created meanwhile by someone else
    });
    await waitUntilActive(client, target.name, options.timeoutMs ?? 10 * 60_000, options);
    result.created.push(target.name);
    const settings = getTableSettings(target.design, { tableName: target.name });
    if (settings.timeToLive && !(await applySetting(() => client.send(new UpdateTimeToLiveCommand(settings.timeToLive!))))) unsupported.ttl.push(`${target.name}.${target.design.ttlAttribute}`);
    if (settings.continuousBackups && !(await applySetting(() => client.send(new UpdateContinuousBackupsCommand(settings.continuousBackups!))))) unsupported.pitr.push(target.name);
  }
  if (unsupported.ttl.length) result.notes.push(`this engine does not support UpdateTimeToLive: TTL is not enabled on ${unsupported.ttl.join(', ')} here, so expired items stay until the app's own filter hides them (the CDK stack enables TTL on AWS)`);
  if (unsupported.pitr.length) result.notes.push(`this engine does not support UpdateContinuousBackups: point-in-time recovery is not enabled on ${unsupported.pitr.join(', ')} here (the CDK stack enables it on AWS)`);
  return result;
}

async function describe(client: DynamoDBClient, name: string, options: { retry: RetryPolicy; stats: RetryStats }): Promise<TableDescription | undefined> {
  try {
    return (await withRetry(() => client.send(new DescribeTableCommand({ TableName: name })), options.retry, options.stats)).Table;
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

async function waitUntilActive(client: DynamoDBClient, name: string, timeoutMs: number, options: { retry: RetryPolicy; stats: RetryStats }): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 100; ; delay = Math.min(delay * 2, 5000)) {
    const table = await describe(client, name, options);
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every((index) => !index.IndexStatus || index.IndexStatus === 'ACTIVE');
    if (table?.TableStatus === 'ACTIVE' && indexesActive) return;
    if (Date.now() > deadline) throw new Error(`table ${name} is not ACTIVE after ${Math.round(timeoutMs / 1000)} s (status ${table?.TableStatus ?? 'unknown'})`);
    await sleep(delay);
  }
}

/** A follow-up setting: false when the engine lacks the operation (dynalite, some local emulators). */
async function applySetting(send: () => Promise<unknown>): Promise<boolean> {
  try {
    await send();
    return true;
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (/UnknownOperation|NotImplemented|UnsupportedOperation|InvalidAction/i.test(name) || /not (supported|implemented)/i.test((error as Error).message ?? '')) return false;
    throw error;
  }
}

function compareKeys(target: TableTarget, table: TableDescription): string | undefined {
  const types = new Map((table.AttributeDefinitions ?? []).map((definition) => [definition.AttributeName, definition.AttributeType]));
  const describeKey = (name: string | undefined, type: string | undefined) => `${name} (${type === 'N' ? 'number' : type === 'S' ? 'string' : type})`;
  const actual = (table.KeySchema ?? []).map((element) => describeKey(element.AttributeName, types.get(element.AttributeName)));
  const wanted = [target.design.partitionKey, target.design.sortKey].filter((key): key is NonNullable<typeof key> => Boolean(key)).map((key) => describeKey(key.name, key.type === 'number' ? 'N' : 'S'));
  if (actual.join(', ') === wanted.join(', ')) return undefined;
  return `table ${target.name} exists with key ${actual.join(', ')}, but the design says ${wanted.join(', ')}`;
}
