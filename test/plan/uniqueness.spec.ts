import { derivePlan } from '../../src/plan/derive-plan';
import { usersModel } from './models';

describe('uniqueness by conditional put', () => {
  it('guards a unique email with a guard item, and serves the exact lookup from it without a GSI', () => {
    const design = derivePlan(usersModel());
    expect(design.entities.User.uniqueAttributes).toEqual([{ attribute: 'email', table: 'UniqueValues', key: { uniqueKey: 'User#email#{email}' }, lookup: 'guard' }]);
    expect(design.tables.find((table) => table.entity === 'User' && !table.purpose)!.gsis).toEqual([]);
    expect(design.tables.find((table) => table.purpose === 'unique-values')).toMatchObject({ name: 'UniqueValues', envVar: 'UNIQUE_VALUES_TABLE_NAME', partitionKey: { name: 'uniqueKey', type: 'string' } });
    const login = design.handlers.find((handler) => handler.id === 'POST /login')!;
    expect(login.grants).toEqual([
      { table: 'UniqueValues', actions: ['GetItem'] },
      { table: 'Users', actions: ['GetItem'] },
    ]);
  });

  it('replaces the existence check before a create by the conditional put (no read) and can roll the guard back', () => {
    const design = derivePlan(usersModel());
    const signup = design.handlers.find((handler) => handler.id === 'POST /users')!;
    expect(signup.grants).toEqual([
      { table: 'UniqueValues', actions: ['PutItem', 'DeleteItem'] },
      { table: 'Users', actions: ['PutItem'] },
    ]);
    const update = design.handlers.find((handler) => handler.id === 'PATCH /users/:id')!;
    expect(update.grants).toEqual([
      { table: 'UniqueValues', actions: ['PutItem', 'DeleteItem'] },
      // the app finds the user and changes it: that read stays one GetItem before the UpdateItem
      { table: 'Users', actions: ['GetItem', 'UpdateItem'] },
    ]);
    const remove = design.handlers.find((handler) => handler.id === 'DELETE /users/:id')!;
    expect(remove.grants).toEqual([
      { table: 'UniqueValues', actions: ['DeleteItem'] },
      { table: 'Users', actions: ['GetItem', 'DeleteItem'] },
    ]);
  });

  it('still plans a GSI when the unique attribute is read sorted or paged', () => {
    const model = usersModel();
    model.operations.push({ op: 'sort', entity: 'User', store: 'src/db.ts#users', file: 'src/routes/users.ts', line: 23, handler: 'POST /login', attributes: ['createdAt'], order: 'desc' });
    const design = derivePlan(model);
    expect(design.entities.User.uniqueAttributes![0]).toMatchObject({ attribute: 'email', lookup: 'index', index: 'email-createdAt-index' });
    expect(design.tables[0].gsis.map((gsi) => gsi.name)).toEqual(['email-createdAt-index']);
  });

  it('marks a unique attribute nobody reads by as lookup none', () => {
    const model = usersModel();
    model.operations = model.operations.filter((op) => op.handler !== 'POST /login');
    expect(derivePlan(model).entities.User.uniqueAttributes![0].lookup).toBe('none');
  });
});
