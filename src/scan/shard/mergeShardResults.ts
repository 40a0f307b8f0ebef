import type { AccessModel, DiagnosticRecord, OperationRecord, StoreRecord } from '../../model/access-model';
import { assignHandlerIds, findDuplicateRoutes } from '../assignHandlerIds';
import { mergeEntityEvidence } from '../mergeEntityEvidence';
import { sortModel } from '../sortModel';
import { findWholeProjectNeeds } from './findWholeProjectNeeds';
import type { EntityEvidence, InfrastructureFinding } from '../types';
import type { PlainHandler, ShardResult } from './scanShard';

export interface MergedScan {
  model: AccessModel;
  /** Store ids two shards described differently (the first shard's record is kept): a sign the sharding changed the result. */
  conflicts: string[];
  /** Why this model may differ from one scan of the whole project (findWholeProjectNeeds); empty when it does not. */
  needsWholeProject: string[];
}

/**
 * One access model from the results of every shard, equal to what one scan of the whole project
 * gives: findings seen by several shards counted once, handler ids given once over all handlers
 * (so duplicate routes number as they do unsharded), an operation tied to the union of the
 * handlers that reach it in any shard, entity evidence merged in the order the recognisers found it.
 */
export function mergeShardResults(results: ShardResult[], discoveryDiagnostics: DiagnosticRecord[]): MergedScan {
  const conflicts: string[] = [];
  const infrastructure = mergeInfrastructure(results);

  const handlers = new Map<string, PlainHandler>();
  for (const result of results) {
    for (const { key, handler } of result.handlers) {
      if (!handlers.has(key)) handlers.set(key, handler);
    }
  }
  const identified = assignHandlerIds([...handlers.values()], infrastructure);
  const idOf = new Map(identified.map((h) => [h.finding, h.id]));
  const idByKey = new Map([...handlers].map(([key, handler]) => [key, idOf.get(handler)!]));

  const stores = new Map<string, StoreRecord>();
  for (const result of results) {
    for (const store of result.stores) {
      const known = stores.get(store.id);
      if (!known) stores.set(store.id, store);
      else if (JSON.stringify(known) !== JSON.stringify(store) && !conflicts.includes(store.id)) conflicts.push(store.id);
    }
  }
  const storeRecords = [...stores.values()];
  const operations = mergeOperations(results, idByKey);
  const diagnostics = [
    ...discoveryDiagnostics,
    ...results.flatMap((result) => result.diagnostics),
    ...findDuplicateRoutes(identified),
  ];
  const model = sortModel({
    version: 1,
    stores: storeRecords,
    entities: mergeEntityEvidence(mergeEvidence(results), storeRecords, operations),
    operations,
    handlers: identified.map((h) => h.record),
    infrastructure: { kind: infrastructure.kind, files: infrastructure.files },
    diagnostics,
  });
  return { model, conflicts, needsWholeProject: [...conflicts.map((id) => `store ${id} differs between shards`), ...findWholeProjectNeeds(model)] };
}

/** Every shard parses the infrastructure code and data: the first shard's view, with anything another shard added. */
function mergeInfrastructure(results: ShardResult[]): InfrastructureFinding {
  const first = results[0]?.infrastructure ?? { kind: 'none', files: [], constructs: [], apis: [] };
  const constructs = dedupe(results.flatMap((r) => r.infrastructure.constructs));
  const apis = dedupe(results.flatMap((r) => r.infrastructure.apis));
  const files = [...new Set(results.flatMap((r) => r.infrastructure.files))];
  return { kind: first.kind, files, constructs, apis };
}

/**
 * An operation seen by several shards is one operation; it belongs to every handler that reaches
 * it in some shard, and is reported without a handler only when no shard saw one reach it.
 */
function mergeOperations(results: ShardResult[], idByKey: Map<string, string>): OperationRecord[] {
  const byBase = new Map<string, OperationRecord[]>();
  for (const result of results) {
    for (const op of result.operations) {
      const { handler, ...base } = op;
      const key = JSON.stringify(base);
      const records = byBase.get(key) ?? [];
      records.push(handler === undefined ? op : { ...op, handler: idByKey.get(handler) ?? handler });
      byBase.set(key, records);
    }
  }
  return [...byBase.values()].flatMap((records) => {
    const handled = records.filter((op) => op.handler !== undefined);
    return handled.length > 0 ? handled : records.slice(0, 1);
  });
}

/** Evidence of each recogniser in shard order, then the next recogniser's: the order one scan finds it in. Repeats dropped (they change nothing in the merge). */
function mergeEvidence(results: ShardResult[]): EntityEvidence[] {
  const producers = [...new Set(results.flatMap((r) => r.evidence.map((e) => e.producer)))].sort((a, b) => a - b);
  const seen = new Set<string>();
  const merged: EntityEvidence[] = [];
  for (const producer of producers) {
    for (const result of results) {
      for (const item of result.evidence) {
        if (item.producer !== producer) continue;
        const key = JSON.stringify(item.evidence);
        if (seen.has(key)) continue;
        seen.add(key);
        merged.push(item.evidence);
      }
    }
  }
  return merged;
}

function dedupe<T>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
