/**
 * The per-file rewrites of a large project spread over worker processes (applyWorker.ts) and this
 * process. Workers start before this process scans, so their own scans run alongside it; files
 * go out in small chunks to whoever is free. Each file's outcome is the same wherever it ran
 * (rewriteSourceFile); a file a worker could not rewrite is rewritten here, so errors surface as
 * they do without workers.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { discoverFiles } from '../scan/discoverFiles';
import type { ParentMessage, WorkerMessage, WorkerStart } from './applyWorker';
import type { FileOutcome } from './rewriteSourceFile';

/** Below this many source files one process is faster: each worker repeats the whole scan. */
export const WORKER_THRESHOLD = 300;
const MAX_WORKERS = 3;
const CHUNK = 4;
/** Chunks a worker may hold at once, so it does not wait for this process between two. */
const AHEAD = 2;

/**
 * Worker processes to start: `requested` (the option) or DYNAMODB_CODEMOD_WORKERS when set
 * (0 = everything in this process); otherwise one per spare core, only for projects of at least
 * WORKER_THRESHOLD source files.
 */
export function countWorkers(root: string, requested?: number): number {
  const fromEnv = process.env.DYNAMODB_CODEMOD_WORKERS;
  const explicit = requested ?? (fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : undefined);
  if (explicit !== undefined) return Number.isFinite(explicit) && explicit > 0 ? Math.floor(explicit) : 0;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  if (cores < 2) return 0;
  const sources = discoverFiles(root).files.filter((file) => file.kind === 'source').length;
  return sources >= WORKER_THRESHOLD ? Math.min(cores - 1, MAX_WORKERS) : 0;
}

interface Worker {
  child: ChildProcess;
  ready: boolean;
  gone: boolean;
  /** Files sent and not answered yet. */
  pending: Set<string>;
}

export class RewritePool {
  private readonly workers: Worker[] = [];
  private queue: string[] = [];
  private wake: (() => void) | undefined;
  private onOutcome: (outcome: FileOutcome | undefined, rel: string) => void = () => undefined;

  constructor(count: number, start: Omit<WorkerStart, 'type'>) {
    for (let i = 0; i < count; i += 1) this.workers.push(this.spawn(start));
  }

  /**
   * Rewrites `files`: workers take chunks as they become free, this process (`local`) takes the
   * rest (none while a worker lives, with shareWithWorkers false: tests of the workers).
   * `onOutcome` gets every file once, in the order they finish.
   */
  async run(
    files: string[],
    local: (rel: string) => FileOutcome | undefined,
    onOutcome: (outcome: FileOutcome | undefined, rel: string) => void,
    { shareWithWorkers = true }: { shareWithWorkers?: boolean } = {},
  ): Promise<void> {
    this.onOutcome = onOutcome;
    this.queue = [...files];
    for (;;) {
      this.feed();
      const alive = this.workers.some((worker) => !worker.gone);
      if (this.queue.length && (shareWithWorkers || !alive)) {
        for (const rel of this.queue.splice(0, CHUNK)) onOutcome(local(rel), rel);
        // let worker answers in, and hand them their next chunks
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      if (!this.queue.length && !this.workers.some((worker) => !worker.gone && worker.pending.size)) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Lets the workers go; resolves once every one has exited (its CPU time then counts as this process's children's). */
  async close(): Promise<void> {
    const exits = this.workers.map((worker) => (worker.child.exitCode !== null || worker.child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => worker.child.once('exit', resolve))));
    for (const worker of this.workers) {
      if (worker.gone) continue;
      worker.gone = true;
      if (worker.child.connected) worker.child.disconnect();
    }
    // a worker that never started has no exit to wait for
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(exits), new Promise((resolve) => (timer = setTimeout(resolve, 5000)))]);
    clearTimeout(timer);
  }

  private feed(): void {
    for (const worker of this.workers) {
      while (worker.ready && !worker.gone && worker.pending.size < AHEAD * CHUNK && this.queue.length) {
        const files = this.queue.splice(0, CHUNK);
        for (const rel of files) worker.pending.add(rel);
        worker.child.send({ type: 'files', files } satisfies ParentMessage);
      }
    }
  }

  private spawn(start: Omit<WorkerStart, 'type'>): Worker {
    const entry = path.join(__dirname, `applyWorker${path.extname(__filename)}`);
    // run from sources (tsx, jest): the worker needs a TypeScript loader too
    const execArgv = entry.endsWith('.ts') ? ['--import', pathToFileURL(require.resolve('tsx')).href] : [];
    const child = fork(entry, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const worker: Worker = { child, ready: false, gone: false, pending: new Set() };
    child.stderr?.resume();
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') worker.ready = true;
      else if (message.type === 'failed') this.retire(worker);
      else if (message.type === 'file') {
        worker.pending.delete(message.rel);
        if (message.error !== undefined) this.queue.unshift(message.rel);
        else this.onOutcome(message.outcome, message.rel);
      }
      this.poke();
    });
    child.on('error', () => this.retire(worker));
    child.on('exit', () => this.retire(worker));
    child.send({ type: 'start', ...start } satisfies ParentMessage);
    return worker;
  }

  /** A worker that failed or exited: the files it held are rewritten here. */
  private retire(worker: Worker): void {
    if (!worker.gone) {
      worker.gone = true;
      if (worker.child.connected) worker.child.disconnect();
    }
    if (worker.pending.size) {
      this.queue.unshift(...worker.pending);
      worker.pending.clear();
    }
    this.poke();
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/** Whether the worker entry can be started from here (a built package ships applyWorker.js next to this file). */
export function workersAvailable(): boolean {
  return fs.existsSync(path.join(__dirname, `applyWorker${path.extname(__filename)}`));
}
