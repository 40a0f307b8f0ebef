/**
 * What the migrate-data tests share: dynalite in-process on 127.0.0.1, fixture copies with a
 * design from the real `plan`, the command run with captured output, and a direct Scan of a
 * table (not through migrate-data's own reading) to check what really landed.
 */
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { runMigrateData, type MigrateDataCommandOptions } from '../../../src/commands/migrate-data';
import { runPlan, type RunPlanOptions } from '../../../src/commands/plan';
import { startDynalite as startEngine } from '../../../src/verify/behaviour/startLocalDynamo';
import { copyFixture } from '../../support/fixture-files';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export interface LocalDynamo {
  endpoint: string;
  doc: DynamoDBDocumentClient;
  scanAll(table: string): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

export async function startDynalite(): Promise<LocalDynamo> {
  const engine = await startEngine();
  const { endpoint } = engine;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const doc = DynamoDBDocumentClient.from(client);
  return {
    endpoint,
    doc,
    scanAll: async (table) => {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
        items.push(...((page.Items ?? []) as Record<string, unknown>[]));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
    stop: async () => {
      client.destroy();
      await engine.stop();
    },
  };
}

/** A writable that keeps what was written. */
export function createSink(tty = false): Writable & { text(): string; isTTY?: boolean } {
  let text = '';
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  }) as Writable & { text(): string; isTTY?: boolean };
  sink.text = () => text;
  if (tty) sink.isTTY = true;
  return sink;
}

/** Copies a fixture under .tmp/ and writes its design with the real `plan --yes`. */
export async function prepareFixture(name: string, plan: Partial<RunPlanOptions> = {}, before?: (dir: string) => Promise<void> | void): Promise<string> {
  const dir = await copyFixture(name);
  await before?.(dir);
  const stderr = createSink();
  const code = await runPlan({ dir, yes: true, stdout: createSink(), stderr, ...plan });
  if (code !== 0) throw new Error(`plan failed for ${name}: ${stderr.text()}`);
  return dir;
}

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCommand(options: MigrateDataCommandOptions): Promise<CommandRun> {
  const stdout = createSink();
  const stderr = createSink();
  const code = await runMigrateData({ ...options, stdout, stderr });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** `--json` output: exactly one JSON object on stdout. */
export function parseJsonSummary(run: CommandRun): {
  tables: { table: string; source: number; written: number; verified: number; ok: boolean; resumed?: number; missing?: string[] }[];
  verified: boolean;
  invalid: { ref: string; key?: string; problems: string[] }[];
  retries: { throttled: number; transient: number; unprocessed: number };
  notes: string[];
  refused?: boolean;
  skipped?: number;
} {
  const lines = run.stdout.trim().split('\n');
  if (lines.length !== 1) throw new Error(`expected one line of JSON on stdout, got:\n${run.stdout}\n--- stderr ---\n${run.stderr}`);
  return JSON.parse(lines[0]);
}

export const TSX_LOADER = require.resolve('tsx');
export const RUNNER = path.join(__dirname, 'run-migrate-data.ts');
