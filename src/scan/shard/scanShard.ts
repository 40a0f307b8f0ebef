import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DiagnosticRecord, OperationRecord, StoreRecord } from '../../model/access-model';
import { analyseSources, type SourceAnalysis } from '../analyseSources';
import type { DiscoveredFile } from '../discoverFiles';
import { parseOrDiagnose } from '../parseOrDiagnose';
import type { WholeProject } from '../project/createProjectIndex';
import { defaultRecognisers } from '../recognisers';
import type { DataFile, HandlerFinding, InfrastructureFinding, SourceFile } from '../types';

/** A handler as a shard found it, without its function (a tree does not leave the shard). */
export type PlainHandler = Omit<HandlerFinding, 'fn'>;

/** What one shard found, as plain data (it crosses process boundaries): merged by mergeShardResults. */
export interface ShardResult {
  infrastructure: InfrastructureFinding;
  /** Handlers in the order the shard found them; `key` is their identity across shards. */
  handlers: { key: string; handler: PlainHandler; resolved: boolean }[];
  stores: StoreRecord[];
  /** Operations; `handler`, when set, is a handler's key (ids are given once for the whole project). */
  operations: OperationRecord[];
  evidence: SourceAnalysis['evidence'];
  diagnostics: DiagnosticRecord[];
}

/** The identity of a handler across shards: where it is and what it answers. */
export function handlerKeyOf(handler: PlainHandler): string {
  return JSON.stringify([handler.kind, handler.file, handler.line, handler.method ?? '', handler.path ?? '', handler.exportName ?? '']);
}

/**
 * Parses and analyses the files of one shard (`files`, in discovery order) with the default
 * recognisers, as the unsharded scan does for the whole project; the trees are dropped on return.
 */
export function scanShard(root: string, files: DiscoveredFile[], trusted: Set<string>, whole: WholeProject, onParsed?: (rel: string) => void): ShardResult {
  const diagnostics: DiagnosticRecord[] = [];
  const sources: SourceFile[] = [];
  const dataFiles: DataFile[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file.abs, 'utf8');
    if (file.kind === 'data') dataFiles.push({ rel: file.rel, abs: file.abs, text });
    else {
      const parsed = parseOrDiagnose(file.rel, file.abs, text, diagnostics);
      if (parsed) sources.push(parsed);
      onParsed?.(file.rel);
    }
  }
  const found = analyseSources(root, sources, dataFiles, defaultRecognisers(), diagnostics, () => undefined, whole);
  // Only what the shard saw whole: a file whose imports are missing here can look different (a
  // handler it cannot follow, a call resolved to the wrong function); another shard reports it.
  const isTrusted = (file: string) => trusted.has(file) || !whole.sourceRels.has(file);
  const trustedHandlers = new Map(found.handlers.filter((h) => isTrusted(h.finding.file)).map((h) => [h.id, handlerKeyOf(h.finding)]));
  const operations: OperationRecord[] = [];
  for (const op of found.operations) {
    if (!isTrusted(op.file)) continue;
    if (op.handler === undefined) operations.push(op);
    else {
      const key = trustedHandlers.get(op.handler);
      // reached from a handler this shard does not see whole: only the handler's own shard can tell
      operations.push(key ? { ...op, handler: key } : withoutHandler(op));
    }
  }
  return {
    infrastructure: found.infrastructure,
    handlers: found.handlers
      .filter((h) => isTrusted(h.finding.file))
      .map(({ finding }) => {
        const { fn, ...handler } = finding;
        return { key: handlerKeyOf(handler), handler, resolved: Boolean(fn) };
      }),
    stores: found.stores.filter((store) => isTrusted(store.file)),
    operations,
    evidence: found.evidence,
    diagnostics: diagnostics.filter((d) => isTrusted(d.file)),
  };
}

function withoutHandler(op: OperationRecord): OperationRecord {
  const { handler: _handler, ...rest } = op;
  return rest as OperationRecord;
}

/** What every shard needs to know about the files it does not parse. */
export function wholeProjectOf(files: DiscoveredFile[]): WholeProject {
  return {
    files: new Set(files.map((file) => path.resolve(file.abs))),
    sourceRels: new Set(files.filter((file) => file.kind === 'source').map((file) => file.rel)),
  };
}
