import * as os from 'node:os';
import type { ShardPlanOptions } from './planShards';

/** Below this many source files the whole project is scanned at once (the trees of ~2,000 files fit well under 1 GB). */
export const SHARD_THRESHOLD = 2000;
// 250 core files a shard: with a worker per core on 2 cores, the 20,000-handler bench scan stays under
// 1 GB for the main process and both workers together (bench/README.md); 500 needs ~1.2 GB.
const DEFAULT_PLAN: ShardPlanOptions = { shardFiles: 250, aggregatorFanOut: 40 };
const MAX_WORKERS = 3;

export interface ShardingChoice extends ShardPlanOptions {
  workers: number;
}

/**
 * Whether (and how) to scan in shards: `requested` (ScanOptions.shard: false never, options to
 * force it), else DYNAMODB_CODEMOD_SHARD (`0` never, a number N: always, N core files a shard),
 * else projects of SHARD_THRESHOLD source files or more. Workers: DYNAMODB_CODEMOD_WORKERS
 * when set (0 = none: every shard in this process), else one per core, at most MAX_WORKERS.
 */
export function chooseSharding(sourceFiles: number, requested?: Partial<ShardingChoice> | false): ShardingChoice | undefined {
  if (requested === false) return undefined;
  const fromEnv = process.env.DYNAMODB_CODEMOD_SHARD;
  let plan: ShardPlanOptions | undefined;
  if (requested) plan = { ...DEFAULT_PLAN, ...requested };
  else if (fromEnv !== undefined && fromEnv !== '') {
    const size = Number(fromEnv);
    if (!Number.isFinite(size) || size <= 0) return undefined;
    plan = { ...DEFAULT_PLAN, shardFiles: Math.floor(size) };
  } else if (sourceFiles >= SHARD_THRESHOLD) plan = DEFAULT_PLAN;
  if (!plan) return undefined;
  return { ...plan, workers: requested && requested.workers !== undefined ? requested.workers : workerCount() };
}

function workerCount(): number {
  const fromEnv = process.env.DYNAMODB_CODEMOD_WORKERS;
  if (fromEnv !== undefined && fromEnv !== '') {
    const n = Number(fromEnv);
    return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
  }
  // one per core: this process scans no shard while a worker runs (it only merges their results)
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, MAX_WORKERS));
}
