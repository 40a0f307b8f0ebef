import { analyseProject } from './analyseProject';

/** An Express app on one array store, with the given route bodies (one route per line). */
function app(store: string, ...routes: string[]): Record<string, string> {
  return { 'app.js': [store, ...routes].join('\n') };
}

describe('operations on in-memory stores', () => {
  describe('read-by-id', () => {
    it('recognises find by id with loose == (string param vs number id) and parseInt/Number', () => {
      const { summary } = analyseProject(
        app(
          'let notes = [{ id: 1, title: "a" }];',
          "app.get('/a/:id', (req, res) => res.json(notes.find(n => n.id == req.params.id)));",
          "app.get('/b/:id', (req, res) => res.json(notes.find(n => n.id === parseInt(req.params.id))));",
          "app.get('/c/:id', (req, res) => { const { id } = req.params; res.json(notes.find(({ id: noteId }) => noteId === Number(id))); });",
        ),
      );
      expect(summary).toEqual(['read-by-id Note app.js:2', 'read-by-id Note app.js:3', 'read-by-id Note app.js:4']);
    });

    it('counts findIndex as a read only when the index is used to read', () => {
      const { summary } = analyseProject(
        app(
          'let notes = [{ id: 1 }];',
          "app.get('/n/:id', (req, res) => { const i = notes.findIndex(n => n.id == req.params.id); res.json(notes[i]); });",
          "app.head('/n/:id', (req, res) => { const i = notes.findIndex(n => n.id == req.params.id); res.status(i === -1 ? 404 : 200).end(); });",
        ),
      );
      expect(summary).toEqual(['read-by-id Note app.js:2']);
    });
  });

  describe('list and filters', () => {
    it('recognises whole-collection responses, Map values and optional filters as lists', () => {
      const { summary } = analyseProject({
        'app.js': [
          'const todos = new Map([["1", { id: "1", done: false }]]);',
          'const notes = [{ id: 1, tag: "x" }];',
          "app.get('/todos', (req, res) => { let out = [...todos.values()]; if (req.query.done) out = out.filter(t => t.done === (req.query.done === 'true')); res.json(out); });",
          "app.get('/notes', (req, res) => res.json(notes.filter(n => !req.query.tag || n.tag === req.query.tag)));",
          "app.get('/notes/mine', (req, res) => res.json(notes.filter(n => n.tag === 'mine')));",
        ].join('\n'),
      });
      expect(summary).toEqual([
        'filter-by-attr Note app.js:4 [tag]',
        'filter-by-attr Note app.js:5 [tag]',
        'filter-by-attr Todo app.js:3 [done]',
        'list Note app.js:4',
        'list Todo app.js:3',
      ]);
    });

    it('takes a block-bodied filter that returns true without its optional value as a list too', () => {
      const { summary } = analyseProject({
        'app.js': [
          'const notes = [{ id: 1, tag: "x" }];',
          "app.get('/notes', (req, res) => res.json(notes.filter((n) => { if (req.query.tag) { return n.tag.includes(req.query.tag) } return true })));",
          "app.get('/mine', (req, res) => res.json(notes.filter((n) => { if (n.tag) { return n.tag === 'mine' } return true })));",
        ].join('\n'),
      });
      // without ?tag= every note is answered (a Scan); a test on the record itself narrows the list
      expect(summary).toEqual(['filter-by-attr Note app.js:2 [tag]', 'filter-by-attr Note app.js:3 [tag]', 'list Note app.js:2']);
    });

    it('enumerates object maps by keys and entries without mistaking each element for a lookup by id', () => {
      const { summary } = analyseProject({
        'app.js': [
          'const users = {};',
          'const todos = new Map();',
          "app.get('/users', (req, res) => res.json(Object.keys(users).map((id) => users[id])));",
          "app.get('/admins', (req, res) => { const out = []; for (const id in users) if (users[id].admin) out.push(users[id]); res.json(out); });",
          "app.get('/by-email', (req, res) => res.json(Object.entries(users).find(([id, u]) => u.email === req.query.email)));",
          "app.get('/todos/open', (req, res) => { const out = []; for (const [id, todo] of todos) if (!todo.done) out.push(todo); res.json(out); });",
          "app.get('/users/:id', (req, res) => res.json(users[req.params.id]));",
          "app.post('/users', (req, res) => { const id = crypto.randomUUID(); users[id] = { id, ...req.body }; todos.set(id, { id, done: false }); res.end(); });",
        ].join('\n'),
      });
      // Loops over every record read them all (a scan): a list.
      expect(summary).toEqual([
        'create Todo app.js:8',
        'create User app.js:8',
        'filter-by-attr User app.js:5 [email]',
        'list Todo app.js:6',
        'list User app.js:3',
        'list User app.js:4',
        'read-by-id User app.js:7',
      ]);
    });

    it('treats find on a non-key attribute (email) as a filter, and a reference attribute on a nested route as a relation', () => {
      const { summary } = analyseProject({
        'app.js': [
          'const users = [{ id: 1, email: "a@b.c" }];',
          'const orders = [{ id: 1, userId: 1, total: 3 }];',
          "app.get('/users/by-email', (req, res) => res.json(users.find(u => u.email === req.query.email)));",
          "app.get('/users/:id/orders', (req, res) => res.json(orders.filter(o => o.userId == req.params.id)));",
        ].join('\n'),
      });
      expect(summary).toEqual([
        'filter-by-attr Order app.js:4 [userId]',
        'filter-by-attr User app.js:3 [email]',
        'relations Order app.js:4 [userId]',
      ]);
    });

    it('recognises sort direction and pagination styles', () => {
      const { summary } = analyseProject(
        app(
          'const events = [{ id: 1, startsAt: "x", price: 2 }];',
          "app.get('/a', (req, res) => res.json([...events].sort((a, b) => a.startsAt.localeCompare(b.startsAt))));",
          "app.get('/b', (req, res) => res.json([...events].sort((a, b) => new Date(b.startsAt) - new Date(a.startsAt))));",
          "app.get('/c', (req, res) => res.json(events.slice().sort((a, b) => (a.price > b.price ? 1 : -1))));",
          "app.get('/d', (req, res) => { const page = Number(req.query.page) || 1; const limit = 10; res.json(events.slice((page - 1) * limit, page * limit)); });",
          "app.get('/e', (req, res) => { const { offset = 0, limit = 10 } = req.query; res.json(events.slice(+offset, +offset + +limit)); });",
          "app.get('/f', (req, res) => res.json(events.slice(0, req.query.limit)));",
        ),
      );
      expect(summary.filter((s) => s.startsWith('sort') || s.startsWith('paginate'))).toEqual([
        'paginate Event app.js:5 page',
        'paginate Event app.js:6 offset',
        'paginate Event app.js:7 limit',
        'sort Event app.js:2 [startsAt] asc',
        'sort Event app.js:3 [startsAt] desc',
        'sort Event app.js:4 [price] asc',
      ]);
    });
  });

  describe('create', () => {
    it('records uniqueness checks answered with 409 on the create', () => {
      const { summary } = analyseProject(
        app(
          'const users = [];',
          'const byEmail = (email) => users.find((u) => u.email === email);',
          "app.post('/users', (req, res) => {",
          "  if (byEmail(req.body.email)) return res.status(409).json({ error: 'taken' });",
          '  const user = { id: users.length + 1, email: req.body.email };',
          '  users.push(user);',
          '  res.status(201).json(user);',
          '});',
        ),
      );
      expect(summary).toContain('create User app.js:6 unique:email');
      expect(summary).toContain('filter-by-attr User app.js:2 [email]');
    });

    it('sees a create through `[...notes, note]` and through Map.set with a new id', () => {
      const { summary } = analyseProject({
        'app.js': [
          'let notes = [];',
          'const todos = new Map();',
          "app.post('/notes', (req, res) => { const note = { id: Date.now(), ...req.body }; notes = [...notes, note]; res.json(note); });",
          "app.post('/todos', (req, res) => { const todo = { id: crypto.randomUUID(), title: req.body.title }; todos.set(todo.id, todo); res.json(todo); });",
        ].join('\n'),
      });
      expect(summary).toEqual(['create Note app.js:3', 'create Todo app.js:4']);
    });
  });

  describe('update', () => {
    it('recognises index assignment, Object.assign, spread merge, a key-copying loop, Map.set of an existing id and field assignment', () => {
      const { summary } = analyseProject({
        'app.js': [
          'let notes = [{ id: 1, title: "a", body: "" }];',
          'const todos = new Map();',
          "app.put('/a/:id', (req, res) => { const i = notes.findIndex(n => n.id == req.params.id); notes[i] = { ...notes[i], title: req.body.title }; res.json(notes[i]); });",
          "app.put('/b/:id', (req, res) => { const note = notes.find(n => n.id == req.params.id); Object.assign(note, req.body); res.json(note); });",
          "app.put('/c/:id', (req, res) => { const note = notes.find(n => n.id == req.params.id); for (const key of Object.keys(req.body)) note[key] = req.body[key]; res.json(note); });",
          "app.patch('/d/:id', (req, res) => { const updated = { ...todos.get(req.params.id), done: true }; todos.set(req.params.id, updated); res.json(updated); });",
          "app.patch('/e/:id', (req, res) => { const note = notes.find(n => n.id == req.params.id); note.title = req.body.title; note.body = req.body.body; res.json(note); });",
          "app.put('/f/:id', (req, res) => { notes = notes.map(n => n.id == req.params.id ? { ...n, body: req.body.body } : n); res.end(); });",
        ].join('\n'),
      });
      expect(summary).toEqual([
        'update Note app.js:3 [title]',
        'update Note app.js:4',
        'update Note app.js:5',
        'update Note app.js:7 [title,body]',
        'update Note app.js:8 [body]',
        'update Todo app.js:6 [done]',
      ]);
    });
  });

  describe('delete', () => {
    it('recognises splice, reassigning a filter, Map.delete and delete obj[id]', () => {
      const { summary } = analyseProject({
        'app.js': [
          'let notes = [{ id: 1 }];',
          'const todos = new Map();',
          'const users = {};',
          "app.delete('/a/:id', (req, res) => { const i = notes.findIndex(n => n.id == req.params.id); if (i < 0) return res.sendStatus(404); notes.splice(i, 1); res.end(); });",
          "app.delete('/b/:id', (req, res) => { notes = notes.filter(n => n.id != req.params.id); res.end(); });",
          "app.delete('/c/:id', (req, res) => { todos.delete(req.params.id); res.end(); });",
          "app.delete('/d/:id', (req, res) => { if (!users[req.params.id]) return res.sendStatus(404); delete users[req.params.id]; res.end(); });",
        ].join('\n'),
      });
      expect(summary).toEqual(['delete Note app.js:4', 'delete Note app.js:5', 'delete Todo app.js:6', 'delete User app.js:7']);
    });
  });

  describe('ttl and join', () => {
    it('recognises an expiry compared with now on read and set from now + duration', () => {
      const { summary } = analyseProject({
        'sessions.js': [
          'const sessions = new Map();',
          'const isExpired = (s) => s.expiresAt <= Date.now();',
          'exports.create = (userId) => { const s = { id: crypto.randomUUID(), userId, expiresAt: Date.now() + 3600 * 1000 }; sessions.set(s.id, s); return s; };',
          'exports.get = (id) => { const s = sessions.get(id); if (!s || isExpired(s)) return undefined; return s; };',
        ].join('\n'),
      });
      expect(summary).toEqual(['create Session sessions.js:3', 'read-by-id Session sessions.js:4', 'ttl Session sessions.js:2 [expiresAt]', 'ttl Session sessions.js:3 [expiresAt]']);
    });

    it('recognises records of one store enriched with another store (join on the main entity)', () => {
      const { summary } = analyseProject({
        'app.js': [
          'const users = [{ id: 1, name: "a" }];',
          'const orders = [{ id: 1, userId: 1 }];',
          "app.get('/orders', (req, res) => res.json(orders.map((o) => ({ ...o, user: users.find((u) => u.id === o.userId) }))));",
        ].join('\n'),
      });
      expect(summary).toEqual(['join Order app.js:3 [userId]', 'list Order app.js:3', 'read-by-id User app.js:3']);
    });
  });
});
