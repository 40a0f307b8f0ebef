/**
 * One timed pass over a generated codebase, run in its own child process so that its peak RSS
 * (process.resourceUsage().maxRSS) belongs to that pass alone. Module loading is not timed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import jscodeshift from 'jscodeshift';
import { apply } from '../src/apply';
import { countWorkers } from '../src/apply/rewriteInWorkers';
import { scan } from '../src/scan';
import { shardScanStats } from '../src/scan/shard/shardScanStats';

export type PassName = 'floor' | 'scan' | 'apply';

export interface PassResult {
  pass: PassName;
  /** Source files (.js/.ts) in the codebase: the denominator for every pass. */
  files: number;
  ms: number;
  filesPerSecond: number;
  /**
   * CPU time (user + system) of the pass, its worker processes included (Linux: the children's
   * times from /proc/self/stat): steadier than wall time on a machine shared with other work.
   */
  cpuMs: number;
  cpuFilesPerSecond: number;
  peakRssMB: number;
  /**
   * Peak RSS of each worker process of a sharded scan (each reports its own maxRSS), not in
   * peakRssMB; absent when the pass used none. The pass's memory is peakRssMB plus these.
   */
  workerPeakRssMB?: number[];
  /** Files the pass could not handle (parse errors, apply errors / TODOs): reported, never hidden. */
  failures: number;
  detail: Record<string, number | string>;
}

/** Source files as the tools see them: .js/.ts/.jsx/.tsx outside node_modules and dot-directories. */
export function listSourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(abs);
      else if (/\.(c|m)?[jt]sx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(abs);
    }
  };
  walk(root);
  return out.sort();
}

export async function measurePass(pass: PassName, root: string): Promise<PassResult> {
  const files = listSourceFiles(root).length;
  // Modules are loaded at startup, so the timing is the work, not the require of the tool.
  const run = loadPass(pass);
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const childrenStart = childrenCpuMs();
  const statsBefore = shardScanStats();
  const outcome = await run(root);
  const stats = shardScanStats();
  const workerPeaks = stats && stats !== statsBefore && stats.workerPeakRssMB.length > 0 ? stats.workerPeakRssMB : undefined;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000 + (childrenCpuMs() - childrenStart);
  return {
    pass,
    files,
    ms: Math.round(ms),
    filesPerSecond: Math.round((files / ms) * 1000 * 10) / 10,
    cpuMs: Math.round(cpuMs),
    cpuFilesPerSecond: Math.round((files / cpuMs) * 1000 * 10) / 10,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    ...(workerPeaks ? { workerPeakRssMB: workerPeaks } : {}),
    failures: outcome.failures,
    detail: outcome.detail,
  };
}

/** CPU time of this process's finished child processes (apply's workers), from /proc; 0 where there is none. */
function childrenCpuMs(): number {
  try {
    // fields after the command name: cutime and cstime are the 14th and 15th, in clock ticks (100 a second on Linux)
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
}

type PassRunner = (root: string) => Promise<{ failures: number; detail: Record<string, number | string> }>;

function loadPass(pass: PassName): PassRunner {
  if (pass === 'floor') {
    // jscodeshift's own API in-process, one core: read, parse with the 'tsx' parser, print unchanged.
    const j = jscodeshift.withParser('tsx');
    return async (root) => {
      let failures = 0;
      let bytes = 0;
      for (const abs of listSourceFiles(root)) {
        const text = fs.readFileSync(abs, 'utf8');
        try {
          bytes += j(text).toSource().length;
        } catch {
          failures++;
        }
      }
      return { failures, detail: { printedBytes: bytes } };
    };
  }
  if (pass === 'scan') {
    return async (root) => {
      const model = await scan(root);
      const parseErrors = model.diagnostics.filter((d) => d.severity === 'error').length;
      const shards = shardScanStats();
      const sharding: Record<string, number> = shards ? { shards: shards.shards, shardsInMainProcess: shards.shardsHere, shardWorkers: shards.workerPeakRssMB.length } : {};
      return { failures: parseErrors, detail: { stores: model.stores.length, operations: model.operations.length, handlers: model.handlers.length, errors: parseErrors, ...sharding } };
    };
  }
  return async (root): ReturnType<PassRunner> => {
    try {
      const result = await apply(root); // computes every change, writes nothing (= apply --dry without printing diffs)
      const todoFiles = new Set(result.todos.map((todo) => todo.file)).size;
      const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
      const kept = result.changes.filter((change) => change.kept).length;
      return {
        failures: todoFiles + errors + kept,
        detail: { workers: countWorkers(root), changedFiles: result.changes.length, rewritten: result.rewritten, todos: result.todos.length, filesWithTodos: todoFiles, errorDiagnostics: errors, keptFiles: kept, warnings: result.diagnostics.length - errors },
      };
    } catch (error) {
      return { failures: listSourceFiles(root).length, detail: { threw: String((error as Error).message).slice(0, 300) } };
    }
  };
}
