/**
 * A fault-injecting HTTP proxy in front of dynalite (both on 127.0.0.1). Per BatchWriteItem /
 * BatchGetItem request it can answer 400 ThrottlingException (or
 * ProvisionedThroughputExceededException) or 500 InternalServerError without forwarding; forward only part of a batch and
 * hand the rest back as UnprocessedItems / UnprocessedKeys, as DynamoDB does under load; drop the
 * connection, either before forwarding or after dynalite applied the write (the answer is lost,
 * the write is not); or add a delay. Faults follow a fixed schedule, so every run injects them.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * 'swallow' and 'corrupt' make a lying engine (a write acknowledged but not stored, a stored
 * value changed): what only verification can catch.
 */
export type Fault = 'throttle' | 'server-error' | 'unprocessed' | 'drop-before' | 'drop-after' | 'swallow' | 'corrupt';

export interface FaultSchedule {
  /** Fault for the n-th (1-based) batch request of an operation, or undefined to pass it through. */
  fault?: (n: number, operation: 'BatchWriteItem' | 'BatchGetItem') => Fault | undefined;
  /** Added to every forwarded request. */
  delayMs?: number;
}

export interface FaultCounts {
  swallowed: number;
  corrupted: number;
  throttled: number;
  serverErrors: number;
  unprocessed: number;
  droppedBefore: number;
  droppedAfter: number;
  forwarded: number;
}

export interface FaultProxy {
  endpoint: string;
  counts: FaultCounts;
  stop(): Promise<void>;
}

const THROTTLE_TYPES = ['com.amazonaws.dynamodb.v20120810#ThrottlingException', 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException'];

export async function startFaultProxy(target: string, schedule: FaultSchedule): Promise<FaultProxy> {
  const upstream = new URL(target);
  const counts: FaultCounts = { swallowed: 0, corrupted: 0, throttled: 0, serverErrors: 0, unprocessed: 0, droppedBefore: 0, droppedAfter: 0, forwarded: 0 };
  const seen: Record<string, number> = {};
  const sockets = new Set<import('node:net').Socket>();

  const forward = (req: http.IncomingMessage, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const request = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host, 'content-length': String(body.length) }, agent: false },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 500, headers: response.headers, body: Buffer.concat(chunks) }));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });

  const reply = (res: http.ServerResponse, status: number, headers: http.IncomingHttpHeaders, body: Buffer) => {
    const out: Record<string, unknown> = { ...headers, 'content-length': String(body.length) };
    delete out['x-amz-crc32']; // the body may have been rewritten
    delete out['transfer-encoding'];
    res.writeHead(status, out as http.OutgoingHttpHeaders);
    res.end(body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      try {
        const body = Buffer.concat(chunks);
        const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1];
        let fault: ReturnType<NonNullable<FaultSchedule['fault']>>;
        if (operation === 'BatchWriteItem' || operation === 'BatchGetItem') {
          seen[operation] = (seen[operation] ?? 0) + 1;
          fault = schedule.fault?.(seen[operation], operation);
        }
        if (schedule.delayMs) await new Promise((resolve) => setTimeout(resolve, schedule.delayMs));
        if (fault === 'throttle') {
          counts.throttled += 1;
          const payload = Buffer.from(JSON.stringify({ __type: THROTTLE_TYPES[counts.throttled % 2], message: 'Rate of requests exceeds the allowed throughput.' }));
          return reply(res, 400, { 'content-type': 'application/x-amz-json-1.0' }, payload);
        }
        if (fault === 'server-error') {
          counts.serverErrors += 1;
          return reply(res, 500, { 'content-type': 'application/x-amz-json-1.0' }, Buffer.from(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error' })));
        }
        if (fault === 'drop-before') {
          counts.droppedBefore += 1;
          return req.socket.destroy();
        }
        if (fault === 'unprocessed') return await handBack(req, res, body, operation as 'BatchWriteItem' | 'BatchGetItem');
        if (fault === 'swallow') {
          counts.swallowed += 1;
          return reply(res, 200, { 'content-type': 'application/x-amz-json-1.0' }, Buffer.from('{"UnprocessedItems":{}}'));
        }
        const response = await forward(req, fault === 'corrupt' ? corrupt(body) : body);
        counts.forwarded += 1;
        if (fault === 'drop-after') {
          counts.droppedAfter += 1; // dynalite applied it; the client never hears
          return req.socket.destroy();
        }
        reply(res, response.status, response.headers, response.body);
      } catch (error) {
        res.writeHead(502);
        res.end(String(error));
      }
    });
  });

  /** The first put of the batch with its `title` changed. */
  const corrupt = (body: Buffer): Buffer => {
    const input = JSON.parse(body.toString()) as { RequestItems: Record<string, { PutRequest?: { Item: Record<string, unknown> } }[]> };
    const first = Object.values(input.RequestItems)[0]?.[0]?.PutRequest?.Item;
    if (first) {
      first.title = { S: 'changed in transit' };
      counts.corrupted += 1;
    }
    return Buffer.from(JSON.stringify(input));
  };

  /** Forwards the first half of the batch; the second half comes back unprocessed. */
  const handBack = async (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, operation: 'BatchWriteItem' | 'BatchGetItem') => {
    const input = JSON.parse(body.toString()) as { RequestItems: Record<string, unknown> };
    const [table, requests] = Object.entries(input.RequestItems)[0];
    const list = operation === 'BatchWriteItem' ? (requests as unknown[]) : (requests as { Keys: unknown[] }).Keys;
    if (list.length < 2) {
      const response = await forward(req, body);
      counts.forwarded += 1;
      return reply(res, response.status, response.headers, response.body);
    }
    const kept = list.slice(0, Math.ceil(list.length / 2));
    const rest = list.slice(kept.length);
    const forwardedInput = { ...input, RequestItems: { [table]: operation === 'BatchWriteItem' ? kept : { ...(requests as object), Keys: kept } } };
    const response = await forward(req, Buffer.from(JSON.stringify(forwardedInput)));
    counts.forwarded += 1;
    if (response.status !== 200) return reply(res, response.status, response.headers, response.body);
    const output = JSON.parse(response.body.toString()) as Record<string, unknown>;
    if (operation === 'BatchWriteItem') output.UnprocessedItems = { [table]: rest };
    else output.UnprocessedKeys = { [table]: { ...(requests as object), Keys: rest } };
    counts.unprocessed += 1;
    reply(res, 200, response.headers, Buffer.from(JSON.stringify(output)));
  };

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
