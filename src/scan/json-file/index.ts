import { analyseDataStores } from '../memory/analyseDataStores';
import type { StoreFamily } from '../types';

/**
 * JSON-file stores: fs sync/callback/promises reads and writes (also through read/save helpers in
 * their own module), `require('./x.json')` and `import x from './x.json'`. One store per collection
 * (the document's array, or each array under a key of the document).
 */
export const jsonFileFamily: StoreFamily = {
  name: 'json-file',
  findStores: (ctx) => analyseDataStores(ctx).stores.filter((s) => s.store.family === 'json').map((s) => s.finding),
  findOperations: (ctx, stores) => {
    const ids = new Set(stores.map((s) => s.id));
    return analyseDataStores(ctx).stores.filter((s) => ids.has(s.finding.id) && s.store.family === 'json').flatMap((s) => s.operations);
  },
  findEntityEvidence: (ctx, stores) => {
    const ids = new Set(stores.map((s) => s.id));
    return analyseDataStores(ctx).stores.filter((s) => ids.has(s.finding.id) && s.store.family === 'json').flatMap((s) => s.evidence);
  },
};
