/**
 * Derived requests whose id variable neither app answered are reported as not derivable instead of
 * being sent with the literal `{{Student_id}}` (seen on a public repo whose create answers no id).
 */
import type { AccessModel } from '../../src/model/access-model';
import type { TableDesign } from '../../src/model/table-design';
import { deriveRequests } from '../../src/verify/behaviour/deriveRequests';
import { findUnderivable } from '../../src/verify/behaviour/findUnderivable';

const model = {
  version: 1,
  stores: [],
  entities: [{ name: 'Student', fields: [{ name: 'id', type: 'number' }, { name: 'name', type: 'string' }], key: { name: 'id', type: 'number' }, idStrategy: 'increment', relations: [] }],
  operations: [
    { op: 'create', entity: 'Student', store: 's', file: 'a.js', line: 1, handler: 'POST /students' },
    { op: 'read-by-id', entity: 'Student', store: 's', file: 'a.js', line: 2, handler: 'GET /students/:id' },
    { op: 'list', entity: 'Student', store: 's', file: 'a.js', line: 3, handler: 'GET /students' },
    { op: 'delete', entity: 'Student', store: 's', file: 'a.js', line: 4, handler: 'DELETE /students/:id' },
  ],
  handlers: [
    { id: 'POST /students', file: 'a.js', line: 1, kind: 'express', method: 'POST', path: '/students' },
    { id: 'GET /students/:id', file: 'a.js', line: 2, kind: 'express', method: 'GET', path: '/students/:id' },
    { id: 'GET /students', file: 'a.js', line: 3, kind: 'express', method: 'GET', path: '/students' },
    { id: 'DELETE /students/:id', file: 'a.js', line: 4, kind: 'express', method: 'DELETE', path: '/students/:id' },
  ],
  infrastructure: { kind: 'none', files: [] },
  diagnostics: [],
} as unknown as AccessModel;

const design = { version: 1, tables: [], entities: { Student: { table: 'Students', idStrategy: 'counter', idAttribute: { name: 'id', type: 'number' }, attributes: { id: 'number', name: 'string' } } }, handlers: [] } as unknown as TableDesign;

describe('derived requests that need an id no create answered', () => {
  const { requests, vars } = deriveRequests(model, design);
  const byName = (name: string) => requests.find((request) => request.name === name)!;

  it('are not derivable, naming the create whose response had no id', () => {
    // both creates answered without an id: the capture left Student_id unset in both apps
    const reason = findUnderivable(byName('read the Student back'), requests, { ...vars }, { ...vars });
    expect(reason).toBe('not derivable: the POST /students response has no id field (request "create a Student")');
    expect(findUnderivable(byName('delete the Student'), requests, { ...vars }, { ...vars })).toBe(reason);
  });

  it('are sent when either app answered the id, and requests without variables always are', () => {
    expect(findUnderivable(byName('read the Student back'), requests, { ...vars, Student_id: 1 }, { ...vars })).toBeUndefined();
    expect(findUnderivable(byName('read a Student that does not exist'), requests, { ...vars }, { ...vars })).toBeUndefined();
    expect(findUnderivable(byName('list Student records'), requests, {}, {})).toBeUndefined();
    expect(findUnderivable(byName('create a Student'), requests, {}, {})).toBeUndefined();
  });

  it('name a variable nothing captures', () => {
    const withoutCreate = requests.filter((request) => request.name !== 'create a Student');
    expect(findUnderivable(byName('read the Student back'), withoutCreate, {}, {})).toBe('not derivable: nothing captures {{Student_id}}');
  });
});
