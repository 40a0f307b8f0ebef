/**
 * Writes a synthetic, deterministic codebase for the benchmark: handler files of mixed storage
 * kinds (Express routers on arrays / Maps / object maps, JSON files sync and promises,
 * better-sqlite3, sqlite3 callbacks, Lambda handlers) grouped around shared data modules, the way
 * real apps put one store behind several route files. Same seed and count → same bytes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const STORAGE_KINDS = ['array', 'map', 'object', 'json-sync', 'json-promises', 'better-sqlite3', 'sqlite3', 'lambda'] as const;
export type StorageKind = (typeof STORAGE_KINDS)[number];

export interface GenerateOptions {
  /** Handler files to write (data modules come on top). */
  handlers: number;
  seed?: number;
}

export interface GeneratedCodebase {
  root: string;
  handlerFiles: number;
  /** Every file written, relative to root (handlers, data modules, JSON data). */
  files: string[];
  /** Handler files per storage kind. */
  kinds: Record<StorageKind, number>;
}

const NOUNS = ['book', 'note', 'task', 'order', 'invoice', 'ticket', 'event', 'recipe', 'product', 'review', 'comment', 'project', 'contact', 'booking', 'playlist', 'course', 'lesson', 'device', 'vehicle', 'shipment'];
const FIELDS = ['title', 'status', 'owner', 'category', 'priority', 'label', 'region', 'color'];

/** Small seeded PRNG (mulberry32): the generator must not depend on Math.random. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Group {
  index: number;
  kind: StorageKind;
  entity: string; // singular, lower camel: 'book3'
  plural: string; // 'book3s'
  Entity: string; // 'Book3'
  field: string; // a second attribute filtered on
  dir: string; // 'src/g0003'
}

/** Generates the codebase under `root` (created; must not exist or be empty). */
export function generateCodebase(root: string, options: GenerateOptions): GeneratedCodebase {
  const random = createRandom(options.seed ?? 20261124);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const files: string[] = [];
  const kinds = Object.fromEntries(STORAGE_KINDS.map((k) => [k, 0])) as Record<StorageKind, number>;
  const write = (rel: string, text: string) => {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
    files.push(rel);
  };
  fs.mkdirSync(root, { recursive: true });
  write('package.json', `${JSON.stringify({ name: 'bench-app', version: '1.0.0', private: true, dependencies: { express: '^4.21.2', 'better-sqlite3': '^12.0.0', sqlite3: '^5.1.7' } }, null, 2)}\n`);

  let written = 0;
  const mounts: Group[] = [];
  for (let g = 0; written < options.handlers; g++) {
    const noun = NOUNS[g % NOUNS.length];
    const suffix = g < NOUNS.length ? '' : String(Math.floor(g / NOUNS.length) + 1);
    const kind = STORAGE_KINDS[g % STORAGE_KINDS.length];
    const group: Group = {
      index: g,
      kind,
      entity: `${noun}${suffix}`,
      plural: `${noun}${suffix}s`,
      Entity: `${noun[0].toUpperCase()}${noun.slice(1)}${suffix}`,
      field: pick(FIELDS),
      dir: `src/g${String(g).padStart(4, '0')}`,
    };
    for (const [rel, text] of writeDataModule(group)) write(rel, text);
    const count = Math.min(options.handlers - written, 6 + Math.floor(random() * 10));
    for (let h = 0; h < count; h++) {
      const ext = kind === 'lambda' ? 'ts' : 'js';
      write(`${group.dir}/${kind === 'lambda' ? 'handlers' : 'routes'}/${group.entity}-${h}.${ext}`, writeHandler(group, h, random));
      kinds[kind]++;
    }
    if (kind !== 'lambda') write(`${group.dir}/index.js`, writeGroupRouter(group, count));
    mounts.push(group);
    written += count;
  }
  // One app mounts every feature router, as in a real Express app.
  const routers = mounts.filter((group) => group.kind !== 'lambda');
  write('src/app.js', `const express = require('express');\n\nconst app = express();\napp.use(express.json());\n\n${routers.map((group) => `app.use('/api/g${group.index}', require('./g${String(group.index).padStart(4, '0')}'));`).join('\n')}\n\napp.listen(process.env.PORT || 3000);\n\nmodule.exports = app;\n`);
  return { root, handlerFiles: written, files, kinds };
}

function writeGroupRouter(group: Group, count: number): string {
  const lines = Array.from({ length: count }, (_, h) => `router.use(require('./routes/${group.entity}-${h}'));`);
  return `const express = require('express');\n\nconst router = express.Router();\n${lines.join('\n')}\n\nmodule.exports = router;\n`;
}

function seedRows(group: Group): string {
  return [1, 2, 3]
    .map((n) => `  { id: '${group.entity}-${n}', name: '${group.Entity} ${n}', ${group.field}: 'v${n}', createdAt: '2024-0${n}-01T00:00:00.000Z' },`)
    .join('\n');
}

function writeDataModule(group: Group): [string, string][] {
  const { dir, plural, Entity, field } = group;
  switch (group.kind) {
    case 'array':
      return [[`${dir}/store.js`, `// Shared in-memory ${plural}: every route file of this feature imports it.\nconst ${plural} = [\n${seedRows(group)}\n];\n\nmodule.exports = { ${plural} };\n`]];
    case 'map':
      return [[`${dir}/store.js`, `// id -> ${group.entity}\nconst ${plural} = new Map();\n\nfor (const row of [\n${seedRows(group)}\n]) {\n  ${plural}.set(row.id, row);\n}\n\nmodule.exports = { ${plural} };\n`]];
    case 'object':
      return [[`${dir}/store.js`, `// ${plural} keyed by id\nconst ${plural} = {};\n\nmodule.exports = { ${plural} };\n`]];
    case 'json-sync':
      return [
        [`${dir}/data/${plural}.json`, `${JSON.stringify([{ id: `${group.entity}-1`, name: `${Entity} 1`, [field]: 'v1', createdAt: '2024-01-01T00:00:00.000Z' }], null, 2)}\n`],
        [`${dir}/store.js`, `const fs = require('fs');\nconst path = require('path');\n\nconst DATA_FILE = path.join(__dirname, 'data', '${plural}.json');\n\nfunction read${Entity}s() {\n  return JSON.parse(fs.readFileSync(DATA_FILE, 'utf-8'));\n}\n\nfunction save${Entity}s(${plural}) {\n  fs.writeFileSync(DATA_FILE, JSON.stringify(${plural}, null, 2));\n}\n\nmodule.exports = { read${Entity}s, save${Entity}s };\n`],
      ];
    case 'json-promises':
      return [
        [`${dir}/data/${plural}.json`, `${JSON.stringify([{ id: `${group.entity}-1`, name: `${Entity} 1`, [field]: 'v1', createdAt: '2024-01-01T00:00:00.000Z' }], null, 2)}\n`],
        [`${dir}/store.js`, `const { readFile, writeFile } = require('fs/promises');\nconst path = require('path');\n\nconst DATA_FILE = path.join(__dirname, 'data', '${plural}.json');\n\nasync function load${Entity}s() {\n  const text = await readFile(DATA_FILE, 'utf8');\n  return JSON.parse(text);\n}\n\nasync function store${Entity}s(${plural}) {\n  await writeFile(DATA_FILE, JSON.stringify(${plural}, null, 2) + '\\n');\n}\n\nmodule.exports = { load${Entity}s, store${Entity}s };\n`],
      ];
    case 'better-sqlite3':
      return [[`${dir}/db.js`, `const Database = require('better-sqlite3');\nconst path = require('path');\n\nconst db = new Database(process.env.DB_FILE || path.join(__dirname, '${plural}.db'));\n\ndb.exec(\`CREATE TABLE IF NOT EXISTS ${plural} (\n  id TEXT PRIMARY KEY,\n  name TEXT NOT NULL,\n  ${field} TEXT,\n  created_at TEXT NOT NULL\n)\`);\n\nmodule.exports = db;\n`]];
    case 'sqlite3':
      return [[`${dir}/db.js`, `const sqlite3 = require('sqlite3').verbose();\nconst path = require('path');\n\nconst db = new sqlite3.Database(process.env.DB_FILE || path.join(__dirname, '${plural}.sqlite'));\n\ndb.serialize(() => {\n  db.run(\`CREATE TABLE IF NOT EXISTS ${plural} (\n    id INTEGER PRIMARY KEY AUTOINCREMENT,\n    name TEXT NOT NULL,\n    ${field} TEXT,\n    created_at TEXT NOT NULL DEFAULT (datetime('now'))\n  )\`);\n});\n\nmodule.exports = db;\n`]];
    case 'lambda':
      return [
        [`${dir}/data.ts`, `export interface ${Entity} {\n  id: string;\n  name: string;\n  ${field}: string;\n  createdAt: string;\n}\n\n// Lives as long as the Lambda container.\nexport const ${plural}: ${Entity}[] = [\n${seedRows(group)}\n];\n`],
        [`${dir}/response.ts`, `export function response(statusCode: number, body: unknown) {\n  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };\n}\n`],
      ];
  }
}

/** Route bodies per kind and operation; `$` is replaced by the group's names. */
type Operation = 'list' | 'get' | 'create' | 'update' | 'delete' | 'filter';
const OPERATIONS: Operation[] = ['list', 'get', 'create', 'update', 'delete', 'filter'];

function writeHandler(group: Group, h: number, random: () => number): string {
  // Each file holds 2–5 operations (a Lambda file exactly one) plus helpers: ~40–120 lines.
  const start = (h + group.index) % OPERATIONS.length;
  const ops = group.kind === 'lambda' ? [OPERATIONS[start]] : OPERATIONS.slice(start).concat(OPERATIONS.slice(0, start)).slice(0, 2 + Math.floor(random() * 4));
  const helpers = HELPERS.slice(0, group.kind === 'lambda' ? HELPERS.length : 1 + Math.floor(random() * HELPERS.length)).map((text) => text.replace(/\$E/g, group.Entity));
  if (group.kind === 'lambda') return writeLambda(group, ops[0], helpers);
  const imports = IMPORTS[group.kind].replace(/\$P/g, group.plural).replace(/\$E/g, group.Entity);
  const routes = ops.map((op) => `// ${op} ${group.plural}\n${routeFor(group, op)}`).join('\n\n');
  return `const express = require('express');\nconst crypto = require('crypto');\n${imports}\n\nconst router = express.Router();\n\n${helpers.join('\n\n')}\n\n${routes}\n\nmodule.exports = router;\n`;
}

const IMPORTS: Record<Exclude<StorageKind, 'lambda'>, string> = {
  array: "const { $P } = require('../store');",
  map: "const { $P } = require('../store');",
  object: "const { $P } = require('../store');",
  'json-sync': "const { read$Es, save$Es } = require('../store');",
  'json-promises': "const { load$Es, store$Es } = require('../store');",
  'better-sqlite3': "const db = require('../db');",
  sqlite3: "const db = require('../db');",
};

const HELPERS = [
  `// Keeps bad input out of the store.\nfunction validate$E(body) {\n  const errors = [];\n  if (!body || typeof body.name !== 'string' || body.name.trim() === '') {\n    errors.push('name is required');\n  }\n  if (body && body.name && body.name.length > 200) {\n    errors.push('name is too long');\n  }\n  return errors;\n}`,
  `function paginate(items, query) {\n  const page = Math.max(1, parseInt(query.page, 10) || 1);\n  const limit = Math.min(100, parseInt(query.limit, 10) || 20);\n  const start = (page - 1) * limit;\n  return { page, limit, total: items.length, items: items.slice(start, start + limit) };\n}`,
  `function logRequest(req) {\n  if (process.env.DEBUG) {\n    console.log(new Date().toISOString(), req.method, req.originalUrl);\n  }\n}`,
  `const ALLOWED_SORTS = ['name', 'createdAt'];\n\nfunction sortBy(items, key) {\n  if (!ALLOWED_SORTS.includes(key)) return items;\n  return [...items].sort((a, b) => String(a[key]).localeCompare(String(b[key])));\n}`,
];

function routeFor(group: Group, op: Operation): string {
  const P = group.plural;
  const E = group.Entity;
  const F = group.field;
  const notFound = `return res.status(404).json({ error: '${E} not found' });`;
  const created = `{ id: crypto.randomUUID(), name: req.body.name, ${F}: req.body.${F}, createdAt: new Date().toISOString() }`;
  const bodies: Record<Exclude<StorageKind, 'lambda'>, Record<Operation, string>> = {
    array: {
      list: `router.get('/${P}', (req, res) => {\n  res.json(${P});\n});`,
      get: `router.get('/${P}/:id', (req, res) => {\n  const item = ${P}.find((x) => x.id === req.params.id);\n  if (!item) {\n    ${notFound}\n  }\n  res.json(item);\n});`,
      create: `router.post('/${P}', (req, res) => {\n  const item = ${created};\n  ${P}.push(item);\n  res.status(201).json(item);\n});`,
      update: `router.put('/${P}/:id', (req, res) => {\n  const item = ${P}.find((x) => x.id === req.params.id);\n  if (!item) {\n    ${notFound}\n  }\n  item.name = req.body.name;\n  res.json(item);\n});`,
      delete: `router.delete('/${P}/:id', (req, res) => {\n  const index = ${P}.findIndex((x) => x.id === req.params.id);\n  if (index === -1) {\n    ${notFound}\n  }\n  ${P}.splice(index, 1);\n  res.status(204).end();\n});`,
      filter: `router.get('/${P}/by-${F}/:value', (req, res) => {\n  res.json(${P}.filter((x) => x.${F} === req.params.value));\n});`,
    },
    map: {
      list: `router.get('/${P}', (req, res) => {\n  res.json([...${P}.values()]);\n});`,
      get: `router.get('/${P}/:id', (req, res) => {\n  const item = ${P}.get(req.params.id);\n  if (!item) {\n    ${notFound}\n  }\n  res.json(item);\n});`,
      create: `router.post('/${P}', (req, res) => {\n  const item = ${created};\n  ${P}.set(item.id, item);\n  res.status(201).json(item);\n});`,
      update: `router.put('/${P}/:id', (req, res) => {\n  const existing = ${P}.get(req.params.id);\n  if (!existing) {\n    ${notFound}\n  }\n  const updated = { ...existing, name: req.body.name };\n  ${P}.set(req.params.id, updated);\n  res.json(updated);\n});`,
      delete: `router.delete('/${P}/:id', (req, res) => {\n  if (!${P}.delete(req.params.id)) {\n    ${notFound}\n  }\n  res.status(204).end();\n});`,
      filter: `router.get('/${P}/by-${F}/:value', (req, res) => {\n  res.json([...${P}.values()].filter((x) => x.${F} === req.params.value));\n});`,
    },
    object: {
      list: `router.get('/${P}', (req, res) => {\n  res.json(Object.values(${P}));\n});`,
      get: `router.get('/${P}/:id', (req, res) => {\n  const item = ${P}[req.params.id];\n  if (!item) {\n    ${notFound}\n  }\n  res.json(item);\n});`,
      create: `router.post('/${P}', (req, res) => {\n  const item = ${created};\n  ${P}[item.id] = item;\n  res.status(201).json(item);\n});`,
      update: `router.put('/${P}/:id', (req, res) => {\n  const existing = ${P}[req.params.id];\n  if (!existing) {\n    ${notFound}\n  }\n  ${P}[req.params.id] = { ...existing, name: req.body.name };\n  res.json(${P}[req.params.id]);\n});`,
      delete: `router.delete('/${P}/:id', (req, res) => {\n  if (!${P}[req.params.id]) {\n    ${notFound}\n  }\n  delete ${P}[req.params.id];\n  res.status(204).end();\n});`,
      filter: `router.get('/${P}/by-${F}/:value', (req, res) => {\n  res.json(Object.values(${P}).filter((x) => x.${F} === req.params.value));\n});`,
    },
    'json-sync': {
      list: `router.get('/${P}', (req, res) => {\n  res.json(read${E}s());\n});`,
      get: `router.get('/${P}/:id', (req, res) => {\n  const item = read${E}s().find((x) => x.id === req.params.id);\n  if (!item) {\n    ${notFound}\n  }\n  res.json(item);\n});`,
      create: `router.post('/${P}', (req, res) => {\n  const all = read${E}s();\n  const item = ${created};\n  all.push(item);\n  save${E}s(all);\n  res.status(201).json(item);\n});`,
      update: `router.put('/${P}/:id', (req, res) => {\n  const all = read${E}s();\n  const item = all.find((x) => x.id === req.params.id);\n  if (!item) {\n    ${notFound}\n  }\n  item.name = req.body.name;\n  save${E}s(all);\n  res.json(item);\n});`,
      delete: `router.delete('/${P}/:id', (req, res) => {\n  const all = read${E}s();\n  const rest = all.filter((x) => x.id !== req.params.id);\n  if (rest.length === all.length) {\n    ${notFound}\n  }\n  save${E}s(rest);\n  res.status(204).end();\n});`,
      filter: `router.get('/${P}/by-${F}/:value', (req, res) => {\n  res.json(read${E}s().filter((x) => x.${F} === req.params.value));\n});`,
    },
    'json-promises': {
      list: `router.get('/${P}', async (req, res) => {\n  res.json(await load${E}s());\n});`,
      get: `router.get('/${P}/:id', async (req, res) => {\n  const all = await load${E}s();\n  const item = all.find((x) => x.id === req.params.id);\n  if (!item) {\n    ${notFound}\n  }\n  res.json(item);\n});`,
      create: `router.post('/${P}', async (req, res) => {\n  const all = await load${E}s();\n  const item = ${created};\n  all.push(item);\n  await store${E}s(all);\n  res.status(201).json(item);\n});`,
      update: `router.patch('/${P}/:id', async (req, res) => {\n  const all = await load${E}s();\n  const index = all.findIndex((x) => x.id === req.params.id);\n  if (index === -1) {\n    ${notFound}\n  }\n  all[index] = { ...all[index], ...req.body, id: all[index].id };\n  await store${E}s(all);\n  res.json(all[index]);\n});`,
      delete: `router.delete('/${P}/:id', async (req, res) => {\n  const all = await load${E}s();\n  const rest = all.filter((x) => x.id !== req.params.id);\n  await store${E}s(rest);\n  res.status(204).end();\n});`,
      filter: `router.get('/${P}/by-${F}/:value', async (req, res) => {\n  const all = await load${E}s();\n  res.json(all.filter((x) => x.${F} === req.params.value));\n});`,
    },
    'better-sqlite3': {
      list: `router.get('/${P}', (req, res) => {\n  const rows = db.prepare('SELECT * FROM ${P} ORDER BY created_at DESC').all();\n  res.json(rows);\n});`,
      get: `router.get('/${P}/:id', (req, res) => {\n  const row = db.prepare('SELECT * FROM ${P} WHERE id = ?').get(req.params.id);\n  if (!row) {\n    ${notFound}\n  }\n  res.json(row);\n});`,
      create: `router.post('/${P}', (req, res) => {\n  const id = crypto.randomUUID();\n  db.prepare('INSERT INTO ${P} (id, name, ${F}, created_at) VALUES (?, ?, ?, ?)').run(id, req.body.name, req.body.${F}, new Date().toISOString());\n  res.status(201).json({ id, name: req.body.name });\n});`,
      update: `router.put('/${P}/:id', (req, res) => {\n  const info = db.prepare('UPDATE ${P} SET name = ? WHERE id = ?').run(req.body.name, req.params.id);\n  if (info.changes === 0) {\n    ${notFound}\n  }\n  res.json(db.prepare('SELECT * FROM ${P} WHERE id = ?').get(req.params.id));\n});`,
      delete: `router.delete('/${P}/:id', (req, res) => {\n  const info = db.prepare('DELETE FROM ${P} WHERE id = ?').run(req.params.id);\n  if (info.changes === 0) {\n    ${notFound}\n  }\n  res.status(204).end();\n});`,
      filter: `router.get('/${P}/by-${F}/:value', (req, res) => {\n  res.json(db.prepare('SELECT * FROM ${P} WHERE ${F} = ?').all(req.params.value));\n});`,
    },
    sqlite3: {
      list: `router.get('/${P}', (req, res) => {\n  db.all('SELECT * FROM ${P} ORDER BY id', [], (err, rows) => {\n    if (err) {\n      return res.status(500).json({ error: err.message });\n    }\n    res.json(rows);\n  });\n});`,
      get: `router.get('/${P}/:id', (req, res) => {\n  db.get('SELECT * FROM ${P} WHERE id = ?', [req.params.id], (err, row) => {\n    if (err) {\n      return res.status(500).json({ error: err.message });\n    }\n    if (!row) {\n      ${notFound}\n    }\n    res.json(row);\n  });\n});`,
      create: `router.post('/${P}', (req, res) => {\n  db.run('INSERT INTO ${P} (name, ${F}) VALUES (?, ?)', [req.body.name, req.body.${F}], function (err) {\n    if (err) {\n      return res.status(400).json({ error: err.message });\n    }\n    res.status(201).json({ id: this.lastID, name: req.body.name });\n  });\n});`,
      update: `router.put('/${P}/:id', (req, res) => {\n  db.run('UPDATE ${P} SET name = ? WHERE id = ?', [req.body.name, req.params.id], function (err) {\n    if (err) {\n      return res.status(400).json({ error: err.message });\n    }\n    if (this.changes === 0) {\n      ${notFound}\n    }\n    res.json({ id: Number(req.params.id), name: req.body.name });\n  });\n});`,
      delete: `router.delete('/${P}/:id', (req, res) => {\n  db.run('DELETE FROM ${P} WHERE id = ?', [req.params.id], function (err) {\n    if (err) {\n      return res.status(400).json({ error: err.message });\n    }\n    res.status(204).end();\n  });\n});`,
      filter: `router.get('/${P}/by-${F}/:value', (req, res) => {\n  db.all('SELECT * FROM ${P} WHERE ${F} = ?', [req.params.value], (err, rows) => {\n    if (err) {\n      return res.status(500).json({ error: err.message });\n    }\n    res.json(rows);\n  });\n});`,
    },
  };
  return bodies[group.kind as Exclude<StorageKind, 'lambda'>][op];
}

function writeLambda(group: Group, op: Operation, helpers: string[]): string {
  const { plural: P, Entity: E, field: F } = group;
  const id = `const id = event.pathParameters?.id;`;
  const notFound = `return response(404, { message: \`${E} \${id} not found\` });`;
  const bodies: Record<Operation, string> = {
    list: `  return response(200, ${P});`,
    get: `  ${id}\n  const item = ${P}.find((x) => x.id === id);\n  if (!item) {\n    ${notFound}\n  }\n  return response(200, item);`,
    create: `  const body = JSON.parse(event.body ?? '{}');\n  const item: ${E} = { id: randomUUID(), name: body.name, ${F}: body.${F}, createdAt: new Date().toISOString() };\n  ${P}.push(item);\n  return response(201, item);`,
    update: `  ${id}\n  const body = JSON.parse(event.body ?? '{}');\n  const item = ${P}.find((x) => x.id === id);\n  if (!item) {\n    ${notFound}\n  }\n  item.name = body.name;\n  return response(200, item);`,
    delete: `  ${id}\n  const index = ${P}.findIndex((x) => x.id === id);\n  if (index === -1) {\n    ${notFound}\n  }\n  ${P}.splice(index, 1);\n  return response(204, {});`,
    filter: `  const value = event.queryStringParameters?.${F};\n  return response(200, ${P}.filter((x) => x.${F} === value));`,
  };
  // TypeScript helpers: the JS helpers with loose parameter types.
  const tsHelpers = helpers.map((text) => text.replace(/function (\w+)\(([^)]*)\)/g, (_m, name: string, params: string) => `function ${name}(${params.split(',').map((p) => (p.trim() ? `${p.trim()}: any` : '')).join(', ')})`));
  return `import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';\nimport { randomUUID } from 'node:crypto';\nimport { ${P}, type ${E} } from '../data';\nimport { response } from '../response';\n\n${tsHelpers.join('\n\n')}\n\n// ${op} ${P}\nexport const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {\n${bodies[op]}\n};\n`;
}
