/**
 * dynalite on 127.0.0.1 with its tables created from the design, and a counting proxy in front of
 * it: the migrated app talks to the proxy (DYNAMODB_ENDPOINT), which forwards every request
 * unchanged and records its operation (the X-Amz-Target header) and table, so verify counts the
 * DynamoDB calls the app makes at the client without changing the app.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

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
  let input: { TableName?: string; IndexName?: string; RequestItems?: Record<string, unknown> } = {};
  try {
    input = JSON.parse(body) as typeof input;
  } catch {
    // counted without a table: dynalite answers the malformed body itself
  }
  const tables = input.TableName ? [input.TableName] : Object.keys(input.RequestItems ?? {}).sort();
  return { operation, tables, ...(input.IndexName ? { index: input.IndexName } : {}) };
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
      const forward = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', (error) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`verify proxy: ${error.message}`);
      });
      forward.end(body);
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
