/**
 * Test helpers for the cdk-wire-table fixtures. A scenario is a small CDK app under
 * transforms/cdk-wire-table/__fixtures__/<scenario>/ whose files to transform exist as
 * `<name>.input.ts` (+ `<name>.output.ts` when the transform must change them). It is copied under
 * <repo>/.tmp with the inputs renamed to `<name>.ts`, so imports between its files resolve and the
 * copy still finds the project's node_modules. Our own runner (not testUtils.applyTransform) keeps
 * `undefined` ("no change") distinct from '' and collects api.report messages.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import jscodeshift from 'jscodeshift';
import transformer from '../../transforms/cdk-wire-table';
import { PROJECT_ROOT } from './helpers';

export const FIXTURES_DIR = join(PROJECT_ROOT, 'transforms/cdk-wire-table/__fixtures__');

export interface TransformRun {
  output: string | undefined;
  reports: string[];
}

export function applyWireTransform(filePath: string, options: Record<string, unknown>, source = readFileSync(filePath, 'utf8')): TransformRun {
  const reports: string[] = [];
  const j = jscodeshift.withParser('tsx');
  const api = { jscodeshift: j, j, stats: () => undefined, report: (message: string) => reports.push(message) };
  const output = transformer({ path: filePath, source }, api as never, options as never);
  return { output: output ?? undefined, reports };
}

function walk(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = join(directory, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

export function listScenarios(): string[] {
  return readdirSync(FIXTURES_DIR).filter((name) => statSync(join(FIXTURES_DIR, name)).isDirectory()).sort();
}

export interface PreparedScenario {
  dir: string;
  /** Files to transform, relative to dir, in a fixed order. */
  files: string[];
  /** Expected text per file; undefined: the transform must leave the file unchanged. */
  expected: Map<string, string | undefined>;
  designPath: string;
}

export function prepareScenario(name: string): PreparedScenario {
  const base = join(PROJECT_ROOT, '.tmp', 'cdk-wire-table');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, `${name}-`));
  cpSync(join(FIXTURES_DIR, name), dir, { recursive: true });
  const expected = new Map<string, string | undefined>();
  for (const file of walk(dir)) {
    if (/\.output\.(ts|js)$/.test(file)) rmSync(file);
  }
  for (const file of walk(dir)) {
    const match = /^(.*)\.input\.(ts|js)$/.exec(file);
    if (!match) continue;
    const target = `${match[1]}.${match[2]}`;
    renameSync(file, target);
    const outputFixture = join(FIXTURES_DIR, name, relative(dir, `${match[1]}.output.${match[2]}`));
    expected.set(relative(dir, target), existsSync(outputFixture) ? readFileSync(outputFixture, 'utf8') : undefined);
  }
  return { dir, files: [...expected.keys()].sort(), expected, designPath: join(dir, '.migration', 'dynamodb.json') };
}

/** Runs the transform over every file like the jscodeshift CLI does (writing changed files). */
export function runScenario(scenario: PreparedScenario, extraOptions: Record<string, unknown> = {}): Map<string, TransformRun> {
  const runs = new Map<string, TransformRun>();
  const optionsFile = join(scenario.dir, 'options.json');
  if (existsSync(optionsFile)) {
    const options = JSON.parse(readFileSync(optionsFile, 'utf8')) as Record<string, unknown>;
    for (const key of ['databaseStack', 'accessModel']) {
      if (typeof options[key] === 'string') options[key] = join(scenario.dir, options[key] as string);
    }
    extraOptions = { ...options, ...extraOptions };
  }
  for (const file of scenario.files) {
    const run = applyWireTransform(join(scenario.dir, file), { design: scenario.designPath, ...extraOptions });
    if (run.output !== undefined) writeFileSync(join(scenario.dir, file), run.output);
    runs.set(file, run);
  }
  return runs;
}
