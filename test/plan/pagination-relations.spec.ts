import { derivePlan, getPlanNotes } from '../../src/plan/derive-plan';
import { blogModel, ordersModel } from './models';

describe('offset pagination', () => {
  it('stays (apply cuts the page in the app); the plan names its cost and cursor pagination as the follow-up; a plain limit is not named', () => {
    const design = derivePlan(ordersModel());
    expect(design.entities.Order.pagination).toBe('cursor');
    expect(design.apiChanges).toHaveLength(1);
    expect(design.apiChanges![0]).toMatch(/^GET \/orders: offset\/page pagination stays as it is after apply \(no change for clients\), but each page reads every matching item/);
    expect(design.apiChanges![0]).toContain('Recommended follow-up, an API change: cursor pagination');
    expect(design.apiChanges![0]).not.toContain('/customers');
  });
});

describe('joins and cascading deletes', () => {
  it('plans each join explicitly: parent by key (batched for lists), children by a GSI query', () => {
    const design = derivePlan(blogModel());
    expect(design.entities.Post.joins).toEqual([
      { entity: 'User', attribute: 'userId', kind: 'many-to-one' },
      { entity: 'Comment', attribute: 'postId', kind: 'one-to-many', index: 'postId-createdAt-index' },
    ]);
    const list = design.handlers.find((handler) => handler.id === 'GET /posts')!;
    expect(list.grants).toEqual([
      { table: 'Posts', actions: ['Scan'] },
      { table: 'Users', actions: ['BatchGetItem'] },
    ]);
    const one = design.handlers.find((handler) => handler.id === 'GET /posts/:id')!;
    expect(one.grants).toEqual([
      { table: 'Comments', actions: ['Query'], indexes: ['postId-createdAt-index'] },
      { table: 'Posts', actions: ['GetItem'] },
    ]);
  });

  it('turns "delete a post and its comments" into a cascade: Query the GSI then BatchWriteItem', () => {
    const design = derivePlan(blogModel());
    expect(design.entities.Post.cascade).toEqual([{ entity: 'Comment', attribute: 'postId', index: 'postId-createdAt-index' }]);
    const remove = design.handlers.find((handler) => handler.id === 'DELETE /posts/:id')!;
    expect(remove).toMatchObject({
      actions: ['Query', 'DeleteItem', 'BatchWriteItem'],
      tables: ['Comments', 'Posts'],
      indexes: ['postId-createdAt-index'],
      grants: [
        { table: 'Comments', actions: ['Query', 'BatchWriteItem'], indexes: ['postId-createdAt-index'] },
        { table: 'Posts', actions: ['DeleteItem'] },
      ],
    });
  });

  it('notes a join it cannot map instead of dropping it silently', () => {
    const model = blogModel();
    model.operations.push({ op: 'join', entity: 'Post', store: 'sqlite:blog.db#posts', file: 'src/routes.js', line: 60, handler: 'GET /posts', attributes: ['tagId'] });
    expect(getPlanNotes(model)).toEqual(['src/routes.js:60: a join on Post (tagId) matches no relation; plan it by hand.']);
  });
});
