import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DiscoveredFile } from '../discoverFiles';
import type { Shard } from './planShards';
import type { ShardResult } from './scanShard';
import type { ShardParentMessage, ShardWorkerMessage } from './shardWorker';

const AHEAD = 2;

/**
 * Scans shards in `count` worker processes: each takes the next shard not yet taken. A shard a
 * worker fails on (or a worker that dies) goes to another worker, or is scanned here once no
 * worker is left, so a broken worker costs time, never results. Resolves with the results in
 * shard order once every worker has exited; `workerPeaksKB[i]` is worker i's peak RSS.
 */
export async function runShardWorkers(
  root: string,
  files: DiscoveredFile[],
  shards: Shard[],
  count: number,
  runHere: (index: number) => ShardResult,
  onWorkerDone: (index: number) => void,
  workerPeaksKB: number[] = [],
): Promise<ShardResult[]> {
  const results: (ShardResult | undefined)[] = shards.map(() => undefined);
  const queue = shards.map((_, index) => index);
  const workers: { child: ChildProcess; busy: number[]; gone: boolean; exited: Promise<void> }[] = [];
  let wake: (() => void) | undefined;
  const poke = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const feed = () => {
    for (const worker of workers) {
      // two shards a worker, so it does not wait for a round trip between them
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
  // --expose-gc: a worker collects a shard's trees before it parses the next one (shardWorker.ts)
  const execArgv = [...(entry.endsWith('.ts') ? ['--import', pathToFileURL(require.resolve('tsx')).href] : []), '--expose-gc'];
  for (let i = 0; i < count; i += 1) {
    const child = fork(entry, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', () => resolve());
    });
    const worker = { child, busy: [] as number[], gone: false, exited };
    workers.push(worker);
    child.stderr?.resume();
    child.on('message', (message: ShardWorkerMessage) => {
      if (message.type === 'result') workerPeaksKB[i] = Math.max(workerPeaksKB[i] ?? 0, message.maxRssKB);
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
      // This process scans a shard only when no worker is left: it holds the merge's inputs, and a
      // shard's trees here would add their garbage to this heap (the peak of the whole scan).
      if (queue.length > 0 && workers.every((worker) => worker.gone)) {
        const index = queue.shift()!;
        results[index] = runHere(index);
        continue;
      }
      if (queue.length === 0 && !workers.some((worker) => !worker.gone && worker.busy.length > 0)) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    for (const worker of workers) {
      worker.gone = true;
      if (worker.child.connected) worker.child.disconnect();
    }
    // Every worker has ended when the scan returns (a worker exits once disconnected): its memory
    // is given back, and its CPU time is among this process's finished children (the bench counts it).
    const stop = setTimeout(() => workers.forEach((worker) => worker.child.kill('SIGKILL')), 10_000);
    await Promise.all(workers.map((worker) => worker.exited));
    clearTimeout(stop);
  }
  return results.map((result, index) => result ?? runHere(index));
}
