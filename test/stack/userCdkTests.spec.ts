/**
 * Issue 6, item 2: a user's own CDK assertion tests (`test/*.test.ts` with aws-cdk-lib/assertions
 * Template) must still pass once their app is wired. For every cdk-wire-table scenario that has
 * such tests, the wired copy's tests run with a real jest (a child process, as `npx jest` would in
 * the user's project), and the ORIGINAL tests are run against the wired stacks to show the update
 * was needed (the stacks now require their tables as props).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDatabaseStack } from '../../src/stack/writeInfrastructureApp';
import { PROJECT_ROOT } from './helpers';
import { FIXTURES_DIR, listScenarios, prepareScenario, runScenario } from './wireFixtures';

const withUserTests = listScenarios().filter((name) => {
  const testDir = join(FIXTURES_DIR, name, 'test');
  return existsSync(testDir) && readdirSync(testDir).some((file) => /\.test\.input\.ts$/.test(file));
});

/** Runs jest in `dir` on its test/**\/*.test.ts files; returns exit code and the summary. */
function runUserJest(dir: string): { code: number | null; output: string } {
  const config = {
    rootDir: dir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: join(PROJECT_ROOT, 'tsconfig.json') }] },
  };
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/jest/bin/jest.js'), '--config', JSON.stringify(config), '--ci', '--runInBand'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', FORCE_COLOR: '0' },
    timeout: 240_000,
  });
  return { code: result.status, output: `${result.stdout}\n${result.stderr}` };
}

it('has scenarios with user CDK tests (RestApi + Code.fromAsset, HttpApi + NodejsFunction in split constructs)', () => {
  expect(withUserTests).toEqual(expect.arrayContaining(['http-api-split-constructs', 'rest-api-asset-per-route']));
});

describe.each(withUserTests)('%s: the user\'s own CDK tests after wiring', (name) => {
  jest.setTimeout(300_000);

  it('the wired tests pass under jest; the unchanged tests fail against the wired stacks', () => {
    const scenario = prepareScenario(name);
    runScenario(scenario);
    const design = JSON.parse(readFileSync(scenario.designPath, 'utf8'));
    const optionsFile = join(scenario.dir, 'options.json');
    const stackFile = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')).databaseStack : undefined;
    writeDatabaseStack(scenario.dir, design, { stackFile });
    const testFiles = scenario.files.filter((file) => /^test\/.*\.test\.ts$/.test(file));
    expect(testFiles.length).toBeGreaterThan(0);
    // The transform updated every user test that creates a stack needing tables.
    for (const file of testFiles) expect(readFileSync(join(scenario.dir, file), 'utf8')).toMatch(/new DatabaseStack\(/);

    const wired = runUserJest(scenario.dir);
    expect({ code: wired.code, output: wired.output }).toEqual({ code: 0, output: expect.stringMatching(/Tests:\s+\d+ passed, \d+ total/) });

    for (const file of testFiles) copyFileSync(join(FIXTURES_DIR, name, file.replace(/\.ts$/, '.input.ts')), join(scenario.dir, file));
    const original = runUserJest(scenario.dir);
    expect(original.code).toBe(1);
    expect(original.output).toMatch(/Cannot read properties of undefined \(reading '(\w+Table|tableName|tableArn)'\)/);
  });
});
