import { derivePlan } from '../../src/plan/derive-plan';
import { lambdaModel, notesModel } from './models';

describe('per-handler actions', () => {
  it('gives each route exactly the actions its code needs', () => {
    const design = derivePlan(notesModel());
    expect(design.handlers.map((handler) => [handler.id, handler.actions, handler.tables, handler.indexes])).toEqual([
      ['POST /notes', ['PutItem'], ['Notes'], undefined],
      ['GET /notes', ['Scan'], ['Notes'], undefined],
      ['GET /notes/:id', ['GetItem'], ['Notes'], undefined],
      // read-modify-write of an array record: GetItem, then UpdateItem
      ['PUT /notes/:id', ['GetItem', 'UpdateItem'], ['Notes'], undefined],
      // an array record may be found before it is removed: GetItem, then DeleteItem
      ['DELETE /notes/:id', ['GetItem', 'DeleteItem'], ['Notes'], undefined],
    ]);
    expect(design.handlers[0]).toMatchObject({ file: 'server.js', handler: 'POST /notes' });
  });

  it('names Lambda handlers file#export', () => {
    const design = derivePlan(lambdaModel());
    expect(design.handlers.map((handler) => ({ file: handler.file, handler: handler.handler, actions: handler.actions }))).toEqual([
      { file: 'lambda/createNote.ts', handler: 'handler', actions: ['PutItem', 'UpdateItem'] },
      { file: 'lambda/getNote.ts', handler: 'handler', actions: ['GetItem'] },
      { file: 'lambda/listNotes.ts', handler: 'handler', actions: ['Scan'] },
      { file: 'lambda/deleteNote.ts', handler: 'handler', actions: ['GetItem', 'DeleteItem'] },
    ]);
    expect(design.handlers[0].grants).toEqual([
      { table: 'Counters', actions: ['UpdateItem'] },
      { table: 'Notes', actions: ['PutItem'] },
    ]);
  });

  it('skips handlers that never touch the data', () => {
    const model = notesModel();
    model.handlers.push({ id: 'GET /health', file: 'server.js', line: 60, kind: 'express', method: 'GET', path: '/health' });
    expect(derivePlan(model).handlers.map((handler) => handler.id)).not.toContain('GET /health');
  });
});
