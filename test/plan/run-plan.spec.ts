import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import type { TableDesign } from '../../src/model/table-design';
import { runPlan } from '../../src/commands/plan';
import { plan } from '../../src/plan';
import { markAddDatabaseComplete, getPlanSectionStatus } from '../../src/plan/plan-markdown';
import { notesModel, todosModel } from './models';

function sink() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => (text += chunk.toString()));
  return { stream, text: () => text };
}

async function run(dir: string, options: Partial<Parameters<typeof runPlan>[0]> = {}) {
  const out = sink();
  const err = sink();
  const code = await runPlan({ dir, yes: true, model: todosModel(), stdout: out.stream, stderr: err.stream, ...options });
  return { code, out: out.text(), err: err.text() };
}

describe('runPlan', () => {
  let dir: string;
  const read = (file: string) => fs.readFile(path.join(dir, '.migration', file), 'utf8');
  const designOf = async () => JSON.parse(await read('dynamodb.json')) as TableDesign;
  const writeDesign = (design: TableDesign) => fs.writeFile(path.join(dir, '.migration', 'dynamodb.json'), `${JSON.stringify(design, null, 2)}\n`);

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'run-plan-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes 2-space JSON with a trailing newline and the plan.md section', async () => {
    const { code, out } = await run(dir);
    expect(code).toBe(0);
    const text = await read('dynamodb.json');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect((await designOf()).tables[0].name).toBe('Todos');
    expect(await read('plan.md')).toContain('<!-- dynamodb-codemod:add-database:start -->');
    expect(out).toContain('Wrote .migration/dynamodb.json, .migration/plan.md.');
    expect((await fs.readdir(path.join(dir, '.migration'))).sort()).toEqual(['dynamodb.derived.json', 'dynamodb.json', 'plan.md', 'sources.json']);
  });

  it('a second run with no change rewrites nothing', async () => {
    await run(dir);
    const files = ['dynamodb.json', 'plan.md', 'dynamodb.derived.json'];
    const before = await Promise.all(files.map((file) => fs.stat(path.join(dir, '.migration', file))));
    const contents = await Promise.all(files.map(read));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const { code, out } = await run(dir);
    expect(code).toBe(0);
    expect(out).toContain('No change');
    const after = await Promise.all(files.map((file) => fs.stat(path.join(dir, '.migration', file))));
    expect(after.map((stat) => stat.mtimeMs)).toEqual(before.map((stat) => stat.mtimeMs));
    expect(await Promise.all(files.map(read))).toEqual(contents);
  });

  it('keeps hand edits across runs and reflects them in plan.md', async () => {
    await run(dir);
    const design = await designOf();
    design.tables[0].name = 'todos-prod';
    design.tables[0].envVar = 'TODO_TABLE';
    design.tables[0].removalPolicy = 'retain';
    design.tables[0].gsis = [];
    await writeDesign(design);
    expect((await run(dir)).code).toBe(0);
    const again = await designOf();
    expect(again.tables[0]).toMatchObject({ name: 'todos-prod', envVar: 'TODO_TABLE', removalPolicy: 'retain', gsis: [] });
    expect(again.handlers.find((handler) => handler.id === 'GET /todos')!.actions).toEqual(['Scan']);
    const markdown = await read('plan.md');
    expect(markdown).toContain('| `TODO_TABLE` | name of table `todos-prod` |');
    expect(markdown).toContain('removal policy retain');
    const third = await run(dir);
    expect(third.out).toContain('No change');
  });

  it('adds what is new in the code to an edited design', async () => {
    await run(dir);
    const design = await designOf();
    design.tables[0].removalPolicy = 'retain';
    await writeDesign(design);
    const model = todosModel();
    model.entities[0].fields.push({ name: 'listId', type: 'string' });
    model.operations.push({ op: 'relations', entity: 'Todo', store: 'app.js#todos', file: 'app.js', line: 70, handler: 'GET /lists/:id/todos', attributes: ['listId'] });
    expect((await run(dir, { model })).code).toBe(0);
    const next = await designOf();
    expect(next.tables[0].removalPolicy).toBe('retain');
    expect(next.tables[0].gsis.map((gsi) => gsi.name)).toEqual(['completed-createdAt-index', 'listId-index']);
  });

  it('refuses an edit that makes no sense, naming the key, and writes nothing', async () => {
    await run(dir);
    const design = await designOf();
    design.tables[0].gsis.push({ name: 'colour-index', partitionKey: { name: 'colour', type: 'string' }, projection: 'ALL' });
    await writeDesign(design);
    const planBefore = await read('plan.md');
    const { code, err } = await run(dir);
    expect(code).toBe(1);
    expect(err).toContain('tables[0].gsis[1].partitionKey.name: "colour" is not an attribute of entity Todo');
    expect(err).not.toMatch(/\n\s+at /); // no stack trace
    expect(await read('plan.md')).toBe(planBefore);
    expect((await designOf()).tables[0].gsis[1].name).toBe('colour-index');
  });

  it('reports a design file that is not JSON', async () => {
    await run(dir);
    await fs.writeFile(path.join(dir, '.migration', 'dynamodb.json'), '{ "version": 1, ');
    const { code, err } = await run(dir);
    expect(code).toBe(1);
    expect(err).toContain('.migration/dynamodb.json has 1 problem');
    expect(err).toContain('(file): not valid JSON');
  });

  it('exits 2 on usage errors', async () => {
    expect((await run(dir, { gsi: ['Todo'] })).code).toBe(2);
    expect((await run(dir, { gsi: ['Todo'] })).err).toContain('plan: --gsi Todo: expected Entity.attribute');
    expect((await run(dir, { idStrategy: 'random' })).code).toBe(2);
    expect((await run(dir, { tableName: ['Todo=x'] })).err).toContain('a DynamoDB table name is 3 to 255');
    expect((await run(path.join(dir, 'missing'))).code).toBe(2);
    await expect(fs.stat(path.join(dir, '.migration'))).rejects.toThrow();
  });

  it('--json prints the design; flags answer the questions in scripts', async () => {
    const { code, out } = await run(dir, { json: true, gsi: ['Todo.title:createdAt'], ttl: ['Todo.createdAt'], tableName: ['Todo=todos-dev'], idStrategy: 'uuid' });
    expect(code).toBe(0);
    const printed = JSON.parse(out) as TableDesign;
    expect(printed).toEqual(await designOf());
    expect(printed.tables).toHaveLength(1);
    expect(printed.tables[0]).toMatchObject({ name: 'todos-dev', ttlAttribute: 'ttl', partitionKey: { name: 'id', type: 'string' } });
    expect(printed.tables[0].gsis.map((gsi) => gsi.name)).toEqual(['completed-createdAt-index', 'title-createdAt-index']);
  });

  it('switching layout replaces the design and keeps the old one as a backup', async () => {
    await run(dir);
    const { code, out } = await run(dir, { singleTable: true });
    expect(code).toBe(0);
    expect(out).toContain('The layout changed from table-per-entity to single-table');
    expect((await designOf()).layout).toBe('single-table');
    expect(JSON.parse(await read('dynamodb.table-per-entity.json.bak')).layout).toBe('table-per-entity');
    expect((await run(dir)).out).toContain('No change'); // the layout of the file is kept
  });

  it('keeps other sections of an existing plan.md byte for byte, and verify can mark the step complete', async () => {
    await fs.mkdir(path.join(dir, '.migration'));
    const before = '# Migration plan\n\n## Step 0: backup\r\nDone.  \n\n';
    const after = '\n## Later\n\nnothing yet\n';
    await fs.writeFile(path.join(dir, '.migration', 'plan.md'), `${before}<!-- dynamodb-codemod:add-database:start -->\nold\n<!-- dynamodb-codemod:add-database:end -->${after}`);
    await run(dir);
    const markdown = await read('plan.md');
    expect(markdown.startsWith(`${before}<!-- dynamodb-codemod:add-database:start -->\n## Add a DynamoDB database`)).toBe(true);
    expect(markdown.endsWith(`<!-- dynamodb-codemod:add-database:end -->${after}`)).toBe(true);
    expect(await markAddDatabaseComplete(dir)).toBe(true);
    expect(getPlanSectionStatus(await read('plan.md'))).toBe('complete');
    expect((await run(dir)).out).toContain('No change');
    expect(getPlanSectionStatus(await read('plan.md'))).toBe('complete');
  });

  it('plan() returns the design and plan.md without writing', async () => {
    const result = await plan(dir, { model: notesModel() });
    expect(result.design.tables[0].name).toBe('Notes');
    expect(result.planMarkdown).toContain('## Add a DynamoDB database');
    await expect(fs.stat(path.join(dir, '.migration'))).rejects.toThrow();
  });
});

describe('runPlan on a real fixture (scan → plan)', () => {
  it('scans the app when no model is given, and a second run changes nothing', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'run-plan-fixture-'));
    try {
      await fs.cp(path.join(__dirname, '../../fixtures/express-todos-map'), dir, { recursive: true });
      const first = sink();
      expect(await runPlan({ dir, yes: true, stdout: first.stream, stderr: first.stream })).toBe(0);
      const design = JSON.parse(await fs.readFile(path.join(dir, '.migration/dynamodb.json'), 'utf8')) as TableDesign;
      expect(design.tables.length).toBeGreaterThan(0);
      expect(design.handlers.length).toBeGreaterThan(0);
      const second = sink();
      expect(await runPlan({ dir, yes: true, stdout: second.stream, stderr: second.stream })).toBe(0);
      expect(second.text()).toContain('No change');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
