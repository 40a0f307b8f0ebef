import type { TableDesign } from '../../src/model/table-design';
import { completeDesign } from '../../src/plan/complete-design';
import { deriveBaseDesign } from '../../src/plan/derive-plan';
import { mergeDesign } from '../../src/plan/merge-design';
import { formatDesign } from '../../src/plan/plan';
import { validateDesign } from '../../src/plan/validate-design';
import { todosModel, usersModel } from './models';

function edit(design: TableDesign, change: (copy: TableDesign) => void): TableDesign {
  const copy = structuredClone(design);
  change(copy);
  return copy;
}

describe('mergeDesign keeps hand edits and adds what is new in the code', () => {
  const model = todosModel();
  const base = deriveBaseDesign(model);

  it('changes nothing when nothing changed', () => {
    expect(formatDesign(completeDesign(mergeDesign(base, base, base), model))).toBe(formatDesign(base));
    expect(formatDesign(completeDesign(mergeDesign(base, base), model))).toBe(formatDesign(base));
  });

  it('keeps an importSource added by hand (issue 8: create the table from an S3 import)', () => {
    const edited = edit(base, (design) => {
      design.tables[0].importSource = { keyPrefix: 'Todos/', bucket: 'acme-migration' };
    });
    const merged = completeDesign(mergeDesign(edited, base, base), model);
    expect(merged.tables[0].importSource).toEqual({ bucket: 'acme-migration', keyPrefix: 'Todos/' });
    expect(Object.keys(merged.tables[0].importSource!)).toEqual(['bucket', 'keyPrefix']);
    expect(validateDesign(merged, model)).toEqual([]);
  });

  it('keeps a renamed table, a changed env var, retain, PITR off and a TTL, and references follow the rename', () => {
    const edited = edit(base, (design) => {
      design.tables[0].name = 'prod-todos';
      design.tables[0].envVar = 'TODO_TABLE';
      design.tables[0].removalPolicy = 'retain';
      design.tables[1].pointInTimeRecovery = false;
      design.entities.Todo.attributes!.archiveAt = 'number';
      design.tables[0].ttlAttribute = 'archiveAt';
    });
    const merged = completeDesign(mergeDesign(edited, base, base), model);
    expect(merged.tables[0]).toMatchObject({ name: 'prod-todos', envVar: 'TODO_TABLE', removalPolicy: 'retain', ttlAttribute: 'archiveAt' });
    expect(merged.tables[1]).toMatchObject({ name: 'Counters', pointInTimeRecovery: false });
    expect(merged.entities.Todo.table).toBe('prod-todos');
    expect(merged.handlers.find((handler) => handler.id === 'DELETE /todos/:id')!.tables).toEqual(['prod-todos']);
    expect(validateDesign(merged, model)).toEqual([]);
  });

  it('keeps a GSI removed by hand removed, and the handler falls back to a Scan', () => {
    const edited = edit(base, (design) => {
      design.tables[0].gsis = [];
    });
    const merged = completeDesign(mergeDesign(edited, base, base), model);
    expect(merged.tables[0].gsis).toEqual([]);
    expect(merged.entities.Todo.derivedAttributes).toBeUndefined(); // completedKey no longer feeds an index
    expect(merged.handlers.find((handler) => handler.id === 'GET /todos')).toMatchObject({ actions: ['Scan'] });
    expect(merged.handlers.find((handler) => handler.id === 'GET /todos')!.indexes).toBeUndefined();
    expect(merged.accessPatterns!.find((pattern) => pattern.description.startsWith('find Todos by completed'))!.scan).toBe(true);
  });

  it('keeps a GSI added by hand, and adds GSIs and attributes that are new in the code', () => {
    const edited = edit(base, (design) => {
      design.tables[0].gsis.push({ name: 'title-index', partitionKey: { name: 'title', type: 'string' }, projection: 'KEYS_ONLY' });
      design.entities.Todo.attributes!.colour = 'string';
    });
    const next = todosModel();
    next.entities[0].fields.push({ name: 'userId', type: 'string' });
    next.operations.push({ op: 'filter-by-attr', entity: 'Todo', store: 'app.js#todos', file: 'app.js', line: 50, handler: 'GET /users/:id/todos', attributes: ['userId'] });
    const derived = deriveBaseDesign(next);
    const merged = completeDesign(mergeDesign(edited, derived, base), next);
    expect(merged.tables[0].gsis.map((gsi) => gsi.name)).toEqual(['completed-createdAt-index', 'title-index', 'userId-index']);
    expect(merged.entities.Todo.attributes).toMatchObject({ colour: 'string', userId: 'string' });
    expect(merged.handlers.find((handler) => handler.id === 'GET /users/:id/todos')).toMatchObject({ actions: ['Query'], indexes: ['userId-index'] });
    expect(validateDesign(merged, next)).toEqual([]);
  });

  it('follows the code where people left the derived value alone, keeps their value where they did not', () => {
    const edited = edit(base, (design) => {
      design.tables[0].removalPolicy = 'retain';
    });
    const next = todosModel();
    next.entities[0].key.type = 'string';
    next.entities[0].fields[0].type = 'string';
    next.entities[0].idStrategy = 'uuid';
    const merged = completeDesign(mergeDesign(edited, deriveBaseDesign(next), base), next);
    expect(merged.tables[0]).toMatchObject({ partitionKey: { name: 'id', type: 'string' }, removalPolicy: 'retain' });
    expect(merged.entities.Todo.idStrategy).toBe('uuid');
    expect(merged.tables.map((table) => table.name)).toEqual(['Todos']); // the counter table is no longer used
  });

  it('drops an untouched table the code no longer needs, keeps one people edited', () => {
    const two = todosModel();
    const users = usersModel();
    two.entities.push(...users.entities);
    two.operations.push(...users.operations);
    two.handlers.push(...users.handlers);
    const twoBase = deriveBaseDesign(two);
    const merged = mergeDesign(twoBase, base, twoBase);
    expect(merged.tables.map((table) => table.name)).toEqual(['Todos', 'Counters']);
    const kept = mergeDesign(edit(twoBase, (design) => (design.tables.find((table) => table.name === 'Users')!.removalPolicy = 'retain')), base, twoBase);
    expect(kept.tables.map((table) => table.name)).toContain('Users');
  });

  it('without a baseline, keeps every value of the file and adds only what it lacks', () => {
    const edited = edit(base, (design) => {
      design.tables[0].gsis = [];
      design.tables[0].name = 'todos-dev';
    });
    const merged = mergeDesign(edited, base);
    expect(merged.tables[0].name).toBe('todos-dev');
    expect(merged.tables[0].gsis.map((gsi) => gsi.name)).toEqual(['completed-createdAt-index']);
  });
});
