import type { DiagnosticRecord } from '../../model/access-model';
import type { DiscoveredFile } from '../discoverFiles';
import { mergeShardResults, type MergedScan } from './mergeShardResults';
import type { Shard, ShardPlanOptions } from './planShards';
import { scanShard, wholeProjectOf, type ShardResult } from './scanShard';
import { runShardWorkers } from './runShardWorkers';
import { recordShardScanStats } from './shardScanStats';

export interface ShardedScanOptions extends ShardPlanOptions {
  /** Worker processes (0: every shard here, one after another); with workers, this process scans a shard only when every worker failed. */
  workers: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Scans the shards of a project (planShards) and merges their results: without workers, one after
 * another in this process (only one shard's trees alive at a time); with `workers`, in worker
 * processes only, so this process never holds a tree (its peak is the merge's). Each shard's
 * result is the same wherever it ran. The numbers for the benchmark go to shardScanStats.
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
  let here = 0;
  const runHere = (index: number): ShardResult => {
    here += 1;
    const result = scanShard(root, filesOf(files, shards[index]), shards[index].trusted, whole);
    progress(shards[index].core.length);
    return result;
  };
  const peaks: number[] = [];
  const results =
    options.workers > 0 && shards.length > 1
      ? await runShardWorkers(root, files, shards, options.workers, runHere, (index) => progress(shards[index].core.length), peaks)
      : shards.map((_, index) => runHere(index));
  recordShardScanStats({ shards: shards.length, shardsHere: here, workerPeakRssMB: peaks.map((kb) => Math.round(kb / 1024)) });
  return mergeShardResults(results, discoveryDiagnostics);
}

/** The shard's files in discovery order (the order one scan of the whole project sees them in). */
export function filesOf(files: DiscoveredFile[], shard: Shard): DiscoveredFile[] {
  return files.filter((file) => shard.files.has(file.rel));
}
