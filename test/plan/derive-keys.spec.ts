import { derivePlan } from '../../src/plan/derive-plan';
import { formatDesign } from '../../src/plan/plan';
import { ALL_MODELS, blogModel, notesModel, ordersModel } from './models';

describe('key choice and table defaults', () => {
  it('gives each entity its own table keyed by its id, with the id type kept', () => {
    const design = derivePlan(notesModel());
    expect(design.tables).toHaveLength(1);
    const [notes] = design.tables;
    expect(notes).toMatchObject({ name: 'Notes', envVar: 'NOTES_TABLE_NAME', entity: 'Note', partitionKey: { name: 'id', type: 'string' }, gsis: [] });
    expect(notes.sortKey).toBeUndefined();
    expect(design.entities.Note).toMatchObject({ table: 'Notes', idStrategy: 'uuid', idAttribute: { name: 'id', type: 'string' } });
    expect(design.entities.Note.attributes).toEqual({ id: 'string', title: 'string', body: 'string', createdAt: 'string' });

    const blog = derivePlan(blogModel());
    expect(blog.tables.find((table) => table.entity === 'Post')!.partitionKey).toEqual({ name: 'id', type: 'number' });
  });

  it('is on-demand, with point-in-time recovery, default encryption and removal policy destroy', () => {
    for (const table of derivePlan(blogModel()).tables) {
      expect(table).toMatchObject({ billing: 'PAY_PER_REQUEST', pointInTimeRecovery: true, removalPolicy: 'destroy', encryption: 'AWS_OWNED' });
    }
  });

  it('derives table names and env vars from the entity', () => {
    const design = derivePlan(ordersModel());
    expect(design.tables[0]).toMatchObject({ name: 'Orders', envVar: 'ORDERS_TABLE_NAME' });
    const model = notesModel();
    model.entities[0].name = 'OrderItem';
    model.operations.forEach((op) => (op.entity = 'OrderItem'));
    model.stores[0].entity = 'OrderItem';
    expect(derivePlan(model).tables[0]).toMatchObject({ name: 'OrderItems', envVar: 'ORDER_ITEMS_TABLE_NAME' });
    model.entities[0].name = 'Category';
    model.operations.forEach((op) => (op.entity = 'Category'));
    expect(derivePlan(model).tables[0]).toMatchObject({ name: 'Categories', envVar: 'CATEGORIES_TABLE_NAME' });
  });

  it('--table-name renames the table and keeps the env var the code reads', () => {
    const design = derivePlan(notesModel(), { tableName: ['Note=app-notes-dev'] });
    expect(design.tables[0]).toMatchObject({ name: 'app-notes-dev', envVar: 'NOTES_TABLE_NAME' });
    expect(design.entities.Note.table).toBe('app-notes-dev');
    expect(design.handlers.every((handler) => handler.tables.includes('app-notes-dev'))).toBe(true);
  });

  it('is deterministic: the same model gives byte-identical JSON', () => {
    for (const make of Object.values(ALL_MODELS)) {
      expect(formatDesign(derivePlan(make()))).toBe(formatDesign(derivePlan(make())));
      expect(formatDesign(derivePlan(make(), { singleTable: true }))).toBe(formatDesign(derivePlan(make(), { singleTable: true })));
    }
  });
});
