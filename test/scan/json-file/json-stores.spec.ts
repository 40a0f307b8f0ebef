import { analyseProject } from '../memory/analyseProject';

const BOOKMARKS = JSON.stringify({ bookmarks: [{ id: 1, title: 'MDN', tags: ['docs'] }, { id: 2, title: 'Node', tags: [] }] });

describe('JSON file stores', () => {
  it('sync fs with path.join(__dirname, …), a wrapped document and read/save helpers', () => {
    const { stores, summary, entity } = analyseProject({
      'src/index.js': [
        "const fs = require('fs');",
        "const path = require('path');",
        "const FILE = path.join(__dirname, '..', 'data', 'bookmarks.json');",
        "const read = () => JSON.parse(fs.readFileSync(FILE, 'utf8')).bookmarks;",
        'const save = (bookmarks) => fs.writeFileSync(FILE, JSON.stringify({ bookmarks }, null, 2));',
        "app.get('/b', (req, res) => res.json(read()));",
        "app.get('/b/:id', (req, res) => { const b = read().find((x) => x.id === Number(req.params.id)); b.seen = true; res.json(b); });",
        "app.post('/b', (req, res) => { const all = read(); const b = { id: Math.max(...all.map((x) => x.id)) + 1, title: req.body.title }; all.push(b); save(all); res.json(b); });",
        "app.delete('/b/:id', (req, res) => { const all = read(); save(all.filter((x) => x.id !== Number(req.params.id))); res.end(); });",
      ].join('\n'),
      'data/bookmarks.json': BOOKMARKS,
    });
    expect(stores).toEqual([{ id: 'json:data/bookmarks.json', kind: 'json-file-sync', entity: 'Bookmark', file: 'src/index.js', line: 4, source: 'data/bookmarks.json' }]);
    // `b.seen = true` changes a copy that is never written back: not an update.
    expect(summary).toEqual(['create Bookmark src/index.js:8', 'delete Bookmark src/index.js:9', 'list Bookmark src/index.js:6', 'read-by-id Bookmark src/index.js:7']);
    expect(entity('Bookmark')).toMatchObject({ key: { name: 'id', type: 'number' }, idStrategy: 'increment', records: 2 });
    expect(entity('Bookmark').fields.map((f) => f.name)).toEqual(['id', 'title', 'tags']);
  });

  it('callback helpers in their own module with a path relative to the working directory', () => {
    const { stores, summary } = analyseProject({
      'package.json': '{"name":"recipes"}',
      'utils/store.js': [
        "const fs = require('fs');",
        "const DATA = './data/recipes.json';",
        "exports.getRecipes = (cb) => fs.readFile(DATA, 'utf8', (err, text) => { if (err) return cb(err); let list; try { list = JSON.parse(text); } catch (e) { return cb(e); } cb(null, list); });",
        'exports.saveRecipes = (list, cb) => fs.writeFile(DATA, JSON.stringify(list), cb);',
      ].join('\n'),
      'server.js': [
        "const { getRecipes, saveRecipes } = require('./utils/store');",
        "app.put('/r/:id', (req, res) => getRecipes((err, recipes) => { const r = recipes.find((x) => x.id === req.params.id); Object.assign(r, req.body); saveRecipes(recipes, () => res.json(r)); }));",
        "app.get('/r', (req, res) => getRecipes((err, recipes) => res.json(recipes.filter((r) => r.cuisine === req.query.cuisine))));",
      ].join('\n'),
      'data/recipes.json': '[{"id":"a","name":"Pancakes","cuisine":"american"}]',
    });
    expect(stores.map((s) => [s.id, s.kind, s.source])).toEqual([['json:data/recipes.json', 'json-file-callback', 'data/recipes.json']]);
    expect(summary).toEqual(['filter-by-attr Recipe server.js:3 [cuisine]', 'update Recipe server.js:2']);
  });

  it('promises: fs/promises, fs.promises, util.promisify and a new Promise wrapper all read the same file', () => {
    const { stores, summary } = analyseProject({
      'a.mjs': [
        "import { readFile, writeFile } from 'node:fs/promises';",
        "const FILE = new URL('./notes.json', import.meta.url);",
        'export async function readNotes() { return JSON.parse(await readFile(FILE, "utf8")); }',
        'export async function saveNotes(notes) { await writeFile(FILE, JSON.stringify(notes)); }',
        "app.post('/n', async (req, res) => { const notes = await readNotes(); notes.push({ id: crypto.randomUUID(), text: req.body.text }); await saveNotes(notes); res.end(); });",
      ].join('\n'),
      'b.js': [
        "const fs = require('fs');",
        "const util = require('util');",
        'const readAsync = util.promisify(fs.readFile);',
        "const load = () => new Promise((resolve, reject) => fs.readFile(__dirname + '/notes.json', (err, d) => (err ? reject(err) : resolve(JSON.parse(d)))));",
        "exports.count = async () => (JSON.parse(await readAsync('./notes.json'))).length;",
        "exports.list = async (req, res) => res.json(await load());",
        "exports.first = async (req, res) => res.json((await fs.promises.readFile('notes.json').then(JSON.parse))[0]);",
      ].join('\n'),
      'notes.json': '[]',
    });
    expect(stores.map((s) => [s.id, s.kind])).toEqual([['json:notes.json', 'json-file-promises']]);
    expect(summary).toEqual(['create Note a.mjs:5', 'list Note b.js:6']);
  });

  it('one store per collection of a document, a path from an env default, and require/import stores', () => {
    const { stores } = analyseProject({
      'db.js': [
        "const fs = require('fs');",
        "const DB = process.env.DB_FILE || './db.json';",
        'const load = () => JSON.parse(fs.readFileSync(DB));',
        "app.post('/users', (req, res) => { const db = load(); db.users.push({ id: 1 }); fs.writeFileSync(DB, JSON.stringify(db)); res.end(); });",
        "app.get('/posts', (req, res) => res.json(load().posts));",
      ].join('\n'),
      'db.json': '{"users":[{"id":1}],"posts":[],"meta":{"v":1}}',
      'products.js': "const products = require('./data/products.json');\napp.get('/p', (req, res) => res.json(products));",
      'data/products.json': '[{"id":1,"name":"Mug"}]',
      'items.ts': "import items from './data/items.json' with { type: 'json' };\nexport const all = () => items;\napp.get('/i', (req, res) => res.json(all()));",
      'data/items.json': '[{"id":"a"}]',
    });
    expect(stores.map((s) => [s.id, s.kind, s.entity]).sort()).toEqual([
      ['json:data/items.json', 'json-import', 'Item'],
      ['json:data/products.json', 'json-require', 'Product'],
      ['json:db.json#posts', 'json-file-sync', 'Post'],
      ['json:db.json#users', 'json-file-sync', 'User'],
    ]);
  });

  it('reports what it cannot resolve: a computed path, an unparseable data file, computed access on a document', () => {
    const { stores, ctx } = analyseProject({
      'app.js': [
        "const fs = require('fs');",
        "const read = (name) => JSON.parse(fs.readFileSync(process.argv[2]))[name];",
        "const readAll = () => JSON.parse(fs.readFileSync('./broken.json'));",
        "app.get('/x', (req, res) => res.json(read('users').filter((u) => u.active === true)));",
        "app.get('/y', (req, res) => { const all = readAll(); all.push({ id: 1 }); fs.writeFileSync('./broken.json', JSON.stringify(all)); res.end(); });",
      ].join('\n'),
      'broken.json': '[{"id": 1,,]',
    });
    expect(stores.map((s) => s.id)).toEqual(['json:broken.json']);
    const codes = ctx.diagnosticsList.map((d) => `${d.code} ${d.file}:${d.line}`).sort();
    expect(codes).toEqual(['json-parse-error broken.json:1', 'unresolved-store-use app.js:2']);
  });

  it('a repository class given its file when instantiated, with async read/save methods', () => {
    const { stores, summary } = analyseProject({
      'repo.js': [
        "const fs = require('fs/promises');",
        'class JsonRepository {',
        '  constructor(file) { this.file = file; }',
        "  async all() { return JSON.parse(await fs.readFile(this.file, 'utf8')); }",
        '  async save(items) { await fs.writeFile(this.file, JSON.stringify(items, null, 2)); }',
        '  async add(item) { const items = await this.all(); items.push(item); await this.save(items); return item; }',
        '}',
        "module.exports = new JsonRepository(require('path').join(__dirname, 'data', 'tasks.json'));",
      ].join('\n'),
      'routes.js': [
        "const tasks = require('./repo');",
        "app.get('/tasks', async (req, res) => res.json(await tasks.all()));",
        "app.post('/tasks', async (req, res) => res.status(201).json(await tasks.add({ id: Date.now(), title: req.body.title })));",
      ].join('\n'),
      'data/tasks.json': '[{"id":1,"title":"a"}]',
    });
    expect(stores.map((s) => [s.id, s.kind])).toEqual([['json:data/tasks.json', 'json-file-promises']]);
    expect(summary).toEqual(['create Task repo.js:6', 'list Task routes.js:2']);
  });

  it('a document loaded once at module level (require or readFileSync) and written back by handlers', () => {
    const { stores, summary } = analyseProject({
      'a.js': [
        "const fs = require('fs');",
        "const db = require('./db.json');",
        "app.post('/users', (req, res) => { db.users.push({ id: db.users.length + 1 }); fs.writeFileSync('./db.json', JSON.stringify(db)); res.end(); });",
        "app.get('/users/:id', (req, res) => res.json(db.users.find((u) => u.id == req.params.id)));",
      ].join('\n'),
      'db.json': '{"users":[{"id":1}]}',
      'b.mjs': [
        "import fs from 'fs';",
        "const notes = JSON.parse(fs.readFileSync(new URL('./notes.json', import.meta.url), 'utf8'));",
        "export const remove = (id) => { const i = notes.findIndex((n) => n.id === id); notes.splice(i, 1); fs.writeFileSync('notes.json', JSON.stringify(notes)); };",
      ].join('\n'),
      'notes.json': '[]',
    });
    expect(stores.map((s) => [s.id, s.kind]).sort()).toEqual([
      ['json:db.json', 'json-file-sync'],
      ['json:notes.json', 'json-file-sync'],
    ]);
    expect(summary).toEqual(['create User a.js:3', 'delete Note b.mjs:3', 'read-by-id User a.js:4']);
  });

  it('fs-extra readJson/writeJson (promise and sync forms) read and write parsed documents', () => {
    const { stores, summary } = analyseProject({
      'app.js': [
        "const fse = require('fs-extra');",
        "const FILE = './data/people.json';",
        "app.get('/people', async (req, res) => res.json(await fse.readJson(FILE)));",
        "app.post('/people', async (req, res) => { const people = fse.readJsonSync(FILE); people.push({ id: people.length + 1 }); await fse.writeJson(FILE, people); res.end(); });",
      ].join('\n'),
      'data/people.json': '[{"id":1,"name":"Ada"}]',
    });
    expect(stores.map((s) => [s.id, s.kind, s.entity])).toEqual([['json:data/people.json', 'json-file-promises', 'Person']]);
    expect(summary).toEqual(['create Person app.js:4', 'list Person app.js:3']);
  });

  it('a document held on `this` by a small database class and written back by its method', () => {
    const { stores, summary } = analyseProject({
      'db.js': [
        "const fs = require('fs');",
        "class Db { constructor() { this.data = JSON.parse(fs.readFileSync('./db.json', 'utf8')); } write() { fs.writeFileSync('./db.json', JSON.stringify(this.data)); } }",
        'module.exports = new Db();',
      ].join('\n'),
      'routes.js': [
        "const db = require('./db');",
        "app.post('/u', (req, res) => { db.data.users.push({ id: 2 }); db.write(); res.end(); });",
        "app.get('/u/:id', (req, res) => res.json(db.data.users.find((u) => u.id == req.params.id)));",
        "app.get('/p', (req, res) => res.json(db.data.posts));",
      ].join('\n'),
      'db.json': '{"users":[{"id":1}],"posts":[]}',
    });
    expect(stores.map((s) => s.id).sort()).toEqual(['json:db.json#posts', 'json:db.json#users']);
    expect(summary).toEqual(['create User routes.js:2', 'list Post routes.js:4', 'read-by-id User routes.js:3']);
  });
});
