/**
 * `dynamodb-codemod apply` as a command: exit codes, the git working-tree guard, --dry output,
 * TODO markers and the summary. Apps are written into temporary directories.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { renderDiff, runApply } from '../../src/commands/apply';
import { createTransform } from '../../src/apply/createTransform';
import memoryTransform from '../../transforms/memory-to-dynamodb';

const design = {
  version: 1,
  tables: [{ name: 'Notes', envVar: 'NOTES_TABLE_NAME', entity: 'Note', partitionKey: { name: 'id', type: 'string' }, gsis: [], billing: 'PAY_PER_REQUEST', pointInTimeRecovery: true, removalPolicy: 'destroy' }],
  entities: { Note: { table: 'Notes', idStrategy: 'uuid', idAttribute: { name: 'id', type: 'string' } } },
  handlers: [],
};

const APP = `const express = require('express');
const { randomUUID } = require('crypto');

const app = express();
app.use(express.json());

const notes = [];

app.get('/notes/:id', (req, res) => {
  const note = notes.find((n) => n.id === req.params.id);
  if (!note) return res.status(404).json({ error: 'not found' });
  res.json(note);
});

app.post('/notes', (req, res) => {
  const note = { id: randomUUID(), title: req.body.title };
  notes.push(note);
  res.status(201).json(note);
});

module.exports = app;
`;

const UNSUPPORTED = APP.replace("module.exports = app;", "app.post('/notes/reverse', (req, res) => {\n  notes.reverse();\n  res.json({ ok: true });\n});\n\nmodule.exports = app;");

let dirs: string[] = [];

function makeApp(files: Record<string, string>, withDesign = true): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apply-command-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  if (withDesign) {
    fs.mkdirSync(path.join(dir, '.migration'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.migration', 'dynamodb.json'), JSON.stringify(design, null, 2));
  }
  return dir;
}

function capture(): { stream: Writable; text(): string } {
  let text = '';
  return { stream: new Writable({ write: (chunk, _e, done) => ((text += chunk.toString()), done()) }), text: () => text };
}

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, stdio: 'ignore' });
}

afterEach(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

describe('apply command', () => {
  it('exits 2 with a clear message when there is no design', async () => {
    const dir = makeApp({ 'app.js': APP, 'package.json': '{}' }, false);
    const err = capture();
    expect(await runApply({ dir, dry: true, stdout: capture().stream, stderr: err.stream })).toBe(2);
    expect(err.text()).toMatch(/no table design; run `dynamodb-codemod plan <dir>` first/);
  });

  it('exits 1 for a design that is not valid', async () => {
    const dir = makeApp({ 'app.js': APP });
    fs.writeFileSync(path.join(dir, '.migration', 'dynamodb.json'), '{ "version": 1, "tables": {} }');
    const err = capture();
    expect(await runApply({ dir, dry: true, stdout: capture().stream, stderr: err.stream })).toBe(1);
    expect(err.text()).toMatch(/"tables" must be an array/);
  });

  it('--dry prints diffs and a summary and writes nothing', async () => {
    const dir = makeApp({ 'app.js': APP, 'package.json': '{\n  "name": "notes"\n}\n' });
    const out = capture();
    const before = fs.readFileSync(path.join(dir, 'app.js'), 'utf8');
    expect(await runApply({ dir, dry: true, infrastructure: false, stdout: out.stream, stderr: capture().stream })).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'app.js'), 'utf8')).toBe(before);
    expect(fs.existsSync(path.join(dir, 'dynamodb.js'))).toBe(false);
    expect(out.text()).toContain('--- a/app.js');
    expect(out.text()).toContain('+    const { Item: note } = await db.send(new GetCommand({ TableName: NOTES_TABLE_NAME, Key: { id: req.params.id }, ConsistentRead: true }));');
    expect(out.text()).toContain('+++ b/dynamodb.js');
    expect(out.text()).toMatch(/Would change 3 files:\n {2}app\.js\n {2}new dynamodb\.js\n {2}package\.json\n2 operations rewritten to DynamoDB\.\n0 TODO markers left\./);
    expect(out.text()).not.toContain('\x1b['); // no colour when not a terminal
  });

  it('colours diffs for a terminal', () => {
    const coloured = renderDiff('a.js', 'x\n', 'y\n', true);
    expect(coloured).toContain('\x1b[31m-x');
    expect(coloured).toContain('\x1b[32m+y');
  });

  it('writes, adds the SDK to package.json, and exits 0; a second run changes nothing', async () => {
    const dir = makeApp({ 'app.js': APP, 'package.json': '{\n  "name": "notes",\n  "dependencies": {\n    "express": "^4.18.2"\n  }\n}\n' });
    const err = capture();
    expect(await runApply({ dir, infrastructure: false, stdout: capture().stream, stderr: err.stream })).toBe(0);
    expect(err.text()).toMatch(/not in a git repository/);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies)).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', 'express']);
    expect(fs.readFileSync(path.join(dir, 'dynamodb.js'), 'utf8')).toContain("const NOTES_TABLE_NAME = process.env.NOTES_TABLE_NAME || 'Notes';");
    const snapshot = fs.readFileSync(path.join(dir, 'app.js'), 'utf8');
    const out = capture();
    expect(await runApply({ dir, infrastructure: false, stdout: out.stream, stderr: capture().stream })).toBe(0);
    expect(out.text()).toContain('Changed 0 files.');
    expect(fs.readFileSync(path.join(dir, 'app.js'), 'utf8')).toBe(snapshot);
  });

  it('leaves one TODO marker per unsupported spot and exits 3', async () => {
    const dir = makeApp({ 'app.js': UNSUPPORTED, 'package.json': '{}' });
    const out = capture();
    expect(await runApply({ dir, stdout: out.stream, stderr: capture().stream })).toBe(3);
    const text = fs.readFileSync(path.join(dir, 'app.js'), 'utf8');
    expect(text.match(/dynamodb-codemod: TODO/g)).toHaveLength(1);
    expect(out.text()).toMatch(/1 TODO marker left .*\n {2}app\.js:\d+ reverse\(\) changes the Note collection/);
    // re-run: still one marker, still exit 3
    expect(await runApply({ dir, stdout: capture().stream, stderr: capture().stream })).toBe(3);
    expect(fs.readFileSync(path.join(dir, 'app.js'), 'utf8').match(/dynamodb-codemod: TODO/g)).toHaveLength(1);
  });

  it('refuses a dirty git working tree unless --force', async () => {
    const dir = makeApp({ 'app.js': APP, 'package.json': '{}' });
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'app');
    // a fresh plan (.migration/) does not count as a dirty tree
    fs.writeFileSync(path.join(dir, '.migration', 'plan.md'), '# plan\n');
    expect(await runApply({ dir, dry: false, stdout: capture().stream, stderr: capture().stream })).toBe(0);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'migrated');
    fs.appendFileSync(path.join(dir, 'app.js'), '\n// local edit\n');
    const err = capture();
    expect(await runApply({ dir, stdout: capture().stream, stderr: err.stream })).toBe(2);
    expect(err.text()).toMatch(/has uncommitted changes; commit them first .* or pass --force/);
    expect(await runApply({ dir, force: true, stdout: capture().stream, stderr: capture().stream })).toBe(0);
  });
});

describe('transform run alone (jscodeshift API)', () => {
  it('finds the design above the file, rewrites, and writes the shared client', async () => {
    const dir = makeApp({ 'app.js': APP, 'package.json': '{}' });
    const file = path.join(dir, 'app.js');
    const transform = createTransform(memoryTransform.definition);
    const output = await transform({ path: file, source: fs.readFileSync(file, 'utf8') }, {} as never, {});
    expect(output).toContain('await db.send(new PutCommand({ TableName: NOTES_TABLE_NAME, Item: note }));');
    expect(fs.existsSync(path.join(dir, 'dynamodb.js'))).toBe(true);
  });
});
