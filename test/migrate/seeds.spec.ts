import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { StoreRecord } from '../../src/model/access-model';
import { collectSeedRecords } from '../../src/migrate/seeds/collectSeedRecords';
import { removeCopy, TMP_DIR } from '../support/fixture-files';

const NOW = new Date('2025-03-01T12:00:00.000Z');
let root: string;

beforeAll(async () => {
  await fs.mkdir(TMP_DIR, { recursive: true });
  root = await fs.mkdtemp(path.join(TMP_DIR, 'migrate-seeds-'));
});
afterAll(async () => removeCopy(root));

async function project(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(root, 'p-'));
  for (const [name, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), text);
  }
  return dir;
}

function store(id: string, kind: StoreRecord['kind'], line = 1): StoreRecord {
  return { id, kind, entity: 'Thing', file: id.slice(0, id.indexOf('#')), line };
}

const values = (seed: ReturnType<typeof collectSeedRecords>) => seed.records.map((record) => record.value);

describe('seed data read from code, never run', () => {
  it('reads a literal array, then module-level pushes; a route handler that pushes is not seed', async () => {
    const dir = await project({
      'server.js': [
        "const express = require('express');",
        'let notes = [',
        "  { id: 1, title: 'One', tags: ['a'], done: false },",
        "  { id: 2, title: `Two`, price: -2.5, nested: { n: null } },",
        '];',
        "notes.push({ id: 3, title: 'Three' });",
        "app.post('/notes', (req, res) => { notes.push(req.body); });",
        'module.exports = { notes };',
      ].join('\n'),
    });
    const seed = collectSeedRecords(dir, store('server.js#notes', 'in-memory-array', 2), NOW);
    expect(seed.problems).toEqual([]);
    expect(values(seed)).toEqual([
      { id: 1, title: 'One', tags: ['a'], done: false },
      { id: 2, title: 'Two', price: -2.5, nested: { n: null } },
      { id: 3, title: 'Three' },
    ]);
    expect(seed.records.map((record) => record.ref)).toEqual(['server.js:3', 'server.js:4', 'server.js:6']);
  });

  it('runs for…of and forEach seed loops into a Map, keeping the keys', async () => {
    const dir = await project({
      'index.mjs': [
        'const todos = new Map();',
        "const seed = [{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }];",
        'for (const todo of seed) {',
        '  todos.set(todo.id, todo);',
        '}',
        "[{ id: 'c', title: 'C' }].forEach((todo) => todos.set(todo.id, { ...todo, done: true }));",
      ].join('\n'),
    });
    const seed = collectSeedRecords(dir, store('index.mjs#todos', 'in-memory-map'), NOW);
    expect(seed.records.map((record) => [record.mapKey, record.value])).toEqual([
      ['a', { id: 'a', title: 'A' }],
      ['b', { id: 'b', title: 'B' }],
      ['c', { id: 'c', title: 'C', done: true }],
    ]);
  });

  it('follows imports across modules (ESM, require of JSON, re-exports) and data-shaping calls', async () => {
    const dir = await project({
      'src/data/seed.ts': "export const VENUES = [{ id: 'v1', name: 'Loft' }, { id: 'v2', name: 'Arena' }];\nexport default { extra: { id: 'v3', name: 'Hall' } };",
      'src/data/index.ts': "export * from './seed';",
      'src/data/more.json': '[{ "id": "v4", "name": "Barn" }]',
      'src/venues.ts': [
        "import { VENUES } from './data';",
        "import defaults from './data/seed.js';",
        "const more = require('./data/more.json');",
        'const venues = new Map<string, { id: string }>([...VENUES, defaults.extra, ...more].map((venue) => [venue.id, { ...venue, city: venue.name.toUpperCase() }]));',
      ].join('\n'),
    });
    const seed = collectSeedRecords(dir, store('src/venues.ts#venues', 'in-memory-map'), NOW);
    expect(seed.problems).toEqual([]);
    expect(values(seed)).toEqual([
      { id: 'v1', name: 'Loft', city: 'LOFT' },
      { id: 'v2', name: 'Arena', city: 'ARENA' },
      { id: 'v3', name: 'Hall', city: 'HALL' },
      { id: 'v4', name: 'Barn', city: 'BARN' },
    ]);
    expect(seed.records[0].ref).toBe('src/data/seed.ts:1');
  });

  it('runs a class constructor with the arguments of `new Repository(SEED)` found in another module', async () => {
    const dir = await project({
      'src/repo.ts': [
        'export class EventRepository {',
        '  private events: { id: string }[] = [];',
        '  constructor(seed: { id: string }[] = []) {',
        '    this.events = seed.map((event) => ({ ...event }));',
        '  }',
        '  create(event: { id: string }) { this.events.push(event); }',
        '}',
      ].join('\n'),
      'src/app.ts': "import { EventRepository } from './repo';\nconst SEED = [{ id: 'e1' }, { id: 'e2' }];\nexport const repo = new EventRepository(SEED);",
    });
    const seed = collectSeedRecords(dir, store('src/repo.ts#EventRepository.events', 'in-memory-array'), NOW);
    expect(seed.problems).toEqual([]);
    expect(values(seed)).toEqual([{ id: 'e1' }, { id: 'e2' }]);
  });

  it('reports each record it cannot evaluate with file:line, keeps the others, and pins the clock to the migration start', async () => {
    const dir = await project({
      'users.js': [
        "const { randomUUID } = require('crypto');",
        'const users = {',
        "  u1: { id: 'u1', name: 'Ada', createdAt: new Date('2024-01-10T09:00:00Z') },",
        "  u2: { id: randomUUID(), name: 'Grace' },",
        "  u3: { id: 'u3', name: 'Linus', createdAt: Date.now() },",
        '};',
        'users[fetchId()] = { name: "Ken" };',
      ].join('\n'),
    });
    const seed = collectSeedRecords(dir, store('users.js#users', 'in-memory-object-map', 2), NOW);
    expect(seed.records.map((record) => [record.mapKey, record.value])).toEqual([
      ['u1', { id: 'u1', name: 'Ada', createdAt: new Date('2024-01-10T09:00:00Z') }],
      ['u3', { id: 'u3', name: 'Linus', createdAt: NOW.getTime() }],
    ]);
    expect(seed.problems).toEqual([
      { ref: 'users.js:7', message: expect.stringMatching(/cannot be evaluated without running the app: calls fetchId\(\)/) },
      { ref: 'users.js:4', message: expect.stringMatching(/^this seed record cannot be read without running the app \(.*randomUUID.*\); it is not copied$/) },
    ]);
    expect(seed.timeRefs).toEqual(['users.js:5']);
  });
});
