import { derivePlan } from '../../src/plan/derive-plan';
import { blogModel, todosModel, usersModel } from './models';

describe('--single-table', () => {
  it('puts every entity in one table with typed PK/SK keys', () => {
    const design = derivePlan(blogModel(), { singleTable: true });
    expect(design.layout).toBe('single-table');
    expect(design.tables).toHaveLength(1);
    expect(design.tables[0]).toMatchObject({
      name: 'App',
      envVar: 'APP_TABLE_NAME',
      purpose: 'single-table',
      entities: ['User', 'Post', 'Comment'],
      partitionKey: { name: 'PK', type: 'string' },
      sortKey: { name: 'SK', type: 'string' },
    });
    expect(design.entities.Post.keys).toEqual({ partitionKey: 'POST#{id}', sortKey: 'POST#{id}' });
    expect(Object.values(design.entities).every((entity) => entity.table === 'App')).toBe(true);
  });

  it('overloads GSIs: lists and relations share GSI1 with entity-specific key templates', () => {
    const design = derivePlan(blogModel(), { singleTable: true });
    expect(design.tables[0].gsis).toEqual([
      { name: 'GSI1', partitionKey: { name: 'GSI1PK', type: 'string' }, sortKey: { name: 'GSI1SK', type: 'string' }, projection: 'ALL', reason: 'list Post items; Comment items by postId, lowest createdAt first' },
    ]);
    expect(design.entities.Post.indexKeys).toEqual({ GSI1: { partitionKey: 'POST', sortKey: 'POST#{id:pad}' } });
    expect(design.entities.Comment.indexKeys).toEqual({ GSI1: { partitionKey: 'POST#{postId}', sortKey: 'COMMENT#{createdAt}' } });
  });

  it('never scans to list one entity: the type index serves it', () => {
    const design = derivePlan(todosModel(), { singleTable: true });
    expect(design.accessPatterns!.some((pattern) => pattern.scan)).toBe(false);
    expect(design.handlers.find((handler) => handler.id === 'GET /todos')).toMatchObject({ actions: ['Query'], indexes: ['GSI1', 'GSI2'] });
    expect(design.entities.Todo.indexKeys).toEqual({
      GSI1: { partitionKey: 'TODO', sortKey: 'TODO#{createdAt}' },
      GSI2: { partitionKey: 'TODO#COMPLETED#{completed}', sortKey: 'TODO#{createdAt}' },
    });
  });

  it('keeps counters and uniqueness guards as items of the same table', () => {
    const todos = derivePlan(todosModel(), { singleTable: true });
    expect(todos.entities.Todo.counter).toEqual({ table: 'App', key: { PK: 'COUNTER#TODO', SK: 'COUNTER#TODO' }, attribute: 'value' });
    const users = derivePlan(usersModel(), { singleTable: true });
    expect(users.tables).toHaveLength(1);
    expect(users.entities.User.uniqueAttributes).toEqual([
      { attribute: 'email', table: 'App', key: { PK: 'UNIQUE#USER#EMAIL#{email}', SK: 'UNIQUE#USER#EMAIL#{email}' }, lookup: 'guard' },
    ]);
  });

  it('--table-name renames the shared table through any of its entities', () => {
    const design = derivePlan(blogModel(), { singleTable: true, tableName: ['Post=blog'] });
    expect(design.tables[0].name).toBe('blog');
    expect(design.entities.User.counter!.table).toBe('blog');
  });
});
