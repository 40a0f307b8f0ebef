import type { StoreFamily } from '../types';
import { analyseDataStores } from './analyseDataStores';

/**
 * In-memory stores: module-level arrays, Maps and id-keyed objects (also exported and used from
 * other modules), class properties of repositories, sloppy globals. Shares its analysis with the
 * JSON-file family: data loaded from JSON is worked on with the same array/object operations.
 */
export const memoryFamily: StoreFamily = {
  name: 'in-memory',
  findStores: (ctx) => analyseDataStores(ctx).stores.filter((s) => s.store.family === 'memory').map((s) => s.finding),
  findOperations: (ctx, stores) => {
    const ids = new Set(stores.map((s) => s.id));
    return analyseDataStores(ctx).stores.filter((s) => ids.has(s.finding.id) && s.store.family === 'memory').flatMap((s) => s.operations);
  },
  findEntityEvidence: (ctx, stores) => {
    const ids = new Set(stores.map((s) => s.id));
    return analyseDataStores(ctx).stores.filter((s) => ids.has(s.finding.id) && s.store.family === 'memory').flatMap((s) => s.evidence);
  },
};
