import { derivePlan } from '../../src/plan/derive-plan';
import { blogModel, lambdaModel, notesModel, todosModel } from './models';

describe('id strategy', () => {
  it('replaces length + 1 ids with an atomic counter item and keeps numeric ids', () => {
    const design = derivePlan(todosModel());
    expect(design.entities.Todo).toMatchObject({
      idStrategy: 'counter',
      idAttribute: { name: 'id', type: 'number' },
      counter: { table: 'Counters', key: { counter: 'Todo' }, attribute: 'value' },
    });
    expect(design.tables[0].partitionKey).toEqual({ name: 'id', type: 'number' });
    const counters = design.tables.find((table) => table.purpose === 'counters')!;
    expect(counters).toMatchObject({ name: 'Counters', envVar: 'COUNTERS_TABLE_NAME', partitionKey: { name: 'counter', type: 'string' }, entities: ['Todo'] });
    expect(design.apiChanges).toEqual([]);
    const create = design.handlers.find((handler) => handler.id === 'POST /todos')!;
    expect(create.grants).toEqual([
      { table: 'Counters', actions: ['UpdateItem'] },
      { table: 'Todos', actions: ['PutItem'] },
    ]);
  });

  it('treats max + 1 (Lambda, JSON file) and SQLite autoincrement the same way, one counter table for all', () => {
    expect(derivePlan(lambdaModel()).entities.Note.idStrategy).toBe('counter');
    const blog = derivePlan(blogModel());
    expect(Object.values(blog.entities).map((entity) => entity.idStrategy)).toEqual(['counter', 'counter', 'counter']);
    expect(blog.tables.filter((table) => table.purpose === 'counters')).toHaveLength(1);
    expect(blog.tables.find((table) => table.purpose === 'counters')!.entities).toEqual(['User', 'Post', 'Comment']);
  });

  it('--id-strategy uuid switches to string ids, drops the counter and names the API change', () => {
    const design = derivePlan(todosModel(), { idStrategy: 'uuid' });
    expect(design.entities.Todo).toMatchObject({ idStrategy: 'uuid', idAttribute: { name: 'id', type: 'string' } });
    expect(design.entities.Todo.counter).toBeUndefined();
    expect(design.tables.map((table) => table.name)).toEqual(['Todos']);
    expect(design.tables[0].partitionKey).toEqual({ name: 'id', type: 'string' });
    expect(design.apiChanges).toHaveLength(1);
    expect(design.apiChanges![0]).toMatch(/Todo ids become random UUID strings instead of numbers/);
    expect(design.handlers.find((handler) => handler.id === 'POST /todos')!.actions).toEqual(['PutItem']);
  });

  it('leaves uuid ids alone and rejects an unknown --id-strategy', () => {
    expect(derivePlan(notesModel(), { idStrategy: 'uuid' }).apiChanges).toEqual([]);
    expect(() => derivePlan(todosModel(), { idStrategy: 'snowflake' })).toThrow('--id-strategy snowflake: expected counter or uuid');
  });

  it('keeps the app\'s own id code when the scan could not tell how ids are made', () => {
    const model = notesModel();
    model.entities[0].idStrategy = 'unknown';
    expect(derivePlan(model).entities.Note.idStrategy).toBe('app');
  });
});
