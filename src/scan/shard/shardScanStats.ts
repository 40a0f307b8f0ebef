/**
 * What the last sharded scan of this process measured, for the benchmark: how many shards ran,
 * and the peak resident memory of each worker process (a sharded scan's memory is this process's
 * plus its workers', and a worker's peak is not in this process's own counters).
 */
export interface ShardScanStats {
  shards: number;
  /** Shards scanned in this process (the others ran in workers). */
  shardsHere: number;
  /** Peak RSS of each worker process in MB (process.resourceUsage().maxRSS, sent with every result). */
  workerPeakRssMB: number[];
}

let last: ShardScanStats | undefined;

export function recordShardScanStats(stats: ShardScanStats): void {
  last = stats;
}

/** The stats of the last sharded scan in this process; undefined when none ran (a one-pass scan). */
export function shardScanStats(): ShardScanStats | undefined {
  return last;
}
