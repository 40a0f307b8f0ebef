import * as fs from 'node:fs';
import * as path from 'node:path';
import { plan } from '../../src/plan';
import { REPO_ROOT } from '../support/scanProject';

/**
 * Every fixture app's derived design (`plan --yes`, nothing written) equals its reviewed
 * `expected-design.json`. To regenerate after a deliberate change:
 * UPDATE_EXPECTED=1 npx jest test/plan/fixtures-design.spec.ts, then review every diff.
 */
const FIXTURES_DIR = path.join(REPO_ROOT, 'fixtures');
const fixtures = fs
  .readdirSync(FIXTURES_DIR)
  .filter((name) => fs.existsSync(path.join(FIXTURES_DIR, name, 'fixture.json')))
  .sort();

describe.each(fixtures)('plan of fixtures/%s', (name) => {
  it('equals expected-design.json', async () => {
    const dir = path.join(FIXTURES_DIR, name);
    const { design } = await plan(dir);
    const expectedFile = path.join(dir, 'expected-design.json');
    const actual = `${JSON.stringify(design, null, 2)}\n`;
    if (process.env.UPDATE_EXPECTED === '1') fs.writeFileSync(expectedFile, actual);
    expect(fs.existsSync(expectedFile)).toBe(true);
    expect(JSON.parse(actual)).toEqual(JSON.parse(fs.readFileSync(expectedFile, 'utf8')));
    // Least privilege at the design level: no handler is granted a wildcard.
    for (const handler of design.handlers) expect(handler.actions.filter((a) => a.includes('*'))).toEqual([]);
  });
});
