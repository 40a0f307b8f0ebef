/**
 * The files apply writes besides the rewritten sources: the shared client module, the SDK
 * dependencies in package.json, and the seed data of retired memory stores for migrate-data
 * (`.migration/seed/<Entity>.json`: `{ entity, table, from, records }`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderClientModule } from '../emit/renderClientModule';
import { readGeneratedState } from '../stack/generatedHeader';
import { packageRoot } from '../cli/packageInfo';
import type { ApplyAnalysis } from './analysis/buildApplyAnalysis';
import type { SeedData } from './rewrite/FileRewrite';

export interface FileChange {
  rel: string;
  /** undefined: the file does not exist yet. */
  before?: string;
  after: string;
  /** Why a file was left as it is (a hand-edited generated file). */
  kept?: string;
}

const SDK_PACKAGES = ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'];

export function planSupportFiles(analysis: ApplyAnalysis, seeds: SeedData[], clientUsed: boolean): FileChange[] {
  const changes: FileChange[] = [];
  if (clientUsed) {
    changes.push(planClientModule(analysis));
    const manifest = planPackageJson(analysis);
    if (manifest) changes.push(manifest);
  }
  for (const seed of mergeSeeds(seeds)) {
    const rel = `.migration/seed/${seed.entity}.json`;
    const before = readIfExists(path.join(analysis.root, rel));
    changes.push({ rel, before, after: `${JSON.stringify(seed, null, 2)}\n` });
  }
  return changes.filter((change) => change.before !== change.after);
}

function planClientModule(analysis: ApplyAnalysis): FileChange {
  const rel = analysis.client.rel;
  const before = readIfExists(path.join(analysis.root, rel));
  const after = renderClientModule(analysis.design, analysis.client.flavor);
  if (before !== undefined && before !== after && readGeneratedState(before) !== 'generated-intact') {
    return { rel, before, after: before, kept: `${rel} was edited by hand since it was generated; it was not overwritten (delete it to regenerate)` };
  }
  return { rel, before, after };
}

/** Adds the SDK packages to the nearest package.json (creating one at the root when there is none). */
function planPackageJson(analysis: ApplyAnalysis): FileChange | undefined {
  let dir = path.posix.dirname(analysis.client.rel);
  let rel: string | undefined;
  for (;;) {
    const candidate = dir === '.' ? 'package.json' : `${dir}/package.json`;
    if (fs.existsSync(path.join(analysis.root, candidate))) {
      rel = candidate;
      break;
    }
    if (dir === '.' || dir === '') break;
    dir = path.posix.dirname(dir);
  }
  const versions = ownVersions();
  if (!rel) {
    const created = { private: true, dependencies: Object.fromEntries(SDK_PACKAGES.map((name) => [name, versions[name]])) };
    return { rel: 'package.json', after: `${JSON.stringify(created, null, 2)}\n` };
  }
  const before = fs.readFileSync(path.join(analysis.root, rel), 'utf8');
  let manifest: Record<string, any>;
  try {
    manifest = JSON.parse(before);
  } catch {
    return undefined;
  }
  const dependencies: Record<string, string> = { ...(manifest.dependencies ?? {}) };
  let changed = false;
  for (const name of SDK_PACKAGES) {
    if (dependencies[name] || manifest.devDependencies?.[name]) continue;
    dependencies[name] = versions[name];
    changed = true;
  }
  if (!changed) return undefined;
  manifest.dependencies = Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b)));
  const indent = /^[ \t]+/m.exec(before)?.[0] ?? '  ';
  return { rel, before, after: `${JSON.stringify(manifest, null, indent)}\n` };
}

function ownVersions(): Record<string, string> {
  const own = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8'));
  return Object.fromEntries(SDK_PACKAGES.map((name) => [name, own.dependencies?.[name] ?? '^3.0.0']));
}

/** One seed file per entity: stores of the same entity are concatenated. */
function mergeSeeds(seeds: SeedData[]): SeedData[] {
  const byEntity = new Map<string, SeedData>();
  for (const seed of seeds) {
    const known = byEntity.get(seed.entity);
    if (known) {
      known.records.push(...seed.records);
      if (!known.from.split(', ').includes(seed.from)) known.from = `${known.from}, ${seed.from}`;
    } else byEntity.set(seed.entity, { ...seed, records: [...seed.records] });
  }
  return [...byEntity.values()].sort((a, b) => a.entity.localeCompare(b.entity));
}

function readIfExists(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}
