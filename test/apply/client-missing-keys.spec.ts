/**
 * A key value that names no item (`Number('abc')` is NaN, an empty or missing key) is "not found"
 * for the shared client, as it was for the app's old store: GetItem and DeleteItem answer without
 * an item, a conditional UpdateItem with the condition failure of a missing item. Without this the
 * SDK refuses to marshal NaN and DynamoDB rejects empty keys, so the app answered 500 instead of
 * its own 404. Each flavour of the module runs for real against dynalite in a child process.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TableDesign } from '../../src/model/table-design';
import { renderClientModule, type ModuleFlavor } from '../../src/emit/renderClientModule';
import { makeRepoTempDir } from '../support/fixture-files';
import { useLocalTables } from '../support/local-tables';

const design: TableDesign = {
  version: 1,
  tables: [
    { name: 'Products', envVar: 'PRODUCTS_TABLE_NAME', entity: 'Product', partitionKey: { name: 'id', type: 'number' }, gsis: [], billing: 'PAY_PER_REQUEST', pointInTimeRecovery: true, removalPolicy: 'destroy' },
  ],
  entities: { Product: { table: 'Products', idStrategy: 'app' } },
  handlers: [],
};

// `m` is the module, `lib` @aws-sdk/lib-dynamodb. Prints one JSON line: per case, what came back or the error's name.
const checks = `
  const T = m.PRODUCTS_TABLE_NAME;
  await m.db.send(new lib.PutCommand({ TableName: T, Item: { id: 1, name: 'kept' } }));
  const outcome = async (send) => {
    try {
      const output = await send();
      return { Item: output.Item ?? null, Attributes: output.Attributes ?? null };
    } catch (error) {
      return m.isConditionFailed(error) ? 'condition failed' : String(error.name || error);
    }
  };
  const result = {};
  for (const [label, id] of [['NaN', Number('abc')], ['Infinity', Infinity], ['empty', ''], ['undefined', undefined]]) {
    result[label] = {
      get: await outcome(() => m.db.send(new lib.GetCommand({ TableName: T, Key: { id }, ConsistentRead: true }))),
      delete: await outcome(() => m.db.send(new lib.DeleteCommand({ TableName: T, Key: { id }, ReturnValues: 'ALL_OLD' }))),
      update: await outcome(() => m.db.send(new lib.UpdateCommand(m.updateParams(T, { id }, { name: 'x' })))),
    };
  }
  // real keys are untouched: found, updated, deleted
  result.real = {
    get: await outcome(() => m.db.send(new lib.GetCommand({ TableName: T, Key: { id: 1 } }))),
    update: await outcome(() => m.db.send(new lib.UpdateCommand(m.updateParams(T, { id: 1 }, { name: 'changed' })))),
    delete: await outcome(() => m.db.send(new lib.DeleteCommand({ TableName: T, Key: { id: 1 }, ReturnValues: 'ALL_OLD' }))),
  };
  console.log(JSON.stringify(result));
`;

const scripts: Record<ModuleFlavor, { module: string; runner: string; args: string[]; source: string }> = {
  cjs: { module: 'db.js', runner: 'check.cjs', args: [], source: `const m = require('./db.js');\nconst lib = require('@aws-sdk/lib-dynamodb');\n(async () => {${checks}})().catch((e) => { console.error(e); process.exit(1); });\n` },
  esm: { module: 'db.mjs', runner: 'check.mjs', args: [], source: `import * as m from './db.mjs';\nimport * as lib from '@aws-sdk/lib-dynamodb';\n${checks}\n` },
  ts: { module: 'db.ts', runner: 'check.ts', args: ['--import', 'tsx'], source: `// @ts-nocheck\nimport * as m from './db';\nimport * as lib from '@aws-sdk/lib-dynamodb';\n(async () => {${checks}})().catch((e) => { console.error(e); process.exit(1); });\n` },
};

describe('shared client: a key that names no item', () => {
  const tables = useLocalTables(design);
  let dir: string;
  beforeAll(() => {
    dir = makeRepoTempDir('client-missing-keys-');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const flavor of ['cjs', 'esm', 'ts'] as const) {
    it(`${flavor}: GetItem/DeleteItem find nothing and a conditional UpdateItem fails its condition, real keys work as before`, async () => {
      const { module, runner, args, source } = scripts[flavor];
      const folder = path.join(dir, flavor);
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, module), renderClientModule(design, flavor));
      fs.writeFileSync(path.join(folder, runner), source);
      const result = await tables.runScript(folder, runner, args);
      const missing = { get: { Item: null, Attributes: null }, delete: { Item: null, Attributes: null }, update: 'condition failed' };
      expect(result).toEqual({
        NaN: missing,
        Infinity: missing,
        empty: missing,
        undefined: missing,
        real: {
          get: { Item: { id: 1, name: 'kept' }, Attributes: null },
          update: { Item: null, Attributes: { id: 1, name: 'changed' } },
          delete: { Item: null, Attributes: { id: 1, name: 'changed' } },
        },
      });
    });
  }
});
