/**
 * Fixture-driven spec of the cdk-wire-table transform: every scenario under __fixtures__/ is a
 * small CDK app; each `<file>.input.ts` must become exactly `<file>.output.ts` (or stay unchanged
 * when there is none), a second run must change nothing, and the reports must be the expected ones.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../test/stack/helpers';
import { applyWireTransform, FIXTURES_DIR, listScenarios, prepareScenario, runScenario } from '../../test/stack/wireFixtures';

describe('cdk-wire-table fixtures', () => {
  const scenarios = listScenarios();

  it('covers the required shapes', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(8);
  });

  describe.each(scenarios)('%s', (name) => {
    const scenario = prepareScenario(name);
    const first = runScenario(scenario);

    it('rewrites each file to exactly its .output file, and leaves the others byte-identical', () => {
      for (const file of scenario.files) {
        const expected = scenario.expected.get(file);
        const run = first.get(file)!;
        if (expected === undefined) expect({ file, output: run.output }).toEqual({ file, output: undefined });
        else expect(`${file}:\n${run.output}`).toBe(`${file}:\n${expected}`);
      }
    });

    it('reports exactly what it could not wire', () => {
      const reportsFile = join(FIXTURES_DIR, name, 'expected-reports.json');
      const expected = existsSync(reportsFile) ? JSON.parse(readFileSync(reportsFile, 'utf8')) : [];
      expect([...first.values()].flatMap((run) => run.reports)).toEqual(expected);
    });

    it('changes nothing when run again on its own output', () => {
      const second = runScenario(scenario);
      for (const file of scenario.files) expect({ file, output: second.get(file)!.output }).toEqual({ file, output: undefined });
    });
  });
});

describe('cdk-wire-table options and bad input', () => {
  it('refuses to run without --design, with a message saying what to pass', () => {
    const scenario = prepareScenario('rest-api-asset-per-route');
    expect(() => applyWireTransform(join(scenario.dir, 'lib/notes-stack.ts'), {})).toThrow(/--design=<path to \.migration\/dynamodb\.json>/);
  });

  it('never writes a wildcard grant: a design asking for dynamodb:* stops the wiring with a report', () => {
    const scenario = prepareScenario('rest-api-asset-per-route');
    const design = JSON.parse(readFileSync(scenario.designPath, 'utf8'));
    design.handlers[0].actions = ['dynamodb:*'];
    writeFileSync(scenario.designPath, JSON.stringify(design));
    const run = applyWireTransform(join(scenario.dir, 'lib/notes-stack.ts'), { design: scenario.designPath });
    expect(run.output).toBeUndefined();
    expect(run.reports).toEqual([expect.stringMatching(/handlers\[0\] \(lambda\/listNotes\.js\): action "dynamodb:\*" is not a single DynamoDB action/)]);
  });

  it('runs under the real jscodeshift CLI with --design', () => {
    const scenario = prepareScenario('rest-api-function-per-route-loop');
    const cli = join(PROJECT_ROOT, 'node_modules/jscodeshift/bin/jscodeshift.js');
    const output = execFileSync(
      process.execPath,
      [cli, '-t', join(PROJECT_ROOT, 'transforms/cdk-wire-table/index.ts'), '--parser=tsx', '--extensions=ts', `--design=${scenario.designPath}`, '--run-in-band', join(scenario.dir, 'lib'), join(scenario.dir, 'bin')],
      { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
    );
    expect(output).toMatch(/2 ok/);
    for (const file of scenario.files) {
      expect(readFileSync(join(scenario.dir, file), 'utf8')).toBe(scenario.expected.get(file) ?? readFileSync(join(FIXTURES_DIR, 'rest-api-function-per-route-loop', file.replace(/\.ts$/, '.input.ts')), 'utf8'));
    }
  });
});
