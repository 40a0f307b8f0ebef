import { derivePlan } from '../../src/plan/derive-plan';
import { blogModel, notesModel, ordersModel, todosModel } from './models';

describe('GSIs for lookups', () => {
  it('adds a GSI for filter-by-attr with the sort attribute as sort key, and keys a boolean through a string copy', () => {
    const design = derivePlan(todosModel());
    expect(design.tables[0].gsis).toEqual([
      {
        name: 'completed-createdAt-index',
        partitionKey: { name: 'completedKey', type: 'string' },
        sortKey: { name: 'createdAt', type: 'string' },
        projection: 'ALL',
        reason: 'Todo items by completed, newest createdAt first',
      },
    ]);
    expect(design.entities.Todo.derivedAttributes).toEqual([{ name: 'completedKey', as: 'string', from: 'completed' }]);
    const list = design.accessPatterns!.find((pattern) => pattern.description === 'find Todos by completed, newest createdAt first')!;
    expect(list.requests).toEqual(['Query Todos index completed-createdAt-index']);
  });

  it('adds no GSI when nothing but the id is read, and a relation lookup gets one on the foreign key', () => {
    expect(derivePlan(notesModel()).tables[0].gsis).toEqual([]);
    const blog = derivePlan(blogModel());
    expect(blog.tables.find((table) => table.entity === 'Comment')!.gsis.map((gsi) => [gsi.name, gsi.partitionKey, gsi.sortKey])).toEqual([
      ['postId-createdAt-index', { name: 'postId', type: 'number' }, { name: 'createdAt', type: 'string' }],
    ]);
    expect(blog.tables.find((table) => table.entity === 'Post')!.gsis).toEqual([]);
  });

  it('a sorted, paged list of every item gets an index on a constant attribute instead of a Scan', () => {
    const design = derivePlan(ordersModel());
    const orders = design.tables[0];
    expect(orders.gsis.map((gsi) => gsi.name)).toEqual(['itemType-createdAt-index', 'customerId-index']);
    expect(orders.gsis[0]).toMatchObject({ partitionKey: { name: 'itemType', type: 'string' }, sortKey: { name: 'createdAt', type: 'string' } });
    expect(design.entities.Order.derivedAttributes).toEqual([{ name: 'itemType', as: 'constant', value: 'Order' }]);
    const page = design.accessPatterns!.find((pattern) => pattern.handlers.includes('GET /orders'))!;
    expect(page.requests).toEqual(['Query Orders index itemType-createdAt-index']);
    expect(page.scan).toBeUndefined();
  });

  it('picks the foreign key as partition key of a multi-attribute filter and filters on the rest', () => {
    const model = todosModel();
    model.entities[0].fields.push({ name: 'userId', type: 'string' });
    model.entities[0].relations.push({ field: 'userId', entity: 'User' });
    model.operations[1].attributes = ['completed', 'userId'];
    const design = derivePlan(model);
    expect(design.tables[0].gsis.map((gsi) => [gsi.name, gsi.partitionKey.name, gsi.sortKey?.name])).toEqual([['userId-createdAt-index', 'userId', 'createdAt']]);
    const pattern = design.accessPatterns!.find((item) => item.description.startsWith('find Todos by completed and userId'))!;
    expect(pattern.requests).toEqual(['Query Todos index userId-createdAt-index']);
  });

  it('--gsi adds an index, with an optional sort key, and refuses unknown attributes', () => {
    const design = derivePlan(notesModel(), { gsi: ['Note.title', 'Note.title:createdAt'] });
    expect(design.tables[0].gsis.map((gsi) => gsi.name)).toEqual(['title-index', 'title-createdAt-index']);
    expect(() => derivePlan(notesModel(), { gsi: ['Note.colour'] })).toThrow('--gsi Note.colour: "colour" is not an attribute of entity Note');
    expect(() => derivePlan(notesModel(), { gsi: ['Nope.title'] })).toThrow('there is no entity Nope');
    expect(() => derivePlan(notesModel(), { gsi: ['title'] })).toThrow('expected Entity.attribute');
    expect(() => derivePlan(notesModel(), { gsi: ['Note.title:title'] })).toThrow('the sort attribute must differ from the partition attribute');
  });
});
