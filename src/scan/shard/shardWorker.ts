/**
 * A worker process of a sharded scan (started by runShardWorkers.ts): scans the shards the parent
 * sends, one at a time, and answers each with its plain result.
 */
import type { DiscoveredFile } from '../discoverFiles';
import type { WholeProject } from '../project/createProjectIndex';
import { scanShard, wholeProjectOf, type ShardResult } from './scanShard';

export type ShardParentMessage = { type: 'start'; root: string; files: DiscoveredFile[] } | { type: 'shard'; index: number; files: string[]; trusted: string[] };

export type ShardWorkerMessage = { type: 'result'; index: number; result: ShardResult; /** this worker's peak RSS so far, in KB */ maxRssKB: number } | { type: 'failed'; index?: number; message: string };

let state: { root: string; files: DiscoveredFile[]; whole: WholeProject } | undefined;

process.on('message', (message: ShardParentMessage) => {
  try {
    if (message.type === 'start') {
      state = { root: message.root, files: message.files, whole: wholeProjectOf(message.files) };
      return;
    }
    if (!state) throw new Error('shard before start');
    const wanted = new Set(message.files);
    const result = scanShard(state.root, state.files.filter((file) => wanted.has(file.rel)), new Set(message.trusted), state.whole);
    process.send?.({ type: 'result', index: message.index, result, maxRssKB: process.resourceUsage().maxRSS } satisfies ShardWorkerMessage);
    // The shard's trees are garbage now; V8 would collect them lazily, letting the heap grow by
    // the next shard's trees on top of them. Collected here, a worker's peak is one shard's.
    (globalThis as { gc?: () => void }).gc?.();
  } catch (error) {
    process.send?.({ type: 'failed', index: message.type === 'shard' ? message.index : undefined, message: String((error as Error).message ?? error) } satisfies ShardWorkerMessage);
  }
});

process.on('disconnect', () => process.exit(0));
