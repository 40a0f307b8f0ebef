/**
 * A source paired with its entity's plan: the unit every pass (validate, write, verify, export)
 * walks, record by record, producing the same items each time.
 */
import type { TableDesign } from '../model/table-design';
import { planEntity, type EntityPlan, type TableTarget } from './entityPlan';
import type { NormaliseOptions } from './normaliseRecord';
import { getNormaliseOptions, prepareRecord, type PreparedRecord } from './prepareRecord';
import type { MigrationSource } from './types';

export interface SourceEntry {
  /** Stable id of the source for the checkpoint: `Note|json:data/notes.json`. */
  key: string;
  source: MigrationSource;
  plan: EntityPlan;
  options: NormaliseOptions;
}

export interface MigrationContext {
  design: TableDesign;
  tables: Map<string, TableTarget>;
  /** Aborted on Ctrl-C: every pass stops at the next record. */
  signal?: AbortSignal;
}

/** The run was stopped (Ctrl-C); the write pass saves its checkpoint first. */
export class MigrationInterrupted extends Error {}

export function createSourceEntries(ctx: MigrationContext, sources: MigrationSource[]): SourceEntry[] {
  return sources.map((source) => {
    const plan = planEntity(ctx.design, source.entity, ctx.tables);
    return { key: `${source.entity}|${source.kind}:${source.file}${source.sqliteTable ? `#${source.sqliteTable}` : ''}`, source, plan, options: getNormaliseOptions(plan, source) };
  });
}

/** Each record of the source, prepared, with its position (0-based) in the source's order. */
export async function* readPreparedRecords(ctx: MigrationContext, entry: SourceEntry): AsyncGenerator<{ index: number; prepared: PreparedRecord }> {
  let index = 0;
  for await (const record of entry.source.read()) {
    if (ctx.signal?.aborted) throw new MigrationInterrupted('interrupted');
    yield { index, prepared: prepareRecord(ctx.design, entry.plan, ctx.tables, entry.options, record) };
    index += 1;
  }
}
