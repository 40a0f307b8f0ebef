/**
 * Deletes of many rows and SQLite's id reset, planned: `DELETE FROM t` reads every key (Scan, or
 * the whole-entity index) and deletes them with BatchWriteItem; `DELETE … WHERE <column> = ?` reads
 * them from the GSI planned for that column; the sqlite_sequence reset deletes the entity's counter
 * item, granted only where the ids are counted.
 */
import type { AccessModel, OperationRecord } from '../../src/model/access-model';
import { derivePlan } from '../../src/plan/derive-plan';

function todosModel(idStrategy: 'autoincrement' | 'uuid'): AccessModel {
  const file = 'server.js';
  const store = 'sqlite:todos.db#todos';
  const route = (method: string, path: string, line: number) => ({ id: `${method} ${path}`, file, line, kind: 'express' as const, method, path });
  const op = (handler: string, line: number, kind: OperationRecord['op'], extra: Partial<OperationRecord> = {}): OperationRecord => ({ op: kind, entity: 'Todo', store, file, line, handler, ...extra });
  return {
    version: 1,
    stores: [{ id: store, kind: 'sqlite3-callback', entity: 'Todo', file, line: 3, source: 'todos.db' }],
    entities: [
      {
        name: 'Todo',
        fields: [{ name: 'id', type: idStrategy === 'uuid' ? 'string' : 'number' }, { name: 'title', type: 'string' }, { name: 'owner', type: 'string' }],
        key: { name: 'id', type: idStrategy === 'uuid' ? 'string' : 'number' },
        idStrategy,
        relations: [],
      },
    ],
    handlers: [route('POST', '/todos', 10), route('DELETE', '/todos', 20), route('DELETE', '/owners/:owner/todos', 30)],
    operations: [
      op('POST /todos', 11, 'create'),
      op('DELETE /todos', 21, 'list'),
      op('DELETE /todos', 22, 'delete', { removes: 'all' }),
      op('DELETE /todos', 23, 'delete', { removes: 'counter' }),
      op('DELETE /owners/:owner/todos', 31, 'delete', { attributes: ['owner'] }),
    ],
    infrastructure: { kind: 'none', files: [] },
    diagnostics: [],
  };
}

describe('deletes of many rows and the id reset', () => {
  it('grants the key read and BatchWriteItem, and DeleteItem on the counter only', () => {
    const design = derivePlan(todosModel('autoincrement'));
    const grants = Object.fromEntries(design.handlers.map((handler) => [handler.id, handler.grants]));
    expect(grants['DELETE /todos']).toEqual([
      { table: 'Counters', actions: ['DeleteItem'] },
      { table: 'Todos', actions: ['Scan', 'BatchWriteItem'] },
    ]);
    const gsi = design.tables.find((table) => table.name === 'Todos')!.gsis.find((index) => index.partitionKey.name === 'owner');
    expect(gsi).toBeDefined();
    expect(grants['DELETE /owners/:owner/todos']).toEqual([{ table: 'Todos', actions: ['Query', 'BatchWriteItem'], indexes: [gsi!.name] }]);
    // never a table for sqlite_sequence, and no DeleteItem on the Todos table itself
    expect(design.tables.map((table) => table.name).sort()).toEqual(['Counters', 'Todos']);
  });

  it('uuid ids: nothing to reset, nothing granted for it', () => {
    const design = derivePlan(todosModel('uuid'));
    const grants = Object.fromEntries(design.handlers.map((handler) => [handler.id, handler.grants]));
    expect(grants['DELETE /todos']).toEqual([{ table: 'Todos', actions: ['Scan', 'BatchWriteItem'] }]);
    expect(design.tables.map((table) => table.name)).toEqual(['Todos']);
  });
});
