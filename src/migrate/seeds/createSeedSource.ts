/** MigrationSource for seed data declared in code (evaluated statically, never run). */
import * as path from 'node:path';
import type { StoreRecord } from '../../model/access-model';
import { fingerprintFile } from '../readers/dataFileSources';
import type { MigrationSource } from '../types';
import { collectSeedRecords } from './collectSeedRecords';

export async function createSeedSource(root: string, store: StoreRecord, stores: string[], now: Date): Promise<MigrationSource> {
  const seed = collectSeedRecords(root, store, now);
  const binding = store.id.slice(store.id.lastIndexOf('#') + 1);
  const notes = seed.timeRefs.length
    ? [`${seed.timeRefs.join(', ')}: the seed data reads the clock (new Date(), Date.now()); it is copied with the migration's start time, ${now.toISOString()}`]
    : [];
  return {
    stores,
    entity: store.entity,
    kind: 'seed',
    file: store.file,
    label: `seed data of ${binding} (${store.file}:${store.line})`,
    problems: seed.problems.map((problem) => ({ ref: problem.ref, entity: store.entity, message: problem.message })),
    notes,
    count: async () => seed.records.length,
    read: async function* () {
      yield* seed.records;
    },
    // the seed records come from the code; a changed module means other records
    fingerprint: () => `${fingerprintFile(path.resolve(root, store.file))}:${seed.records.length}`,
  };
}
