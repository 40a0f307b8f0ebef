import type { DiagnosticRecord } from '../../model/access-model';
import type { DiscoveredFile } from '../discoverFiles';
import { mergeShardResults, type MergedScan } from './mergeShardResults';
import type { Shard, ShardPlanOptions } from './planShards';
import { scanShard, wholeProjectOf, type ShardResult } from './scanShard';
import { runShardWorkers } from './runShardWorkers';

export interface ShardedScanOptions extends ShardPlanOptions {
  /** Worker processes besides this one (0: every shard here, one after another). */
  workers: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Scans the shards of a project (planShards) and merges their results: one after another in
 * this process (only one shard's trees alive at a time) and, with `workers`, in worker processes
 * at the same time. Each shard's result is the same wherever it ran.
 */
export async function scanInShards(
  root: string,
  files: DiscoveredFile[],
  shards: Shard[],
  discoveryDiagnostics: DiagnosticRecord[],
  options: ShardedScanOptions,
): Promise<MergedScan> {
  const whole = wholeProjectOf(files);
  const total = files.filter((file) => file.kind === 'source').length;
  let done = 0;
  const progress = (count: number) => {
    done += count;
    options.onProgress?.(Math.min(done, total), total);
  };
  const runHere = (index: number): ShardResult => {
    const result = scanShard(root, filesOf(files, shards[index]), shards[index].trusted, whole);
    progress(shards[index].core.length);
    return result;
  };
  const results =
    options.workers > 0 && shards.length > 1
      ? await runShardWorkers(root, files, shards, options.workers, runHere, (index) => progress(shards[index].core.length))
      : shards.map((_, index) => runHere(index));
  return mergeShardResults(results, discoveryDiagnostics);
}

/** The shard's files in discovery order (the order one scan of the whole project sees them in). */
export function filesOf(files: DiscoveredFile[], shard: Shard): DiscoveredFile[] {
  return files.filter((file) => shard.files.has(file.rel));
}
