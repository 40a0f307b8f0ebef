import { analyseProject } from './analyseProject';

/** A store `items` with one create route whose new record's id is `idExpression`. */
function withId(idExpression: string, prelude = ''): Record<string, string> {
  return {
    'app.js': [
      "const { v4: uuidv4 } = require('uuid');",
      'const items = [];',
      'let nextId = 1;',
      prelude,
      `app.post('/items', (req, res) => { const item = { id: ${idExpression}, name: req.body.name }; items.push(item); res.status(201).json(item); });`,
      "app.get('/items', (req, res) => res.json(items));",
    ].join('\n'),
  };
}

describe('entity evidence from in-memory stores', () => {
  it('takes fields, types, key and record count from seed records', () => {
    const { entity } = analyseProject({
      'app.js': [
        'const notes = [',
        "  { id: 1, title: 'Welcome', done: false, tags: ['a'], meta: { pinned: true }, createdAt: '2024-01-10T09:00:00.000Z', archivedAt: null },",
        "  { id: 2, title: 'Second', done: true, tags: [], meta: {}, createdAt: '2024-01-11T09:00:00.000Z', archivedAt: null },",
        '];',
        "app.get('/notes', (req, res) => res.json(notes));",
      ].join('\n'),
    });
    expect(entity('Note')).toEqual({
      name: 'Note',
      fields: [
        { name: 'id', type: 'number' },
        { name: 'title', type: 'string' },
        { name: 'done', type: 'boolean' },
        { name: 'tags', type: 'array' },
        { name: 'meta', type: 'object' },
        { name: 'createdAt', type: 'string' },
        { name: 'archivedAt', type: 'null' },
      ],
      key: { name: 'id', type: 'number' },
      idStrategy: 'unknown',
      relations: [],
      records: 2,
    });
  });

  it.each([
    ['items.length + 1', 'increment', 'number'],
    ['items.length ? items[items.length - 1].id + 1 : 1', 'increment', 'number'],
    ['Math.max(0, ...items.map((i) => i.id)) + 1', 'increment', 'number'],
    ['nextId++', 'increment', 'number'],
    ['uuidv4()', 'uuid', 'string'],
    ['crypto.randomUUID()', 'uuid', 'string'],
    ['Date.now().toString()', 'uuid', 'string'],
    ['Date.now()', 'uuid', 'number'],
    ['req.body.id', 'client', 'string'],
  ])('classifies the id strategy of `%s` as %s (%s key)', (expression, strategy, keyType) => {
    const { entity } = analyseProject(withId(expression));
    expect(entity('Item').idStrategy).toBe(strategy);
    expect(entity('Item').key).toEqual({ name: 'id', type: keyType });
  });

  it('ids from the collection length (`id: items.length`) count from 0: increment, with an info diagnostic for the plan', () => {
    const { entity, ctx } = analyseProject(withId('items.length'));
    expect(entity('Item')).toMatchObject({ idStrategy: 'increment', key: { name: 'id', type: 'number' } });
    expect(ctx.diagnosticsList).toEqual([expect.objectContaining({ severity: 'info', code: 'zero-based-ids', file: 'app.js', line: 5 })]);
    // `length + 1` starts at 1 like a counter: nothing to say
    expect(analyseProject(withId('items.length + 1')).ctx.diagnosticsList).toEqual([]);
  });

  it('fields of created records: obvious types, unknown for request values', () => {
    const { entity } = analyseProject(withId('uuidv4()', "const defaults = { qty: 0 };"));
    expect(entity('Item').fields).toEqual([{ name: 'id', type: 'string' }, { name: 'name' }]);
  });

  it('reads seeds of a Map from its constructor, keyed through `seed.map(v => [v.id, v])`, and from a module-level seeding loop', () => {
    const { entity } = analyseProject({
      'venues.js': [
        "const SEED = [{ code: 'v1', name: 'Arena' }, { code: 'v2', name: 'Loft' }];",
        'const venues = new Map(SEED.map((v) => [v.code, v]));',
        "const rooms = new Map();",
        "for (const room of [{ roomId: 'r1', size: 4 }]) rooms.set(room.roomId, room);",
        "exports.getVenue = (code) => venues.get(code);",
        "exports.getRoom = (id) => rooms.get(id);",
      ].join('\n'),
    });
    expect(entity('Venue')).toMatchObject({ key: { name: 'code', type: 'string' }, records: 2, fields: [{ name: 'code', type: 'string' }, { name: 'name', type: 'string' }] });
    expect(entity('Room')).toMatchObject({ key: { name: 'roomId', type: 'string' }, records: 1 });
  });

  it('takes a natural key when records have no id and are always looked up by one attribute from the path', () => {
    const { entity, summary } = analyseProject({
      'app.js': [
        "const links = [{ code: 'docs', url: 'https://x' }];",
        "app.get('/:code', (req, res) => res.redirect(links.find((l) => l.code === req.params.code).url));",
        "app.post('/links', (req, res) => { if (links.some((l) => l.code === req.body.code)) return res.sendStatus(409); links.push({ code: req.body.code, url: req.body.url }); res.end(); });",
      ].join('\n'),
    });
    expect(entity('Link')).toMatchObject({ key: { name: 'code', type: 'string' }, idStrategy: 'natural', records: 1 });
    expect(summary).toEqual(['create Link app.js:3 unique:code', 'read-by-id Link app.js:2']);
  });

  it('links reference fields to other entities of the app', () => {
    const { entity } = analyseProject({
      'app.js': [
        'const users = [{ id: 1, name: "a" }];',
        'const posts = [{ id: 1, authorId: 1, userId: 1, externalId: "x" }];',
        "app.get('/posts', (req, res) => res.json(posts));",
        "app.get('/users', (req, res) => res.json(users));",
      ].join('\n'),
    });
    expect(entity('Post').relations).toEqual([{ field: 'userId', entity: 'User' }]);
  });
});
