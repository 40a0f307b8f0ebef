/**
 * A runtime choice between two storage implementations (`const repo = process.env.STORAGE ===
 * 'sqlite' ? new SqliteRepo() : new MemoryRepo()`), one of the forms issue 7 names. KNOWN DEFECT
 * (session 5): the value resolver follows one origin per expression, so `repo.list()` reaches
 * neither class: the routes show "no data access", apply makes both classes' methods async and
 * leaves `res.json(repo.list())` un-awaited, with no TODO marker. `it.failing` passes while the
 * defect is there; when the resolver follows both branches it fails, and becomes a plain `it`.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scan } from '../../../src/scan';
import { makeRepoTempDir } from '../../support/fixture-files';

const files: Record<string, string> = {
  'package.json': '{ "name": "choice", "dependencies": { "express": "^4.19.2" } }\n',
  'arrayRepo.js': [
    'class ArrayTodoRepo {',
    '  constructor() { this.todos = []; }',
    '  list() { return this.todos; }',
    '  create(title) { const todo = { id: this.todos.length + 1, title }; this.todos.push(todo); return todo; }',
    '}',
    'module.exports = { ArrayTodoRepo };',
  ].join('\n'),
  'mapRepo.js': [
    'class MapTodoRepo {',
    '  constructor() { this.todos = new Map(); }',
    '  list() { return [...this.todos.values()]; }',
    '  create(title) { const todo = { id: this.todos.size + 1, title }; this.todos.set(todo.id, todo); return todo; }',
    '}',
    'module.exports = { MapTodoRepo };',
  ].join('\n'),
  'server.js': [
    "const express = require('express');",
    "const { ArrayTodoRepo } = require('./arrayRepo');",
    "const { MapTodoRepo } = require('./mapRepo');",
    "const repo = process.env.STORE === 'map' ? new MapTodoRepo() : new ArrayTodoRepo();",
    'const app = express();',
    "app.get('/todos', (req, res) => res.json(repo.list()));",
    "app.post('/todos', (req, res) => res.status(201).json(repo.create(req.body.title)));",
    'app.listen(3000);',
  ].join('\n'),
};

describe('a runtime choice between two storage implementations', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeRepoTempDir('runtime-choice-');
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), `${text}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const opsOf = (model: Awaited<ReturnType<typeof scan>>, handler: string) => [...new Set(model.operations.filter((op) => op.handler === handler).map((op) => op.op))].sort();

  it.failing('each route reaches the operations of the implementations', async () => {
    const model = await scan(dir);
    expect(opsOf(model, 'GET /todos')).toEqual(['list']);
    expect(opsOf(model, 'POST /todos')).toEqual(['create']);
  });

  it('the same routes do reach an implementation chosen without a conditional (the defect is the conditional)', async () => {
    writeFileSync(join(dir, 'server.js'), `${files['server.js'].replace("process.env.STORE === 'map' ? new MapTodoRepo() : new ArrayTodoRepo()", 'new ArrayTodoRepo()')}\n`);
    const model = await scan(dir);
    expect(opsOf(model, 'GET /todos')).toEqual(['list']);
    expect(opsOf(model, 'POST /todos')).toEqual(['create']);
    writeFileSync(join(dir, 'server.js'), `${files['server.js']}\n`);
  });
});
