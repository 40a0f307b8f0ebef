import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scan } from '../../../src/scan';
import { defaultRecognisers } from '../../../src/scan/recognisers';
import { scanCacheFile } from '../../../src/scan/scanCache';

const APP = `const express = require('express');
const app = express();
const notes = [{ id: '1', title: 'first' }];
app.get('/notes', (req, res) => res.json(notes));
app.post('/notes', (req, res) => { notes.push(req.body); res.status(201).json(req.body); });
app.listen(3000);
`;

describe('scan cache (re-runs of an unchanged project)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-cache-'));
    fs.writeFileSync(path.join(dir, 'server.js'), APP);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const phasesOf = async (options: { cache?: boolean } = { cache: true }) => {
    const phases: string[] = [];
    const model = await scan(dir, { ...options, onPhase: (phase) => phases.push(phase) });
    return { model, phases };
  };

  it('returns the stored model without analysing anything when no file changed', async () => {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    const first = await phasesOf();
    expect(first.phases.length).toBeGreaterThan(0);
    expect(fs.existsSync(scanCacheFile(dir)!)).toBe(true);
    const second = await phasesOf();
    expect(second.phases).toEqual([]);
    expect(JSON.stringify(second.model)).toBe(JSON.stringify(first.model));
    expect(first.model.operations.map((op) => op.op).sort()).toEqual(['create', 'list']);
  });

  it('scans again after one file changes, and the model shows the change', async () => {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    await phasesOf();
    fs.writeFileSync(path.join(dir, 'server.js'), APP.replace("app.post('/notes'", "app.delete('/notes/:id', (req, res) => { notes.splice(notes.findIndex((n) => n.id === req.params.id), 1); res.end(); });\napp.post('/notes'"));
    const again = await phasesOf();
    expect(again.phases.length).toBeGreaterThan(0);
    expect(again.model.handlers.map((h) => h.method)).toContain('DELETE');
  });

  it('scans again when a file is added', async () => {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    await phasesOf();
    fs.writeFileSync(path.join(dir, 'extra.js'), "const tags = [{ id: 't1', name: 'x' }];\nmodule.exports = { tags };\n");
    expect((await phasesOf()).phases.length).toBeGreaterThan(0);
  });

  it('writes nothing into a project without node_modules, and nothing when not asked or with custom recognisers', async () => {
    await phasesOf();
    expect(fs.readdirSync(dir)).toEqual(['server.js']);
    fs.mkdirSync(path.join(dir, 'node_modules'));
    await phasesOf({});
    await scan(dir, { cache: true, recognisers: defaultRecognisers() });
    expect(fs.readdirSync(path.join(dir, 'node_modules'))).toEqual([]);
  });

  it('is off with DYNAMODB_CODEMOD_CACHE=0', () => {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    expect(scanCacheFile(dir, { DYNAMODB_CODEMOD_CACHE: '0' })).toBeUndefined();
    expect(scanCacheFile(dir, {})).toBe(path.join(dir, 'node_modules', '.cache', 'dynamodb-codemod', 'scan-model.json'));
  });
});
