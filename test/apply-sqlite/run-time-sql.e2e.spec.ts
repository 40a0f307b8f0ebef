/**
 * SQL whose text is chosen at run time, proved on a real engine: a small better-sqlite3 module
 * (ORDER BY and WHERE pieces written as inline ternaries, a SET list built from the request's keys)
 * answers a sequence of calls on SQLite; its rows are copied to dynalite by migrate-data, the
 * module is migrated by apply, and the migrated module must answer the same sequence the same way.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runApply } from '../../src/commands/apply';
import { runMigrateData } from '../../src/commands/migrate-data';
import { runPlan } from '../../src/commands/plan';
import { collect } from '../apply/support/migrate-fixture';
import { startLocalDynamo, type LocalDynamo } from '../apply/support/local-dynamodb';
import { makeRepoTempDir } from '../support/fixture-files';

jest.setTimeout(180000);

const STORE = `const Database = require('better-sqlite3');

const db = new Database(require('path').join(__dirname, 'shop.db'));
db.exec(\`CREATE TABLE IF NOT EXISTS products (
  product_id INTEGER PRIMARY KEY AUTOINCREMENT,
  product_name TEXT NOT NULL,
  unit_price REAL NOT NULL,
  in_stock INTEGER NOT NULL DEFAULT 1
)\`);

function listProducts(cheapestFirst) {
  return db.prepare(\`SELECT * FROM products ORDER BY unit_price \${cheapestFirst ? 'ASC' : 'DESC'}\`).all();
}

function sortedBy(sort) {
  return db.prepare(\`SELECT product_id FROM products ORDER BY \${sort === 'name' ? 'product_name' : 'unit_price'}, product_id\`).all();
}

function byStock(available) {
  return db.prepare(\`SELECT product_id, product_name FROM products WHERE in_stock = \${available ? 1 : 0} ORDER BY product_id\`).all();
}

function byStockFlag(available) {
  const flag = available ? 1 : 0;
  return db.prepare(\`SELECT product_id FROM products WHERE in_stock = \${flag} ORDER BY product_id\`).all();
}

function getProduct(productId) {
  return db.prepare('SELECT * FROM products WHERE product_id = ?').get(productId);
}

function patchProduct(productId, changes) {
  const keys = Object.keys(changes);
  if (keys.length === 0) return 'nothing to change';
  const assignments = keys
    .map(function toColumn(key) {
      const column = key === 'name' ? 'product_name' : key === 'price' ? 'unit_price' : 'in_stock';
      return \`\${column} = @\${key}\`;
    })
    .join(', ');
  const update = db.prepare(\`UPDATE products SET \${assignments} WHERE product_id = @productId\`);
  const params = { ...changes, inStock: changes.inStock ? 1 : 0, productId };
  const info = update.run(params);
  if (info.changes === 0) return 'not found';
  return 'updated';
}

module.exports = { listProducts, sortedBy, byStock, byStockFlag, getProduct, patchProduct };
`;

// the same calls on both engines; each answer is printed as one JSON line
const DRIVER = `const store = require('./store');
(async () => {
  const answers = [];
  const call = async (name, ...args) => answers.push([name, args, await store[name](...args)]);
  await call('listProducts', true);
  await call('listProducts', false);
  await call('sortedBy', 'name');
  await call('sortedBy', 'price');
  await call('byStock', true);
  await call('byStock', false);
  await call('patchProduct', 2, { name: 'Blue pen', inStock: true });
  await call('getProduct', 2);
  await call('patchProduct', 3, { price: 0.5 });
  await call('getProduct', 3);
  await call('patchProduct', 99, { name: 'Ghost' });
  await call('byStock', true);
  await call('listProducts', true);
  await call('byStockFlag', true);
  await call('byStockFlag', false);
  console.log(JSON.stringify(answers));
  process.exit(0); // the SDK's keep-alive sockets would hold the process open
})().catch((error) => { console.error(error); process.exit(1); });
`;

const ROWS: [string, number, number][] = [
  ['Red pen', 1.2, 1],
  ['Blue pen', 1.1, 0],
  ['Notebook', 3.5, 1],
  ['Eraser', 0.8, 0],
];

describe('SQL chosen at run time (inline ternaries, a SET list from the request keys) on dynalite', () => {
  let dir: string;
  let local: LocalDynamo;
  const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

  beforeAll(async () => {
    dir = makeRepoTempDir('run-time-sql-');
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'shop', private: true, dependencies: { 'better-sqlite3': '^12.0.0' } }));
    fs.writeFileSync(path.join(dir, 'store.js'), STORE);
    fs.writeFileSync(path.join(dir, 'driver.js'), DRIVER);
    // the database as a deployment has it: schema from the module, rows inserted
    const seed = `const Database = require('better-sqlite3'); require('./store'); const db = new Database(require('path').join(__dirname, 'shop.db'));
      const insert = db.prepare('INSERT INTO products (product_name, unit_price, in_stock) VALUES (?, ?, ?)');
      for (const row of ${JSON.stringify(ROWS)}) insert.run(...row);`;
    await run(dir, ['-e', seed], env);
    local = await startLocalDynamo();
  });
  afterAll(async () => {
    await local?.stop();
    if (dir && !process.env.KEEP_FIXTURE_COPIES) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers the same after plan, migrate-data and apply, with nothing left as TODO', async () => {
    const plan = collect();
    expect(await runPlan({ dir, yes: true, stdout: plan.stream, stderr: plan.stream })).toBe(0);
    const migrate = collect();
    const migrated = await runMigrateData({ dir, endpoint: local.endpoint, region: 'us-east-1', createTables: true, stdout: migrate.stream, stderr: migrate.stream });
    if (migrated !== 0) throw new Error(migrate.text());

    // the original on SQLite (after the copy: it changes rows)
    const original = await run(dir, ['driver.js'], env);

    const applied = collect();
    expect(await runApply({ dir, stdout: applied.stream, stderr: applied.stream })).toBe(0);
    expect(applied.text()).toContain('0 TODO markers left');
    const store = fs.readFileSync(path.join(dir, 'store.js'), 'utf8');
    expect(store).not.toMatch(/prepare\(|\.run\(|\.all\(/);

    const after = await run(dir, ['driver.js'], { ...env, DYNAMODB_ENDPOINT: local.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
    expect(JSON.parse(after)).toEqual(JSON.parse(original));
    // the calls mean something: sorted both ways, filtered, and the patch was stored
    const answers = (JSON.parse(original) as [string, unknown[], unknown][]).map(([, , answer]) => answer);
    expect((answers[0] as { unit_price: number }[]).map((row) => row.unit_price)).toEqual([0.8, 1.1, 1.2, 3.5]);
    expect((answers[1] as { unit_price: number }[]).map((row) => row.unit_price)).toEqual([3.5, 1.2, 1.1, 0.8]);
    expect(answers[2]).toEqual([{ product_id: 2 }, { product_id: 4 }, { product_id: 3 }, { product_id: 1 }]);
    expect(answers[5]).toEqual([{ product_id: 2, product_name: 'Blue pen' }, { product_id: 4, product_name: 'Eraser' }]);
    expect(answers[7]).toEqual({ product_id: 2, product_name: 'Blue pen', unit_price: 1.1, in_stock: 1 });
    expect(answers[9]).toEqual({ product_id: 3, product_name: 'Notebook', unit_price: 0.5, in_stock: 1 });
    expect(answers[10]).toBe('not found');
    expect(answers[11]).toEqual([{ product_id: 1, product_name: 'Red pen' }, { product_id: 2, product_name: 'Blue pen' }, { product_id: 3, product_name: 'Notebook' }]);
    // a variable holding 1 or 0 chooses the read (it was compared with the text '1', never equal)
    expect(answers[13]).toEqual([{ product_id: 1 }, { product_id: 2 }, { product_id: 3 }]);
    expect(answers[14]).toEqual([{ product_id: 4 }]);
  });
});

/** Not spawnSync: dynalite answers from this process, which must keep running meanwhile. */
function run(cwd: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`node ${args[0]} failed (${error.code ?? error.signal}):\n${stderr}`));
      else resolve(stdout);
    });
  });
}
