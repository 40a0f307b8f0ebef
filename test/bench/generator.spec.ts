import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import jscodeshift from 'jscodeshift';
import { generateCodebase } from '../../bench/generateCodebase';
import { scan } from '../../src/scan';

const readAll = (root: string, files: string[]) => files.map((rel) => `${rel}\n${fs.readFileSync(path.join(root, rel), 'utf8')}`).join('\n');

describe('generateCodebase', () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-gen-'));
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('writes the same bytes for the same seed, different ones for another seed', () => {
    const a = generateCodebase(path.join(base, 'a'), { handlers: 40, seed: 7 });
    const b = generateCodebase(path.join(base, 'b'), { handlers: 40, seed: 7 });
    const c = generateCodebase(path.join(base, 'c'), { handlers: 40, seed: 8 });
    expect(a.handlerFiles).toBe(40);
    expect(b.files).toEqual(a.files);
    expect(readAll(b.root, b.files)).toBe(readAll(a.root, a.files));
    expect(readAll(c.root, c.files)).not.toBe(readAll(a.root, a.files));
  });

  it('writes sources that parse with the tsx parser and handler files of route-file size', () => {
    const g = generateCodebase(path.join(base, 'parse'), { handlers: 150 });
    const j = jscodeshift.withParser('tsx');
    const sources = g.files.filter((rel) => /\.(js|ts)$/.test(rel));
    for (const rel of sources) expect(() => j(fs.readFileSync(path.join(g.root, rel), 'utf8'))).not.toThrow();
    const lines = g.files.filter((rel) => /\/(routes|handlers)\//.test(rel)).map((rel) => fs.readFileSync(path.join(g.root, rel), 'utf8').split('\n').length);
    expect(Math.min(...lines)).toBeGreaterThanOrEqual(25);
    expect(Math.max(...lines)).toBeLessThanOrEqual(130);
    expect(Object.values(g.kinds).every((n) => n > 0)).toBe(true); // groups hold at most 15 handlers: 150 reach all 8 kinds
  });

  it('is found by scan: stores of several kinds, no parse errors', async () => {
    const g = generateCodebase(path.join(base, 'scan'), { handlers: 60 });
    const model = await scan(g.root);
    expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(new Set(model.stores.map((s) => s.kind)).size).toBeGreaterThanOrEqual(4);
    expect(model.operations.length).toBeGreaterThan(60);
  }, 60000);
});
