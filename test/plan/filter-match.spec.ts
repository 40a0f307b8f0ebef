import type { AccessModel } from '../../src/model/access-model';
import { derivePlan } from '../../src/plan/derive-plan';

/** Speakers searched by a part of the name (contains) and looked up by city (equals) in one handler each. */
function speakersModel(match: 'contains' | 'prefix' | 'range' | undefined): AccessModel {
  return {
    version: 1,
    stores: [{ id: 'json:data/speakers.json', kind: 'json-file-promises', entity: 'Speaker', file: 'src/model.js', line: 1, source: 'data/speakers.json' }],
    entities: [
      {
        name: 'Speaker',
        fields: [{ name: 'id', type: 'number' }, { name: 'name', type: 'string' }, { name: 'city', type: 'string' }, { name: 'talk', type: 'object' }],
        key: { name: 'id', type: 'number' },
        idStrategy: 'increment',
        relations: [],
        records: 3,
      },
    ],
    operations: [
      { op: 'filter-by-attr', entity: 'Speaker', store: 'json:data/speakers.json', file: 'src/model.js', line: 10, handler: 'GET /speakers/search', attributes: ['name'], ...(match ? { match } : {}) },
      { op: 'filter-by-attr', entity: 'Speaker', store: 'json:data/speakers.json', file: 'src/model.js', line: 20, handler: 'GET /speakers/by-city', attributes: ['city'] },
      { op: 'filter-by-attr', entity: 'Speaker', store: 'json:data/speakers.json', file: 'src/model.js', line: 30, handler: 'GET /speakers/by-rate', attributes: ['talk'] },
    ],
    handlers: [
      { id: 'GET /speakers/search', file: 'src/routes.js', line: 1, kind: 'express', method: 'GET', path: '/speakers/search' },
      { id: 'GET /speakers/by-city', file: 'src/routes.js', line: 2, kind: 'express', method: 'GET', path: '/speakers/by-city' },
      { id: 'GET /speakers/by-rate', file: 'src/routes.js', line: 3, kind: 'express', method: 'GET', path: '/speakers/by-rate' },
    ],
    infrastructure: { kind: 'none', files: [] },
    diagnostics: [],
  };
}

describe('plan: a GSI only for an equality', () => {
  it('an equality filter (match absent) gets its GSI, as before', () => {
    const design = derivePlan(speakersModel(undefined));
    expect(design.tables[0].gsis.map((gsi) => gsi.name).sort()).toEqual(['city-index', 'name-index']);
  });

  it.each(['contains', 'prefix', 'range'] as const)('a %s filter gets none: Scan with a FilterExpression, and plan.md says why', (match) => {
    const design = derivePlan(speakersModel(match));
    expect(design.tables[0].gsis.map((gsi) => gsi.name)).toEqual(['city-index']);
    const search = design.accessPatterns!.find((pattern) => pattern.handlers.includes('GET /speakers/search'))!;
    expect(search.requests).toEqual(['Scan Speakers']);
    expect(search.description).toContain('no index for it: a GSI answers only an equality on its partition key');
    expect(search.description).toContain({ contains: 'name contains a value', prefix: 'name starts with a value', range: 'name is in a range' }[match]);
    // the write costs no GSI copy for it
    const create = design.accessPatterns!.find((pattern) => pattern.description.startsWith('create'));
    if (create) expect(create.cost).toContain('1 GSI copy');
  });

  it('never plans a GSI on an object attribute (a nested compare is recorded on its top-level attribute)', () => {
    const design = derivePlan(speakersModel(undefined));
    expect(design.tables[0].gsis.some((gsi) => gsi.partitionKey.name === 'talk')).toBe(false);
  });
});
