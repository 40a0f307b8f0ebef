import { derivePlan } from '../../src/plan/derive-plan';
import { renderPlanSection } from '../../src/plan/render-plan-section';
import { notesModel, sessionsModel, usersModel } from './models';

describe('TTL', () => {
  it('puts TTL on a derived epoch-seconds attribute, keeping the app field as it is', () => {
    const design = derivePlan(sessionsModel());
    expect(design.tables[0].ttlAttribute).toBe('ttl');
    expect(design.entities.Session.derivedAttributes).toEqual([{ name: 'ttl', as: 'epoch-seconds', from: 'expiresAt' }]);
    expect(design.entities.Session.attributes!.expiresAt).toBe('number');
  });

  it('says expired items are still filtered on read, because deletion is delayed', () => {
    const model = sessionsModel();
    const design = derivePlan(model);
    const read = design.accessPatterns!.find((pattern) => pattern.description === 'get a Session by id')!;
    expect(read.requests).toEqual(['GetItem Sessions']);
    const section = renderPlanSection(design, model);
    expect(section).toMatch(/TTL deletion runs late.*every read still drops Sessions whose expiresAt has passed/);
  });

  it('--ttl works on a date string too, and refuses what cannot hold a time', () => {
    const design = derivePlan(usersModel(), { ttl: ['User.createdAt'] });
    expect(design.tables.find((table) => table.entity === 'User')!.ttlAttribute).toBe('ttl');
    expect(design.entities.User.derivedAttributes).toEqual([{ name: 'ttl', as: 'epoch-seconds', from: 'createdAt' }]);
    const model = notesModel();
    model.entities[0].fields.push({ name: 'tags', type: 'string[]' });
    expect(() => derivePlan(model, { ttl: ['Note.tags'] })).toThrow('--ttl Note.tags: "tags" of entity Note is an array, not a time');
    expect(() => derivePlan(model, { ttl: ['Note.expires'] })).toThrow('"expires" is not an attribute of entity Note');
  });
});
