import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AccessModel, DiagnosticRecord, HandlerRecord, OperationRecord, StoreRecord } from '../model/access-model';
import { attributeOperations } from './attributeOperations';
import { discoverFiles } from './discoverFiles';
import { mergeEntityEvidence } from './mergeEntityEvidence';
import { parseSource, SourceParseError } from './parseSource';
import { readCachedModel, scanCacheFile, scanCacheKey, writeCachedModel } from './scanCache';
import { createProjectIndex } from './project/createProjectIndex';
import { defaultRecognisers, type Recognisers } from './recognisers';
import { assignHandlerIds, findDuplicateRoutes } from './assignHandlerIds';
import { sortModel } from './sortModel';
import type { DataFile, EntityEvidence, InfrastructureFinding, OperationFinding, ScanContext, SourceFile, StoreFinding } from './types';

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
  phase('infrastructure');
  const project = createProjectIndex(root, sources, dataFiles);
  const ctx: ScanContext = { root, project, diagnostics: { add: (d) => diagnostics.push(d) } };
  const recognisers = options.recognisers ?? defaultRecognisers();

  const infrastructure: InfrastructureFinding = guarded(ctx, 'infrastructure', () => recognisers.findInfrastructure(ctx)) ?? {
    kind: 'none',
    files: [],
    constructs: [],
    apis: [],
  };
  phase('handlers');
  const handlerFindings = guarded(ctx, 'handlers', () => recognisers.findHandlers(ctx, infrastructure)) ?? [];
  const handlers = assignHandlerIds(handlerFindings, infrastructure);
  diagnostics.push(...findDuplicateRoutes(handlers));

  const stores: StoreFinding[] = [];
  const operations: OperationFinding[] = [];
  const evidence: EntityEvidence[] = [];
  for (const family of recognisers.families) {
    phase(`${family.name} stores`);
    const found = guarded(ctx, family.name, () => family.findStores(ctx)) ?? [];
    stores.push(...found);
    operations.push(...(guarded(ctx, family.name, () => family.findOperations(ctx, found)) ?? []));
    evidence.push(...(guarded(ctx, family.name, () => family.findEntityEvidence(ctx, found)) ?? []));
  }
  for (const extra of recognisers.entityEvidence) {
    evidence.push(...(guarded(ctx, 'entity evidence', () => extra(ctx, stores)) ?? []));
  }

  phase('call graph');
  const storeRecords: StoreRecord[] = stores.map(({ anchors: _anchors, ...record }) => record);
  const operationRecords: OperationRecord[] = attributeOperations(project, operations, handlers);
  const handlerRecords: HandlerRecord[] = handlers.map((h) => h.record);
  const model = sortModel({
    version: 1,
    stores: storeRecords,
    entities: mergeEntityEvidence(evidence, storeRecords, operationRecords),
    operations: operationRecords,
    handlers: handlerRecords,
    infrastructure: { kind: infrastructure.kind, files: infrastructure.files },
    diagnostics,
  });
  if (cacheFile && cacheKey) writeCachedModel(cacheFile, cacheKey, model);
  return model;
}

function parseOrDiagnose(rel: string, abs: string, text: string, diagnostics: DiagnosticRecord[]): SourceFile | undefined {
  try {
    const parsed = parseSource(rel, abs, text);
    const recovered = ((parsed.ast as { errors?: unknown[] }).errors ?? [])[0] as { message?: string; loc?: { line: number } } | undefined;
    if (recovered) {
      diagnostics.push({
        severity: 'warning',
        code: 'parse-recovered',
        file: rel,
        line: recovered.loc?.line ?? 1,
        message: `${(recovered.message ?? 'syntax error').replace(/\s*\(\d+:\d+\)$/, '')} — scanned as far as possible; the app may not run as written`,
      });
    }
    return parsed;
  } catch (error) {
    const line = error instanceof SourceParseError ? error.line : 1;
    diagnostics.push({
      severity: 'error',
      code: 'parse-error',
      file: rel,
      line,
      message: `cannot parse: ${(error as Error).message}; this file was not scanned`,
    });
    return undefined;
  }
}

/** Runs one recogniser; a bug in it becomes a diagnostic instead of a crash of the whole scan. */
function guarded<T>(ctx: ScanContext, what: string, run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    ctx.diagnostics.add({
      severity: 'error',
      code: 'recogniser-failed',
      file: '.',
      line: 0,
      message: `internal error in the ${what} recogniser (${(error as Error).message}); results for it may be incomplete — please report this`,
    });
    return undefined;
  }
}

export type { Recognisers } from './recognisers';
