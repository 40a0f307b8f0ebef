import { analyseProject } from './analyseProject';

describe('in-memory stores', () => {
  it('finds a CommonJS array exported with module.exports and used through a destructured require and a namespace', () => {
    const { stores, summary } = analyseProject({
      'db.js': "const notes = [{ id: 1, title: 'a' }];\nmodule.exports = { notes };",
      'routes.js': [
        "const { notes } = require('./db');",
        "const db = require('./db');",
        "app.get('/notes', (req, res) => res.json(notes));",
        "app.post('/notes', (req, res) => { db.notes.push({ id: db.notes.length + 1, ...req.body }); res.status(201).end(); });",
      ].join('\n'),
    });
    expect(stores).toEqual([{ id: 'db.js#notes', kind: 'in-memory-array', entity: 'Note', file: 'db.js', line: 1 }]);
    expect(summary).toEqual(['create Note routes.js:4', 'list Note routes.js:3']);
  });

  it('finds ESM `export let` arrays and `export default` Maps used from other modules', () => {
    const { stores, summary } = analyseProject({
      'store.mjs': 'export let todos = [];\nconst users = new Map();\nexport default users;',
      'app.mjs': [
        "import users, { todos } from './store.mjs';",
        "app.post('/todos', (req, res) => { todos.push({ id: crypto.randomUUID(), title: req.body.title }); res.end(); });",
        "app.get('/users/:id', (req, res) => res.json(users.get(req.params.id)));",
        "app.delete('/users/:id', (req, res) => { users.delete(req.params.id); res.end(); });",
      ].join('\n'),
    });
    expect(stores.map((s) => [s.id, s.kind, s.entity])).toEqual([
      ['store.mjs#todos', 'in-memory-array', 'Todo'],
      ['store.mjs#users', 'in-memory-map', 'User'],
    ]);
    expect(summary).toEqual(['create Todo app.mjs:2', 'delete User app.mjs:4', 'read-by-id User app.mjs:3']);
  });

  it('finds an object keyed by id (Object.values, users[id], delete users[id])', () => {
    const { stores, summary } = analyseProject({
      'users.js': [
        'const users = {};',
        "app.get('/users', (req, res) => res.json(Object.values(users)));",
        "app.get('/users/:id', (req, res) => res.json(users[req.params.id]));",
        "app.post('/users', (req, res) => { const id = String(Date.now()); users[id] = { id, name: req.body.name }; res.json(users[id]); });",
        "app.delete('/users/:id', (req, res) => { delete users[req.params.id]; res.end(); });",
      ].join('\n'),
    });
    expect(stores).toEqual([{ id: 'users.js#users', kind: 'in-memory-object-map', entity: 'User', file: 'users.js', line: 1 }]);
    expect(summary).toEqual(['create User users.js:4', 'delete User users.js:5', 'list User users.js:2', 'read-by-id User users.js:3']);
  });

  it('finds repository class properties (typed property, constructor assignment) and names the entity from the type or class', () => {
    const { stores, summary } = analyseProject({
      'item.repository.ts': [
        'interface Item { id: string; name: string }',
        'export class ItemRepository {',
        '  private items: Item[] = [];',
        '  add(item: Item) { this.items.push(item); return item; }',
        '  all() { return this.items; }',
        '}',
        'export class UserStore {',
        '  constructor() { this.data = new Map(); }',
        '  get(id) { return this.data.get(id); }',
        '  put(user) { this.data.set(user.id, user); }',
        '}',
      ].join('\n'),
    });
    expect(stores.map((s) => [s.id, s.kind, s.entity, s.line])).toEqual([
      ['item.repository.ts#ItemRepository.items', 'in-memory-array', 'Item', 3],
      ['item.repository.ts#UserStore.data', 'in-memory-map', 'User', 8],
    ]);
    expect(summary).toContain('create Item item.repository.ts:4');
    expect(summary).toContain('read-by-id User item.repository.ts:9');
  });

  it('treats an undeclared global (`users = []`) as a store and keeps a best-effort model', () => {
    const { stores, summary } = analyseProject({
      'app.js': [
        'users = [];',
        "app.post('/users', function (req, res) { users.push({ id: users.length + 1, name: req.body.name }); res.end(); });",
        "app.get('/users/:id', function (req, res) { res.json(users.find(u => u.id == req.params.id)); });",
        "app.get('/users/:id', function (req, res) { res.json(users.find(u => u.id == req.params.id)); });",
      ].join('\n'),
    });
    expect(stores.map((s) => [s.id, s.kind])).toEqual([['app.js#users', 'in-memory-array']]);
    expect(summary).toEqual(['create User app.js:2', 'read-by-id User app.js:3', 'read-by-id User app.js:4']);
  });

  it('finds each collection of a module-level container object', () => {
    const { stores } = analyseProject({
      'db.js': [
        'const db = { users: [], posts: [] };',
        "app.post('/users', (req, res) => { db.users.push({ id: 1 }); res.end(); });",
        "app.post('/posts', (req, res) => { db.posts.push({ id: 2 }); res.end(); });",
      ].join('\n'),
    });
    expect(stores.map((s) => [s.id, s.entity]).sort()).toEqual([
      ['db.js#db.posts', 'Post'],
      ['db.js#db.users', 'User'],
    ]);
  });

  it('ignores collections that are not data: local error lists, middleware lists, route tables, constants, counters, caches', () => {
    const { stores } = analyseProject({
      'app.js': [
        "const middlewares = [cors(), express.json()];",
        'app.use(...middlewares);',
        "const routes = [{ path: '/a', handler: (req, res) => res.end() }];",
        'routes.forEach((r) => app.get(r.path, r.handler));',
        "const ALLOWED = ['north', 'south'];",
        'function validate(body) { const errors = []; if (!ALLOWED.includes(body.w)) errors.push(\'bad\'); return errors; }',
        "const log = [];",
        "app.use((req, res, next) => { log.push(`${req.method} ${req.url}`); next(); });",
        "app.get('/x', (req, res) => res.json(validate(req.body)));",
        'const hits = new Map();',
        "app.use((req, res, next) => { const n = (hits.get(req.ip) || 0) + 1; hits.set(req.ip, n); next(); });",
        'const responseCache = new Map();',
        "app.get('/weather/:city', async (req, res) => { if (!responseCache.has(req.params.city)) responseCache.set(req.params.city, { at: Date.now(), body: await fetchWeather(req.params.city) }); res.json(responseCache.get(req.params.city).body); });",
      ].join('\n'),
    });
    expect(stores).toEqual([]);
  });
});
