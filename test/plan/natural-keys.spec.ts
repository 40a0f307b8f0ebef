import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AccessModel } from '../../src/model/access-model';
import { derivePlan } from '../../src/plan/derive-plan';
import { describeDecisions } from '../../src/plan/describe-decisions';
import { findNaturalKeys } from '../../src/plan/find-natural-keys';
import { REPO_ROOT } from '../support/scanProject';

/** The short-link app's access model as the scanner reports it (reads, updates and deletes by `code`). */
function shortlinksModel(): AccessModel {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'fixtures', 'express-shortlinks-json-promises', 'expected-scan.json'), 'utf8'));
}

describe('natural keys: an entity found only by a unique attribute is keyed on it', () => {
  it('short links are found by code everywhere and never by id: Links is keyed by code', () => {
    const model = shortlinksModel();
    expect(model.entities[0].key.name).toBe('id'); // what the scan calls the id
    expect(findNaturalKeys(model).get('Link')).toEqual({ key: { name: 'code', type: 'string' }, replaces: 'id', handlers: ['GET /api/links/:code'] });

    const design = derivePlan(model);
    expect(design.tables.map((table) => [table.name, table.partitionKey])).toEqual([['Links', { name: 'code', type: 'string' }]]);
    expect(design.entities.Link).toMatchObject({ idStrategy: 'natural', idAttribute: { name: 'code', type: 'string' } });
    expect(design.entities.Link.attributes).toMatchObject({ id: 'string', code: 'string' });
    // the key itself is unique: no guard item, no UniqueValues table
    expect(design.entities.Link.uniqueAttributes).toBeUndefined();
    expect(design.apiChanges).toEqual([]);
    const grants = Object.fromEntries(design.handlers.map((handler) => [handler.id, handler.grants]));
    expect(grants['GET /api/links/:code']).toEqual([{ table: 'Links', actions: ['GetItem'] }]);
    // the old "is the code taken?" read becomes the put's condition
    expect(grants['POST /api/links']).toEqual([{ table: 'Links', actions: ['PutItem'] }]);
    expect(design.accessPatterns!.find((pattern) => pattern.description === 'get a Link by code')!.requests).toEqual(['GetItem Links']);
  });

  it('plan.md says why code and not id', () => {
    const model = shortlinksModel();
    const line = describeDecisions(derivePlan(model), model).find((item) => item.startsWith('**Links are keyed by code, not id:**'));
    expect(line).toContain('one strongly consistent GetItem');
    expect(line).toContain('attribute_not_exists(code)');
    expect(line).toContain('no API change');
  });

  it('keeps the id as key when anything finds an item by id', () => {
    const model = shortlinksModel();
    model.operations.push({ op: 'delete', entity: 'Link', store: 'json:data/links.json', file: 'server.js', line: 140, handler: 'DELETE /api/links/by-id/:id', attributes: ['id'] });
    expect(findNaturalKeys(model).size).toBe(0);
    expect(derivePlan(model).tables[0].partitionKey).toEqual({ name: 'id', type: 'string' });
  });

  it('keeps the id as key when the code is not kept unique (two items could share it)', () => {
    const model = shortlinksModel();
    for (const op of model.operations) delete op.unique;
    expect(findNaturalKeys(model).size).toBe(0);
    expect(derivePlan(model).tables[0].partitionKey.name).toBe('id');
  });

  it('single table: the item keys are built from the code', () => {
    const design = derivePlan(shortlinksModel(), { singleTable: true });
    expect(design.entities.Link.keys).toEqual({ partitionKey: 'LINK#{code}', sortKey: 'LINK#{code}' });
  });
});
