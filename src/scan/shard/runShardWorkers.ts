import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DiscoveredFile } from '../discoverFiles';
import type { Shard } from './planShards';
import type { ShardResult } from './scanShard';
import type { ShardParentMessage, ShardWorkerMessage } from './shardWorker';

const AHEAD = 2;

/**
 * Scans shards in `count` worker processes and in this one: each takes the next shard not yet
 * taken. A shard a worker fails on (or a worker that dies) is scanned here instead, so a broken
 * worker costs time, never results. Resolves with the results in shard order.
 */
export async function runShardWorkers(
  root: string,
  files: DiscoveredFile[],
  shards: Shard[],
  count: number,
  runHere: (index: number) => ShardResult,
  onWorkerDone: (index: number) => void,
): Promise<ShardResult[]> {
  const results: (ShardResult | undefined)[] = shards.map(() => undefined);
  const queue = shards.map((_, index) => index);
  const workers: { child: ChildProcess; busy: number[]; gone: boolean }[] = [];
  let wake: (() => void) | undefined;
  const poke = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const feed = () => {
    for (const worker of workers) {
      // two shards a worker, so it does not wait for this process (busy with its own shard) between them
      while (!worker.gone && worker.busy.length < AHEAD && queue.length > 0) {
        const index = queue.shift()!;
        worker.busy.push(index);
        worker.child.send({ type: 'shard', index, files: [...shards[index].files], trusted: [...shards[index].trusted] } satisfies ShardParentMessage);
      }
    }
  };
  const retire = (worker: (typeof workers)[number]) => {
    if (!worker.gone) {
      worker.gone = true;
      if (worker.child.connected) worker.child.disconnect();
    }
    queue.unshift(...worker.busy);
    worker.busy = [];
    poke();
  };
  const entry = path.join(__dirname, `shardWorker${path.extname(__filename)}`);
  const execArgv = entry.endsWith('.ts') ? ['--import', pathToFileURL(require.resolve('tsx')).href] : [];
  for (let i = 0; i < count; i += 1) {
    const child = fork(entry, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const worker = { child, busy: [] as number[], gone: false };
    workers.push(worker);
    child.stderr?.resume();
    child.on('message', (message: ShardWorkerMessage) => {
      if (message.type === 'result' && worker.busy.includes(message.index)) {
        results[message.index] = message.result;
        onWorkerDone(message.index);
        worker.busy = worker.busy.filter((index) => index !== message.index);
      } else if (message.type === 'failed') retire(worker);
      feed();
      poke();
    });
    child.on('error', () => retire(worker));
    child.on('exit', () => retire(worker));
    child.send({ type: 'start', root, files } satisfies ShardParentMessage);
  }
  try {
    for (;;) {
      feed();
      if (queue.length > 0) {
        // this process takes the last shard of the queue, leaving the first ones to the workers
        const index = queue.pop()!;
        results[index] = runHere(index);
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      if (!workers.some((worker) => !worker.gone && worker.busy.length > 0)) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    for (const worker of workers) {
      worker.gone = true;
      if (worker.child.connected) worker.child.disconnect();
    }
  }
  return results.map((result, index) => result ?? runHere(index));
}
