import * as path from 'node:path';
import type { DiscoveredFile } from '../discoverFiles';
import { readModuleEdges } from './readModuleEdges';

export interface ShardPlanOptions {
  /** Source files a shard is given to scan for itself (its core) before the next shard starts. */
  shardFiles: number;
  /** A file that imports more project files than this (an app mounting every feature router) does not tie them together. */
  aggregatorFanOut: number;
}

export interface Shard {
  /** Source files this shard is responsible for (each source file is the core of exactly one shard). */
  core: string[];
  /** Every file (relative paths, source and data) the shard parses: its core, what the core imports, what imports the core, infrastructure, data. */
  files: Set<string>;
  /**
   * Source files whose findings this shard reports: those it parses with everything they import
   * (transitively), so the shard sees them as a scan of the whole project does; plus its core
   * files that no shard sees whole (an app importing every feature), reported from here alone.
   */
  trusted: Set<string>;
}

/** Source files that configure infrastructure (CDK, SST): every shard needs them to tie Lambda functions to handlers. */
const INFRASTRUCTURE = /aws-cdk|monocdk|['"]constructs['"]|['"]sst['"]|['"]sst\/|\$config\s*\(/;

/**
 * Splits a project into shards that the scanner can analyse one after another (or in parallel)
 * with the same results as one scan of the whole project. Source files tied by imports form one
 * unit (a feature: its routes, its data module, its router), except through aggregators that
 * import many files (`app.js` mounting every feature router); units are packed into shards of
 * about `shardFiles` files. A shard also parses every file that imports its core (transitively:
 * the mount chain up to the app) and everything those files and the core import (transitively),
 * but not through an aggregator (only an aggregator's leaf imports: config constants of mount
 * paths), infrastructure code and its imports, and every data file. Shared files are thus parsed
 * by several shards.
 */
export function planShards(files: DiscoveredFile[], texts: string[], options: ShardPlanOptions): Shard[] {
  const sources = files.map((file, index) => ({ file, index })).filter(({ file }) => file.kind === 'source');
  const allAbs = new Set(files.map((file) => path.resolve(file.abs)));
  const position = new Map(sources.map(({ file }, i) => [path.resolve(file.abs), i]));
  const imports: number[][] = sources.map(({ file, index }) =>
    readModuleEdges(file.abs, texts[index], allAbs)
      .map((abs) => position.get(abs))
      .filter((i): i is number => i !== undefined),
  );
  const importers: number[][] = sources.map(() => []);
  imports.forEach((targets, from) => targets.forEach((to) => importers[to].push(from)));

  const always = closure(
    sources.flatMap(({ file, index }, i) => (INFRASTRUCTURE.test(texts[index]) || /(^|\/)sst\.config\./.test(file.rel) ? [i] : [])),
    imports,
  );
  const aggregators = new Set(imports.flatMap((targets, i) => (targets.length > options.aggregatorFanOut && !always.has(i) ? [i] : [])));
  const units = unitsOf(imports, always, aggregators);

  const planned: { core: number[]; members: Set<number>; complete: Set<number> }[] = [];
  let core: number[] = [];
  const flush = () => {
    if (core.length === 0) return;
    // What the core and its importers import, except through an aggregator (that would be the whole project)
    const upward = closure(core, importers);
    const members = closure([...upward], imports, aggregators);
    // an aggregator's own leaf imports (config constants of mount paths) come along
    for (const i of [...members]) if (aggregators.has(i)) for (const target of imports[i]) if (imports[target].length === 0) members.add(target);
    for (const i of always) members.add(i);
    planned.push({ core, members, complete: completeFiles(members, imports, importers) });
    core = [];
  };
  for (const unit of units) {
    if (core.length > 0 && core.length + unit.length > options.shardFiles) flush();
    core.push(...unit);
  }
  flush();

  const completeSomewhere = new Set(planned.flatMap((shard) => [...shard.complete]));
  const dataRels = files.filter((file) => file.kind === 'data').map((file) => file.rel);
  const relsOf = (set: Iterable<number>) => [...set].sort((a, b) => a - b).map((i) => sources[i].file.rel);
  return planned.map((shard) => ({
    core: relsOf(shard.core),
    files: new Set([...dataRels, ...relsOf(shard.members)]),
    trusted: new Set(relsOf([...shard.complete, ...shard.core.filter((i) => !completeSomewhere.has(i))])),
  }));
}

/** The members whose whole import closure is among the members. */
function completeFiles(members: Set<number>, imports: number[][], importers: number[][]): Set<number> {
  const incomplete = new Set<number>();
  const stack: number[] = [];
  for (const i of members) {
    if (imports[i].some((target) => !members.has(target))) {
      incomplete.add(i);
      stack.push(i);
    }
  }
  while (stack.length > 0) {
    for (const importer of importers[stack.pop()!]) {
      if (!members.has(importer) || incomplete.has(importer)) continue;
      incomplete.add(importer);
      stack.push(importer);
    }
  }
  return new Set([...members].filter((i) => !incomplete.has(i)));
}

/** The files reachable from `start` along `edges`, `start` included; files in `stop` are reached but not followed. */
function closure(start: number[], edges: number[][], stop?: Set<number>): Set<number> {
  const seen = new Set<number>(start);
  const stack = [...start];
  while (stack.length > 0) {
    const from = stack.pop()!;
    if (stop?.has(from)) continue;
    for (const next of edges[from]) {
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(next);
    }
  }
  return seen;
}

/** Connected groups of source files (in discovery order), joined by imports other than an aggregator's or an infrastructure file's. */
function unitsOf(imports: number[][], always: Set<number>, aggregators: Set<number>): number[][] {
  const parent = imports.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  imports.forEach((targets, from) => {
    if (always.has(from) || aggregators.has(from)) return;
    for (const to of targets) {
      if (always.has(to)) continue;
      const a = find(from);
      const b = find(to);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  });
  const groups = new Map<number, number[]>();
  imports.forEach((_, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  });
  return [...groups.values()];
}
