import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AccessModel, DiagnosticRecord } from '../model/access-model';
import { analyseSources } from './analyseSources';
import { findDuplicateRoutes } from './assignHandlerIds';
import { discoverFiles } from './discoverFiles';
import { mergeEntityEvidence } from './mergeEntityEvidence';
import { parseOrDiagnose } from './parseOrDiagnose';
import { readCachedModel, scanCacheFile, scanCacheKey, writeCachedModel } from './scanCache';
import { defaultRecognisers, type Recognisers } from './recognisers';
import { chooseSharding, type ShardingChoice } from './shard/chooseSharding';
import { planShards } from './shard/planShards';
import { scanInShards } from './shard/scanInShards';
import { sortModel } from './sortModel';
import type { DataFile, SourceFile } from './types';

/** A scan that cannot start (missing directory): the CLI prints the message and exits 2. */
export class ScanInputError extends Error {}

export interface ScanOptions {
  /** Replaces the built-in recognisers (tests). */
  recognisers?: Recognisers;
  /** Called after each file is parsed: files done, total. */
  onProgress?: (done: number, total: number) => void;
  /** Called as the scan moves on to each analysis step after parsing ('resolving modules', 'memory', 'sqlite', …). */
  onPhase?: (phase: string) => void;
  /**
   * Keep the model under the project's node_modules/.cache and return it unchanged on a re-run
   * when no scanned file changed (see scanCache.ts). Ignored with custom recognisers.
   */
  cache?: boolean;
  /**
   * Sharded scanning (src/scan/shard): false never; options force it (tests, tuning). By default
   * projects of SHARD_THRESHOLD source files or more are scanned in shards (DYNAMODB_CODEMOD_SHARD).
   * The model is the same either way. Ignored with custom recognisers.
   */
  shard?: false | Partial<ShardingChoice>;
}

/** Scans a project directory and returns its access model (contract 1). Never throws on bad code. */
export async function scan(dir: string, options: ScanOptions = {}): Promise<AccessModel> {
  const root = path.resolve(dir);
  if (!fs.existsSync(root)) throw new ScanInputError(`${dir}: no such directory`);
  if (!fs.statSync(root).isDirectory()) throw new ScanInputError(`${dir}: not a directory`);

  const diagnostics: DiagnosticRecord[] = [];
  const discovery = discoverFiles(root);
  diagnostics.push(...discovery.diagnostics);

  const texts = discovery.files.map((file) => fs.readFileSync(file.abs, 'utf8'));
  const cacheFile = options.cache && !options.recognisers ? scanCacheFile(root) : undefined;
  const cacheKey = cacheFile
    ? scanCacheKey({ root, files: discovery.files.map((file, index) => ({ rel: file.rel, text: texts[index] })), discoveryDiagnostics: discovery.diagnostics })
    : undefined;
  if (cacheFile && cacheKey) {
    const cached = readCachedModel(cacheFile, cacheKey);
    if (cached) {
      options.onProgress?.(discovery.files.length, discovery.files.length);
      return cached;
    }
  }

  const sourceCount = discovery.files.filter((file) => file.kind === 'source').length;
  const sharding = options.recognisers ? undefined : chooseSharding(sourceCount, options.shard);
  const shards = sharding ? planShards(discovery.files, texts, sharding) : [];
  if (sharding && shards.length > 1) {
    texts.fill('');
    options.onPhase?.('shards');
    const { model, needsWholeProject } = await scanInShards(root, discovery.files, shards, discovery.diagnostics, { ...sharding, onProgress: options.onProgress });
    if (needsWholeProject.length === 0) {
      if (cacheFile && cacheKey) writeCachedModel(cacheFile, cacheKey, model);
      return model;
    }
    // a cross-file inference by name the shards cannot make alike: scan the whole project at once
    options.onPhase?.('whole project');
    discovery.files.forEach((file, index) => (texts[index] = fs.readFileSync(file.abs, 'utf8')));
  }

  const sources: SourceFile[] = [];
  const dataFiles: DataFile[] = [];
  discovery.files.forEach((file, index) => {
    const text = texts[index];
    if (file.kind === 'data') dataFiles.push({ rel: file.rel, abs: file.abs, text });
    else {
      const parsed = parseOrDiagnose(file.rel, file.abs, text, diagnostics);
      if (parsed) sources.push(parsed);
    }
    options.onProgress?.(index + 1, discovery.files.length);
  });
  texts.length = 0;

  const phase = (name: string) => options.onPhase?.(name);
  const recognisers = options.recognisers ?? defaultRecognisers();
  const found = analyseSources(root, sources, dataFiles, recognisers, diagnostics, phase);
  diagnostics.push(...findDuplicateRoutes(found.handlers));
  const model = sortModel({
    version: 1,
    stores: found.stores,
    entities: mergeEntityEvidence(
      found.evidence.map((item) => item.evidence),
      found.stores,
      found.operations,
    ),
    operations: found.operations,
    handlers: found.handlers.map((h) => h.record),
    infrastructure: { kind: found.infrastructure.kind, files: found.infrastructure.files },
    diagnostics,
  });
  if (cacheFile && cacheKey) writeCachedModel(cacheFile, cacheKey, model);
  return model;
}

export type { Recognisers } from './recognisers';
