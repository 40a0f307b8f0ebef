/**
 * dynalite on 127.0.0.1 with its tables created from the design, and a counting proxy in front of
 * it: the migrated app talks to the proxy (DYNAMODB_ENDPOINT), which forwards every request
 * unchanged and records its operation (the X-Amz-Target header) and table, so verify counts the
 * DynamoDB calls the app makes at the client without changing the app. A TransactWriteItems,
 * which dynalite lacks, the proxy answers itself (answerTransactWrite).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerTransactWrite } from './answerTransactWrite';

// dynalite ships no types
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }) => http.Server;

/** One DynamoDB call as the client sent it. */
export interface DynamoCall {
  /** `GetItem`, `Query`, `Scan`, `PutItem`, … */
  operation: string;
  /** Table name(s): one for item and query calls, every table of a batch call. */
  tables: string[];
  index?: string;
  /**
   * TransactWriteItems: its actions as the IAM actions they need (`PutItem`, `DeleteItem`,
   * `UpdateItem`, `ConditionCheckItem` on their table). IAM has no TransactWriteItems action: each
   * action is authorized as that single write, so the grant audit checks these.
   */
  actions?: { operation: string; table: string }[];
  /** The engine has no such operation (dynalite's UnknownOperationException for TransactWriteItems). */
  unsupported?: boolean;
}

export interface LocalDynamo {
  /** dynalite itself (tables and data are loaded here; nothing is counted). */
  endpoint: string;
  /** The counting proxy: give this one to the app. */
  countingEndpoint: string;
  /** Calls counted since the last take(), oldest first; empties the list. */
  takeCalls(): DynamoCall[];
  stop(): Promise<void>;
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

/** Operation, tables and index of a DynamoDB JSON request; undefined when it is not one. */
export function describeCall(target: string | undefined, body: string): DynamoCall | undefined {
  const operation = /^DynamoDB_\d+\.(\w+)$/.exec(target ?? '')?.[1];
  if (!operation) return undefined;
  let input: { TableName?: string; IndexName?: string; RequestItems?: Record<string, unknown>; TransactItems?: unknown } = {};
  try {
    input = JSON.parse(body) as typeof input;
  } catch {
    // counted without a table: dynalite answers the malformed body itself
  }
  if (operation === 'TransactWriteItems') {
    const actions = readTransactActions(input.TransactItems);
    return { operation, tables: [...new Set(actions.map((action) => action.table))].sort(), actions };
  }
  const tables = input.TableName ? [input.TableName] : Object.keys(input.RequestItems ?? {}).sort();
  return { operation, tables, ...(input.IndexName ? { index: input.IndexName } : {}) };
}

const TRANSACT_ACTIONS: Record<string, string> = { Put: 'PutItem', Delete: 'DeleteItem', Update: 'UpdateItem', ConditionCheck: 'ConditionCheckItem' };

/** `[{ Put: { TableName: 'Users', … } }, …]` → `[{ operation: 'PutItem', table: 'Users' }, …]`, in order. */
function readTransactActions(items: unknown): { operation: string; table: string }[] {
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: Record<string, { TableName?: unknown } | undefined>) =>
    Object.entries(TRANSACT_ACTIONS).flatMap(([kind, operation]) => {
      const table = item?.[kind]?.TableName;
      return typeof table === 'string' ? [{ operation, table }] : [];
    }),
  );
}

/** True when an error answer says the engine has no such operation (dynalite: TransactWriteItems). */
export function isUnknownOperation(status: number, body: string): boolean {
  return status === 400 && /UnknownOperationException/.test(body);
}

/** dynalite alone on 127.0.0.1 (a free port), tables ready at once: the engine every local run uses. */
export async function startDynalite(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const engine = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const endpoint = await listen(engine);
  return { endpoint, stop: () => close(engine) };
}

export async function startLocalDynamo(): Promise<LocalDynamo> {
  const engine = await startDynalite();
  const { endpoint } = engine;
  const target = new URL(endpoint);
  let calls: DynamoCall[] = [];
  const proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const call = describeCall(req.headers['x-amz-target'] as string | undefined, body.toString('utf8'));
      if (call) calls.push(call);
      const forward = (): void => {
        const request = http.request(
          { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            if (call?.operation === 'TransactWriteItems' && answer.statusCode === 400) {
              // read the error to tell "no such operation" (the client emulates it next) apart
              const parts: Buffer[] = [];
              answer.on('data', (chunk: Buffer) => parts.push(chunk));
              answer.on('end', () => {
                const answered = Buffer.concat(parts);
                if (isUnknownOperation(400, answered.toString('utf8'))) call.unsupported = true;
                res.end(answered);
              });
              return;
            }
            answer.pipe(res);
          },
        );
        request.on('error', (error) => failed(error));
        request.end(body);
      };
      const failed = (error: Error): void => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`verify proxy: ${error.message}`);
      };
      if (call?.operation !== 'TransactWriteItems') return forward();
      // dynalite has none: the proxy carries it out (see answerTransactWrite), counted once as in AWS
      answerTransactWrite(target, req.headers, body.toString('utf8')).then((answer) => {
        if (!answer) return forward();
        res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(answer.body) });
        res.end(answer.body);
      }, failed);
    });
  });
  const countingEndpoint = await listen(proxy);
  return {
    endpoint,
    countingEndpoint,
    takeCalls: () => {
      const taken = calls;
      calls = [];
      return taken;
    },
    stop: async () => {
      await close(proxy);
      await engine.stop();
    },
  };
}
