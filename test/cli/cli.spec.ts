import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/scanProject';
import { makeRepoTempDir } from '../support/fixture-files';

/** Runs the CLI from source exactly as a user would (a separate process), with no TTY. */
function cli(args: string[], cwd = REPO_ROOT): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'bin/dynamodb-codemod.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dynamodb-codemod CLI', () => {
  it('lists every command in --help', () => {
    const { status, stdout } = cli(['--help']);
    expect(status).toBe(0);
    for (const command of ['scan <dir>', 'plan <dir>', 'apply <dir>', 'migrate-data <dir>', 'verify <dir>']) {
      expect(stdout).toContain(command);
    }
  });

  it('prints the package version', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(cli(['--version']).stdout.trim()).toBe(version);
  });

  it('shows the options of a command', () => {
    const { stdout } = cli(['plan', '--help']);
    for (const option of ['--yes', '--gsi', '--ttl', '--table-name', '--single-table']) expect(stdout).toContain(option);
  });

  it('rejects an unknown command with usage and exit 2, without a stack trace', () => {
    const { status, stderr } = cli(['frobnicate']);
    expect(status).toBe(2);
    expect(stderr).toContain('Unknown argument: frobnicate');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it.each(['scan', 'plan', 'apply', 'migrate-data', 'verify'])('%s without a directory: one usage message, exit 2, the command does not run', (command) => {
    const { status, stderr, stdout } = cli([command]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.match(/^dynamodb-codemod: /gm)).toHaveLength(1);
    expect(stderr).toContain('Not enough non-option arguments');
    expect(stderr).not.toContain('internal error');
  });

  it('reports a missing directory in one line with exit 2', () => {
    const { status, stderr, stdout } = cli(['scan', 'no/such/dir', '--json']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe('dynamodb-codemod scan: no/such/dir: no such directory');
  });

  it('prints only the access model on stdout with --json', () => {
    const { status, stdout } = cli(['scan', 'fixtures/express-notes-array', '--json']);
    expect(status).toBe(0);
    const model = JSON.parse(stdout);
    expect(model.version).toBe(1);
    expect(Object.keys(model)).toEqual(['version', 'stores', 'entities', 'operations', 'handlers', 'infrastructure', 'diagnostics']);
  });

  it('keeps scanning past a file that does not parse and names it with file:line', () => {
    const root = makeRepoTempDir('cli-bad-');
    fs.writeFileSync(path.join(root, 'broken.js'), 'const a = {\n  b: 1,\n  c: ;\n');
    fs.writeFileSync(path.join(root, 'ok.js'), 'const notes = [];\n');
    const json = cli(['scan', root, '--json']);
    expect(json.status).toBe(0);
    const model = JSON.parse(json.stdout);
    expect(model.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'error', code: 'parse-error', file: 'broken.js', line: 3 }),
    );
    const human = cli(['scan', root]);
    expect(human.stdout).toMatch(/broken\.js:3 {2}error {2}parse-error: cannot parse/);
    expect(cli(['scan', root, '--strict']).status).toBe(1);
  });
});

describe('sloppy code', () => {
  it('scans a file that declares the same let twice, with a warning at the line', () => {
    const root = makeRepoTempDir('cli-dup-');
    fs.writeFileSync(
      path.join(root, 'app.js'),
      "const express = require('express');\nconst app = express();\nlet todos = [];\nlet todos = [{ id: 1 }];\napp.get('/todos', (req, res) => res.json(todos));\napp.post('/todos', (req, res) => { todos.push(req.body); res.status(201).json(req.body); });\napp.listen(3000);\n",
    );
    const { status, stdout } = cli(['scan', root, '--json']);
    expect(status).toBe(0);
    const model = JSON.parse(stdout);
    expect(model.diagnostics).toContainEqual(expect.objectContaining({ code: 'parse-recovered', file: 'app.js', severity: 'warning' }));
    expect(model.handlers.map((h: { id: string }) => h.id)).toEqual(['GET /todos', 'POST /todos']);
    expect(model.operations).toContainEqual(expect.objectContaining({ op: 'list', handler: 'GET /todos' }));
  });
});
