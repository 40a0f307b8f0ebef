import * as fs from 'node:fs';
import * as path from 'node:path';
import { listFixtureCases, runTransformOn } from '../../test/apply-sqlite/runTransformFixtures';
import transform from './index';

const cases = listFixtureCases(path.join(__dirname, '__fixtures__'));

describe('sqlite-to-dynamodb fixtures', () => {
  it('has the required kinds of cases', () => {
    const names = cases.map((c) => c.name);
    for (const required of ['no-change', 'idempotent', 'formatting', 'unsupported']) expect(names).toContain(required);
  });

  for (const fixture of cases) {
    it(`${fixture.scenario}/${fixture.name}: output matches, and a second run changes nothing`, async () => {
      const input = fs.readFileSync(fixture.input, 'utf8');
      const first = await runTransformOn(transform, input, fixture.ext);
      if (process.env.UPDATE_FIXTURES) fs.writeFileSync(fixture.output, first.text);
      expect(first.text).toBe(fs.readFileSync(fixture.output, 'utf8'));
      const second = await runTransformOn(transform, first.text, fixture.ext, first.design);
      expect(second.text).toBe(first.text);
    });
  }
});
