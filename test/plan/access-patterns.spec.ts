import { derivePlan } from '../../src/plan/derive-plan';
import { estimateItemSize } from '../../src/plan/estimate-item-size';
import { blogModel, notesModel, todosModel } from './models';

describe('access patterns and cost lines', () => {
  it('states the request and the units for an average item', () => {
    const model = notesModel();
    const design = derivePlan(model);
    const size = estimateItemSize(design, model, 'Note');
    // id "id"+36, title "title"+24, body "body"+200, createdAt "createdAt"+24
    expect(size).toBe(2 + 36 + 5 + 24 + 4 + 200 + 9 + 24);
    const byDescription = Object.fromEntries(design.accessPatterns!.map((pattern) => [pattern.description, pattern]));
    expect(byDescription['get a Note by id']).toMatchObject({ requests: ['GetItem Notes'], readUnits: 1, cost: `1 RCU (GetItem, strongly consistent, ~${size} B item)` });
    expect(byDescription['create a Note']).toMatchObject({ requests: ['PutItem Notes'], writeUnits: 1 });
    expect(byDescription['list all Notes']).toMatchObject({ requests: ['Scan Notes'], scan: true, readUnits: 1 });
    expect(byDescription['list all Notes'].cost).toContain('per 4 KB of the whole table');
  });

  it('counts a write per GSI copy, two when an update moves the item in the index', () => {
    const design = derivePlan(todosModel());
    const update = design.accessPatterns!.find((pattern) => pattern.description === 'update a Todo (completed)')!;
    expect(update.writeUnits).toBe(3);
    expect(update.cost).toContain('1 of them moved: delete + put');
    const create = design.accessPatterns!.find((pattern) => pattern.description === 'create a Todo')!;
    expect(create).toMatchObject({ requests: ['UpdateItem Counters', 'PutItem Todos'], writeUnits: 3 });
  });

  it('prices GSI queries as eventually consistent, and a cascade per item deleted', () => {
    const design = derivePlan(blogModel());
    const comments = design.accessPatterns!.find((pattern) => pattern.description.startsWith('list the Comments of a Post'))!;
    expect(comments).toMatchObject({ requests: ['Query Comments index postId-createdAt-index'], readUnits: 0.5 });
    expect(comments.cost).toContain('eventually consistent');
    const cascade = design.accessPatterns!.find((pattern) => pattern.description === 'delete the Comments of a deleted Post (cascade)')!;
    expect(cascade.requests).toEqual(['Query Comments index postId-createdAt-index', 'BatchWriteItem Comments']);
    expect(cascade.cost).toContain('per item');
  });

  it('uses no Scan where a key or an index serves', () => {
    for (const make of [notesModel, todosModel, blogModel]) {
      const design = derivePlan(make());
      for (const pattern of design.accessPatterns!.filter((item) => item.scan)) expect(pattern.description).toMatch(/^list all /);
    }
  });
});
