import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, scanFixture } from '../support/scanProject';

/**
 * Every fixture app's scan equals its reviewed `expected-scan.json`, and covers the store kinds and
 * operations its fixture.json says (by hand) the app exercises.
 * To regenerate after a deliberate change: UPDATE_EXPECTED=1 npx jest test/scan/fixtures.spec.ts,
 * then review the diff of every expected-scan.json before committing.
 */
const FIXTURES_DIR = path.join(REPO_ROOT, 'fixtures');
const fixtures = fs
  .readdirSync(FIXTURES_DIR)
  .filter((name) => fs.existsSync(path.join(FIXTURES_DIR, name, 'fixture.json')))
  .sort();

describe.each(fixtures)('scan of fixtures/%s', (name) => {
  const dir = path.join(FIXTURES_DIR, name);
  const fixture = JSON.parse(fs.readFileSync(path.join(dir, 'fixture.json'), 'utf8'));

  it('finds every store kind and operation the app exercises', async () => {
    const model = await scanFixture(name);
    const kinds = new Set(model.stores.map((s) => s.kind));
    const ops = new Set(model.operations.map((o) => o.op));
    const missingKinds = (fixture.exercises?.stores ?? []).filter((k: string) => !kinds.has(k as never));
    const missingOps = (fixture.exercises?.operations ?? []).filter((o: string) => !ops.has(o as never));
    expect({ missingKinds, missingOps }).toEqual({ missingKinds: [], missingOps: [] });
  });

  it('equals expected-scan.json', async () => {
    const model = await scanFixture(name);
    const expectedFile = path.join(dir, 'expected-scan.json');
    const actual = `${JSON.stringify(model, null, 2)}\n`;
    if (process.env.UPDATE_EXPECTED === '1') fs.writeFileSync(expectedFile, actual);
    expect(fs.existsSync(expectedFile)).toBe(true);
    expect(JSON.parse(actual)).toEqual(JSON.parse(fs.readFileSync(expectedFile, 'utf8')));
  });
});
