/**
 * The shared client module, in each flavour, run for real against dynalite in a child process:
 * the endpoint variable is honoured, scans and queries follow LastEvaluatedKey, counters are atomic,
 * updateParams never writes key attributes and keeps a missing item a condition failure.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { TableDesign } from '../../src/model/table-design';
import { renderClientModule, type ModuleFlavor } from '../../src/emit/renderClientModule';
import { readGeneratedState } from '../../src/stack/generatedHeader';
import { makeRepoTempDir } from '../support/fixture-files';
import { useLocalTables } from '../support/local-tables';

const run = promisify(execFile);
const REPO = path.resolve(__dirname, '../..');

const design: TableDesign = {
  version: 1,
  tables: [
    {
      name: 'Notes',
      envVar: 'NOTES_TABLE_NAME',
      entity: 'Note',
      partitionKey: { name: 'id', type: 'number' },
      gsis: [{ name: 'owner-index', partitionKey: { name: 'owner', type: 'string' }, projection: 'ALL' }],
      billing: 'PAY_PER_REQUEST',
      pointInTimeRecovery: true,
      removalPolicy: 'destroy',
    },
    {
      name: 'Counters',
      envVar: 'COUNTERS_TABLE_NAME',
      entity: 'Note',
      purpose: 'counters',
      partitionKey: { name: 'counter', type: 'string' },
      gsis: [],
      billing: 'PAY_PER_REQUEST',
      pointInTimeRecovery: true,
      removalPolicy: 'destroy',
    },
  ],
  entities: {
    Note: {
      table: 'Notes',
      idStrategy: 'counter',
      counter: { table: 'Counters', key: { counter: 'Note' }, attribute: 'value' },
      derivedAttributes: [{ name: 'ttl', as: 'epoch-seconds', from: 'expiresAt' }],
    },
  },
  handlers: [],
};

// The same checks for every flavour; `m` is the module. Prints one JSON line of results.
const checks = `
  const ids = await Promise.all(Array.from({ length: 30 }, () => m.nextId(m.COUNTERS_TABLE_NAME, { counter: 'Note' })));
  for (const id of ids) {
    await m.db.send(new lib.PutCommand({ TableName: m.NOTES_TABLE_NAME, Item: { id, owner: id % 2 ? 'odd' : 'even', title: 't' + id } }));
  }
  const all = await m.scanAll({ TableName: m.NOTES_TABLE_NAME, Limit: 7 });
  const counted = await m.countAll({ TableName: m.NOTES_TABLE_NAME, Limit: 7 });
  const oddCounted = await m.countAll({ TableName: m.NOTES_TABLE_NAME, IndexName: 'owner-index', Limit: 4,
    KeyConditionExpression: '#o = :o', ExpressionAttributeNames: { '#o': 'owner' }, ExpressionAttributeValues: { ':o': 'odd' } });
  const filteredCount = await m.countAll({ TableName: m.NOTES_TABLE_NAME, Limit: 7, FilterExpression: '#o = :o', ExpressionAttributeNames: { '#o': 'owner' }, ExpressionAttributeValues: { ':o': 'even' } });
  const odd = await m.queryAll({ TableName: m.NOTES_TABLE_NAME, IndexName: 'owner-index', Limit: 4,
    KeyConditionExpression: '#o = :o', ExpressionAttributeNames: { '#o': 'owner' }, ExpressionAttributeValues: { ':o': 'odd' } });
  const updated = await m.db.send(new lib.UpdateCommand(m.updateParams(m.NOTES_TABLE_NAME, { id: 1 }, { id: 999, title: 'new', owner: undefined, extra: 5 })));
  const unchanged = await m.db.send(new lib.UpdateCommand(m.updateParams(m.NOTES_TABLE_NAME, { id: 2 }, { id: 2 })));
  let missing = 'no error';
  try {
    await m.db.send(new lib.UpdateCommand(m.updateParams(m.NOTES_TABLE_NAME, { id: 12345 }, { title: 'x' })));
  } catch (error) {
    missing = m.isConditionFailed(error) ? 'condition failed' : String(error);
  }
  await m.db.send(new lib.PutCommand({ TableName: m.NOTES_TABLE_NAME, Item: m.withDerived(m.NOTES_TABLE_NAME, { id: 100, owner: 'x', expiresAt: '2030-01-01T00:00:00.000Z' }) }));
  const stored = (await m.db.send(new lib.GetCommand({ TableName: m.NOTES_TABLE_NAME, Key: { id: 100 } }))).Item;
  const scanned = (await m.scanAll({ TableName: m.NOTES_TABLE_NAME })).find((note) => note.id === 100);
  const untouched = (await m.db.send(new lib.UpdateCommand(m.updateParams(m.NOTES_TABLE_NAME, { id: 100 }, { owner: 'y' })))).Attributes;
  const moved = (await m.db.send(new lib.UpdateCommand(m.updateParams(m.NOTES_TABLE_NAME, { id: 100 }, { expiresAt: 1924992000000 })))).Attributes;
  const derived = { stored: stored.ttl, scanned: scanned && 'ttl' in scanned, untouched: untouched.ttl, moved: moved.ttl, visible: m.withoutDerived(m.NOTES_TABLE_NAME, moved) };
  console.log(JSON.stringify({ ids: ids.sort((a, b) => a - b), all: all.length, odd: odd.length, counts: [counted, oddCounted, filteredCount], updated: updated.Attributes, unchanged: unchanged.Attributes, missing, derived }));
`;

const scripts: Record<ModuleFlavor, { module: string; runner: string; args: string[] }> = {
  cjs: { module: 'db.js', runner: 'check.cjs', args: [] },
  esm: { module: 'db.mjs', runner: 'check.mjs', args: [] },
  ts: { module: 'db.ts', runner: 'check.ts', args: ['--import', 'tsx'] },
};

function runnerSource(flavor: ModuleFlavor): string {
  if (flavor === 'cjs') return `const m = require('./db.js');\nconst lib = require('@aws-sdk/lib-dynamodb');\n(async () => {${checks}})().catch((e) => { console.error(e); process.exit(1); });\n`;
  if (flavor === 'esm') return `import * as m from './db.mjs';\nimport * as lib from '@aws-sdk/lib-dynamodb';\n${checks}\n`;
  return `import * as m from './db';\nimport * as lib from '@aws-sdk/lib-dynamodb';\n(async () => {${checks}})().catch((e) => { console.error(e); process.exit(1); });\n`;
}

describe('shared client module', () => {
  const tables = useLocalTables(design);
  let dir: string;
  beforeAll(async () => {
    dir = makeRepoTempDir('client-module-');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const flavor of ['cjs', 'esm', 'ts'] as const) {
    it(`${flavor}: works against a local engine named by DYNAMODB_ENDPOINT`, async () => {
      const text = renderClientModule(design, flavor);
      expect(readGeneratedState(text)).toBe('generated-intact');
      expect(text).toContain(`process.env.NOTES_TABLE_NAME || 'Notes'`);
      const { module, runner, args } = scripts[flavor];
      const folder = path.join(dir, flavor);
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, module), text);
      fs.writeFileSync(path.join(folder, runner), runnerSource(flavor));
      const result = await tables.runScript(folder, runner, args);
      expect(result.ids).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
      expect(result.all).toBe(30);
      expect(result.odd).toBe(15);
      // Select COUNT over every page (Limit 7/4 forces several), after the filter
      expect(result.counts).toEqual([30, 15, 15]);
      expect(result.updated).toEqual({ id: 1, title: 'new', extra: 5 });
      expect(result.unchanged).toEqual({ id: 2, owner: 'even', title: 't2' });
      expect(result.missing).toBe('condition failed');
      // TTL in epoch seconds written with the item, kept by updates that do not touch its source, never shown to the app
      expect(result.derived).toEqual({ stored: 1893456000, scanned: false, untouched: 1893456000, moved: 1924992000, visible: { id: 100, owner: 'y', expiresAt: 1924992000000 } });
    });
  }

  it('ts flavour type-checks under strict settings', async () => {
    const folder = path.join(dir, 'typecheck');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'db.ts'), renderClientModule(design, 'ts'));
    const tsconfig = { compilerOptions: { strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', skipLibCheck: true, types: ['node'] }, files: ['db.ts'] };
    fs.writeFileSync(path.join(folder, 'tsconfig.json'), JSON.stringify(tsconfig));
    await expect(run(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', folder])).resolves.toBeDefined();
  });

  it('esm flavour exports exactly what the CommonJS flavour exports', () => {
    const cjs = renderClientModule(design, 'cjs');
    const esm = renderClientModule(design, 'esm');
    expect(esm).not.toMatch(/require\(|module\.exports/);
    const exported = [...esm.matchAll(/^export (?:async function|function|const) (\w+)/gm)].map((match) => match[1]).sort();
    const block = /module\.exports = \{([\s\S]*?)\};/.exec(cjs)![1];
    const listed = block.split('\n').map((line) => line.trim().replace(/,$/, '')).filter((line) => line && !line.startsWith('//')).sort();
    expect(exported).toEqual(listed);
  });
});
