/** The pure parts of verify's behaviour check: answer comparison, call counting, cost rules, route matching. */
import type { AccessModel } from '../../src/model/access-model';
import type { TableDesign } from '../../src/model/table-design';
import { assessCost } from '../../src/verify/behaviour/assessCost';
import { compareResponses, findVolatileIds, isSameMoment, isSortedAnswer } from '../../src/verify/behaviour/compareResponses';
import { findHandlerForRequest } from '../../src/verify/behaviour/findHandlerForRequest';
import { describeCall } from '../../src/verify/behaviour/startLocalDynamo';
import { extractRouteBlock } from '../../src/verify/describeMigration';
import type { ReplayResult } from '../../src/verify/replay/replayRequests';

const answer = (status: number, body: unknown): ReplayResult => ({ name: 'r', method: 'GET', path: '/x', status, headers: {}, body, mismatches: [] });

const model = {
  version: 1,
  stores: [],
  entities: [
    { name: 'Note', fields: [], key: { name: 'id', type: 'number' }, idStrategy: 'increment', relations: [] },
    { name: 'User', fields: [], key: { name: 'userId', type: 'number' }, idStrategy: 'increment', relations: [] },
    { name: 'Post', fields: [], key: { name: 'id', type: 'number' }, idStrategy: 'increment', relations: [{ field: 'authorId', entity: 'User' }] },
  ],
  operations: [
    { op: 'read-by-id', entity: 'Note', store: 's', file: 'a.js', line: 1, handler: 'GET /notes/:id' },
    { op: 'read-by-id', entity: 'Note', store: 's', file: 'a.js', line: 2, handler: 'PUT /notes/:id' },
    { op: 'update', entity: 'Note', store: 's', file: 'a.js', line: 3, handler: 'PUT /notes/:id' },
  ],
  handlers: [
    { id: 'GET /notes', file: 'a.js', line: 1, kind: 'express', method: 'GET', path: '/notes' },
    { id: 'GET /notes/:id', file: 'a.js', line: 2, kind: 'express', method: 'GET', path: '/notes/:id' },
    { id: 'GET /notes/search', file: 'a.js', line: 3, kind: 'express', method: 'GET', path: '/notes/search' },
    { id: 'PUT /notes/:id', file: 'a.js', line: 4, kind: 'express', method: 'PUT', path: '/notes/:id' },
    { id: 'lambda/get.ts#handler', file: 'lambda/get.ts', line: 1, kind: 'lambda', method: 'GET', path: '/items/{id}' },
  ],
  infrastructure: { kind: 'none', files: [] },
  diagnostics: [],
} as unknown as AccessModel;

const design = {
  version: 1,
  tables: [],
  handlers: [],
  entities: {
    Note: { table: 'Notes', idStrategy: 'counter', idAttribute: { name: 'id', type: 'number' } },
    User: { table: 'Users', idStrategy: 'uuid', idAttribute: { name: 'userId', type: 'string' } },
    Post: { table: 'Posts', idStrategy: 'counter' },
  },
  accessPatterns: [
    { entity: 'Note', description: 'get a Note by id', handlers: ['GET /notes/:id'], requests: ['GetItem Notes'], cost: '' },
    { entity: 'Note', description: 'list all Notes', handlers: ['GET /notes'], requests: ['Scan Notes'], cost: '', scan: true },
  ],
} as unknown as TableDesign;

describe('compareResponses', () => {
  it('ids may differ only where the plan changed how they are made (and fields that hold them)', () => {
    expect(findVolatileIds(model, design)).toEqual(['authorId', 'userId']);
  });

  it('reports a different status and a different value, naming both sides', () => {
    const differences = compareResponses(answer(404, { message: 'Note not found' }), answer(200, { message: 'Note gone' }), { volatile: [], ordered: false });
    expect(differences).toEqual(['status: original 404, migrated 200', 'body.message: original "Note not found", migrated "Note gone"']);
  });

  it('accepts changed ids in volatile attributes, timestamps a moment apart, and list order unless the route sorts', () => {
    const before = answer(200, [{ userId: 1, at: '2026-01-01T10:00:00.000Z' }, { userId: 2, at: 1767261600000 }]);
    const after = answer(200, [{ userId: 'b-uuid', at: 1767261601000 }, { userId: 'a-uuid', at: '2026-01-01T10:00:02.000Z' }]);
    expect(compareResponses(before, after, { volatile: ['userId'], ordered: false })).toEqual([]);
    expect(compareResponses(before, after, { volatile: ['userId'], ordered: true }).length).toBeGreaterThan(0);
    expect(compareResponses(answer(200, [{ id: 1 }]), answer(200, [{ id: 2 }]), { volatile: [], ordered: false })).toEqual([expect.stringContaining('no item matches')]);
  });

  it('a timestamp is the same moment within 10 minutes only', () => {
    expect(isSameMoment('2026-01-01T10:00:00.000Z', '2026-01-01T10:09:00.000Z')).toBe(true);
    expect(isSameMoment('2026-01-01T10:00:00.000Z', '2026-01-01T10:11:00.000Z')).toBe(false);
    expect(isSameMoment('Buy milk', 'Buy milk!')).toBe(false);
    expect(isSameMoment(4, 5)).toBe(false);
  });
});

describe('assessCost', () => {
  const get = { operation: 'GetItem', tables: ['Notes'] };
  const scan = { operation: 'Scan', tables: ['Notes'] };
  it('a read by id costs one GetItem; a Scan there is two problems', () => {
    expect(assessCost([get], 'GET /notes/:id', model, design).problems).toEqual([]);
    expect(assessCost([scan], 'GET /notes/:id', model, design).problems).toEqual([
      'Scan of Notes where the design serves GET /notes/:id with GetItem Notes',
      'a read by id costs Scan Notes; at most one GetItem expected',
    ]);
    expect(assessCost([get, get], 'GET /notes/:id', model, design).problems).toEqual(['a read by id costs GetItem Notes + GetItem Notes; at most one GetItem expected']);
  });
  it('a Scan the design plans, and a handler that also updates, are no problem', () => {
    expect(assessCost([scan], 'GET /notes', model, design)).toEqual({ calls: ['Scan Notes'], counts: { Scan: 1 }, problems: [] });
    expect(assessCost([get, { operation: 'UpdateItem', tables: ['Notes'] }], 'PUT /notes/:id', model, design).problems).toEqual([]);
  });
});

describe('assessCost: calls outside the grants', () => {
  const granted = {
    ...design,
    handlers: [
      { id: 'DELETE /notes/:id', file: 'a.js', actions: ['DeleteItem'], tables: ['Notes'], grants: [{ table: 'Notes', actions: ['DeleteItem'] }] },
      { id: 'PUT /notes/:id', file: 'a.js', actions: ['GetItem', 'UpdateItem'], tables: ['Notes'] },
    ],
  } as unknown as TableDesign;
  const call = (operation: string) => ({ operation, tables: ['Notes'] });

  it('a call the design does not grant to the handler is a problem (AccessDenied in AWS)', () => {
    expect(assessCost([call('GetItem'), call('DeleteItem')], 'DELETE /notes/:id', model, granted).problems).toEqual([
      'GetItem Notes is not granted to DELETE /notes/:id in .migration/dynamodb.json (AccessDeniedException in AWS)',
    ]);
    expect(assessCost([call('DeleteItem')], 'DELETE /notes/:id', model, granted).problems).toEqual([]);
  });

  it('the writes inside a TransactWriteItems are checked one by one against the grants (IAM authorizes each action)', () => {
    const transaction = describeCall(
      'DynamoDB_20120810.TransactWriteItems',
      JSON.stringify({ TransactItems: [{ Put: { TableName: 'Notes', Item: {} } }, { Delete: { TableName: 'Notes', Key: {} } }, { Update: { TableName: 'Tags', Key: {} } }] }),
    )!;
    const writer = {
      ...design,
      handlers: [{ id: 'POST /notes/import', file: 'a.js', actions: ['PutItem', 'DeleteItem'], tables: ['Notes'], grants: [{ table: 'Notes', actions: ['PutItem', 'DeleteItem'] }] }],
    } as unknown as TableDesign;
    expect(assessCost([transaction], 'POST /notes/import', model, writer).problems).toEqual([
      'UpdateItem Tags (in TransactWriteItems) is not granted to POST /notes/import in .migration/dynamodb.json (AccessDeniedException in AWS)',
    ]);
    const withoutUpdate = { ...transaction, actions: transaction.actions!.slice(0, 2) };
    expect(assessCost([withoutUpdate], 'POST /notes/import', model, writer)).toEqual({
      calls: ['TransactWriteItems [PutItem Notes, DeleteItem Notes]'],
      counts: { TransactWriteItems: 1 },
      problems: [],
    });
  });

  it('handlers without per-table grants are checked against their actions and tables', () => {
    expect(assessCost([call('GetItem'), call('UpdateItem')], 'PUT /notes/:id', model, granted).problems).toEqual([]);
    expect(assessCost([call('Scan')], 'PUT /notes/:id', model, granted).problems).toEqual([
      'Scan Notes is not granted to PUT /notes/:id in .migration/dynamodb.json (AccessDeniedException in AWS)',
    ]);
  });
});

describe('counting and matching', () => {
  it('reads operation, table and index from a DynamoDB request', () => {
    expect(describeCall('DynamoDB_20120810.Query', '{"TableName":"Notes","IndexName":"byTag"}')).toEqual({ operation: 'Query', tables: ['Notes'], index: 'byTag' });
    expect(describeCall('DynamoDB_20120810.BatchWriteItem', '{"RequestItems":{"B":[],"A":[]}}')).toEqual({ operation: 'BatchWriteItem', tables: ['A', 'B'] });
    expect(describeCall(undefined, '{}')).toBeUndefined();
    const items = [{ Put: { TableName: 'Users', Item: {} } }, { ConditionCheck: { TableName: 'Users', Key: {} } }, { Update: { TableName: 'Counters', Key: {} } }];
    expect(describeCall('DynamoDB_20120810.TransactWriteItems', JSON.stringify({ TransactItems: items }))).toEqual({
      operation: 'TransactWriteItems',
      tables: ['Counters', 'Users'],
      actions: [
        { operation: 'PutItem', table: 'Users' },
        { operation: 'ConditionCheckItem', table: 'Users' },
        { operation: 'UpdateItem', table: 'Counters' },
      ],
    });
  });
  it('finds the handler of a request: literal segments first, API Gateway templates too', () => {
    expect(findHandlerForRequest(model.handlers, 'GET', '/notes/search?q=1')?.id).toBe('GET /notes/search');
    expect(findHandlerForRequest(model.handlers, 'get', '/notes/7')?.id).toBe('GET /notes/:id');
    expect(findHandlerForRequest(model.handlers, 'GET', '/items/abc')?.id).toBe('lambda/get.ts#handler');
    expect(findHandlerForRequest(model.handlers, 'DELETE', '/notes/7')).toBeUndefined();
  });
  it('cuts one route out of its file for the handler diff, also under a router prefix', () => {
    const text = "router.get('/', list);\nrouter.get('/:id', async (req, res) => {\n  res.json(1);\n});\n\nrouter.post('/', create);\n";
    expect(extractRouteBlock(text, 'GET /api/notes/:id')).toBe("router.get('/:id', async (req, res) => {\n  res.json(1);\n});\n");
    expect(extractRouteBlock(text, 'lambda/get.ts#handler')).toBe(text);
  });
});

describe('compareResponses with each app its own ids', () => {
  it('a message that differs only by the id each app made is the same answer; any other change is not', () => {
    const aliases: [string, string][] = [['c7c1-aaaa', '15d0-bbbb']];
    expect(compareResponses(answer(404, { message: 'Note c7c1-aaaa not found' }), answer(404, { message: 'Note 15d0-bbbb not found' }), { volatile: [], ordered: false, aliases })).toEqual([]);
    expect(compareResponses(answer(404, { message: 'Note c7c1-aaaa not found' }), answer(404, { message: 'Note 15d0-bbbb is gone' }), { volatile: [], ordered: false, aliases })).toHaveLength(1);
  });
});

describe('isSortedAnswer', () => {
  it('order matters only when the original list is sorted on an attribute the route sorts by', () => {
    const sorted = [{ quantity: 3 }, { quantity: 7 }, { quantity: 7 }, { quantity: 12 }];
    expect(isSortedAnswer(sorted, ['quantity'])).toBe(true);
    expect(isSortedAnswer([...sorted].reverse(), ['quantity'])).toBe(true);
    expect(isSortedAnswer([{ quantity: 7 }, { quantity: 3 }, { quantity: 12 }], ['quantity'])).toBe(false);
    expect(isSortedAnswer(sorted, [])).toBe(false);
    expect(isSortedAnswer([{ quantity: 1 }], ['quantity'])).toBe(false);
  });
});
