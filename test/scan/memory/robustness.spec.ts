import { jsonFileFamily } from '../../../src/scan/json-file';
import { memoryFamily } from '../../../src/scan/memory';
import { makeContext } from '../../support/scanProject';
import { analyseProject } from './analyseProject';

describe('odd and broken code', () => {
  it('does not throw on cycles, self-references, recursion and unusual syntax, and still finds the store', () => {
    const { stores, summary, ctx } = analyseProject({
      'app.js': [
        'let notes = [{ id: 1 }];',
        'var a = b, b = a;',
        'function loop(x) { return loop(x); }',
        'function ping(n) { return pong(n); } function pong(n) { return ping(n); }',
        'let list = notes; list = list.filter((n) => n.id > 0); list = list;',
        'const self = { get all() { return notes; } };',
        'function* gen() { yield* notes; }',
        'const Klass = class { m() { return this.x?.y?.[0]; } };',
        'eval("notes.push(1)");',
        "const mod = require(process.env.MOD || './nope');",
        "app.get('/n', (req, res) => res.json(loop(ping(list))));",
        "app.post('/n', function () { notes.push({ id: notes.length + 1, ...this.body }); });",
      ].join('\n'),
      'view.jsx': 'export const View = ({ notes }) => <ul>{notes.map((n) => <li key={n.id}>{n.title}</li>)}</ul>;',
    });
    expect(stores.map((s) => s.id)).toEqual(['app.js#notes']);
    expect(summary).toContain('create Note app.js:12');
    expect(ctx.diagnosticsList.filter((d) => d.code === 'recogniser-failed')).toEqual([]);
  });

  it('reports computed access to one of several collections with file and line', () => {
    const { ctx } = analyseProject({
      'db.js': [
        'const db = { users: [], posts: [] };',
        'exports.insert = (collection, item) => { db[collection].push(item); return item; };',
        "exports.users = () => db.users.filter((u) => u.active === true);",
      ].join('\n'),
    });
    expect(ctx.diagnosticsList.map((d) => [d.code, d.file, d.line])).toEqual([['unresolved-store-use', 'db.js', 2]]);
    expect(ctx.diagnosticsList[0].message).toMatch(/db\[collection\]/);
  });

  it('turns an internal failure on one data access into a diagnostic with file:line and keeps the rest', () => {
    const ctx = makeContext({
      'a.js': "const notes = [];\napp.post('/a', (req, res) => { notes.push({ id: 1 }); helper(); });\nfunction helper() {}",
      'b.js': "const todos = new Map();\napp.post('/b', (req, res) => { todos.set('x', { id: 'x' }); res.end(); });",
    });
    const original = ctx.project.resolveFunction;
    ctx.project.resolveFunction = (file, path) => {
      if (file.rel === 'a.js' && path.isIdentifier({ name: 'helper' })) throw new Error('boom');
      return original(file, path);
    };
    const stores = [...memoryFamily.findStores(ctx), ...jsonFileFamily.findStores(ctx)];
    const ops = memoryFamily.findOperations(ctx, stores);
    expect(ops.map((o) => `${o.op} ${o.entity} ${o.sourceFile.rel}`).sort()).toEqual(['create Note a.js', 'create Todo b.js']);
    const failures = ctx.diagnosticsList.filter((d) => d.code === 'recogniser-failed');
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((d) => d.file === 'a.js' && d.line === 2)).toBe(true);
  });
});
