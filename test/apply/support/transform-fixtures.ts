/**
 * The fixture runner for apply's transforms (our own: jscodeshift's testUtils returns '' for an
 * unchanged file and has no report). Layout:
 *
 *   transforms/<name>/__fixtures__/<scenario>/
 *     design.json             the table design (contract 2)
 *     model.json              { "stores": [...], "operations"?: [...] } — `{file}` stands for the case's file
 *     data/…                  extra project files (JSON data files), optional
 *     <case>.input.(js|ts)    the file before
 *     <case>.output.(js|ts)   the file after; absent means "nothing changes"
 *     <case>.seeds.json       optional: the seed data the run must hand to migrate-data
 *
 * Each case is compared as exact text, then fed back in: the second run must change nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AccessModel } from '../../../src/model/access-model';
import type { TableDesign } from '../../../src/model/table-design';
import { analyseSources, buildApplyAnalysis } from '../../../src/apply/analysis/buildApplyAnalysis';
import type { TransformDefinition } from '../../../src/apply/createTransform';
import type { RewriteReport } from '../../../src/apply/rewrite/FileRewrite';
import { rewriteFile } from '../../../src/apply/rewrite/rewriteFile';

export interface TransformCase {
  scenario: string;
  name: string;
  ext: string;
  input: string;
  expected: string | undefined;
  /** Expected report.seeds (`{file}` stands for the case's file), when `<case>.seeds.json` exists. */
  expectedSeeds?: unknown;
  dir: string;
}

export function listTransformCases(transformDir: string): TransformCase[] {
  const root = path.join(transformDir, '__fixtures__');
  const cases: TransformCase[] = [];
  for (const scenario of fs.readdirSync(root).sort()) {
    const dir = path.join(root, scenario);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).sort()) {
      const match = /^(.*)\.input\.(js|mjs|cjs|ts|tsx)$/.exec(file);
      if (!match) continue;
      const outputFile = path.join(dir, `${match[1]}.output.${match[2]}`);
      const seedsFile = path.join(dir, `${match[1]}.seeds.json`);
      cases.push({
        scenario,
        name: match[1],
        ext: match[2],
        input: fs.readFileSync(path.join(dir, file), 'utf8'),
        expected: fs.existsSync(outputFile) ? fs.readFileSync(outputFile, 'utf8') : undefined,
        ...(fs.existsSync(seedsFile) ? { expectedSeeds: JSON.parse(fs.readFileSync(seedsFile, 'utf8').split('{file}').join(`app.${match[2]}`)) } : {}),
        dir,
      });
    }
  }
  return cases;
}

export interface CaseRun {
  output?: string;
  report: RewriteReport;
}

/** Runs the transform's steps on one case as file `app.<ext>` of a small virtual project. */
export function runTransformCase(definition: Pick<TransformDefinition, 'origins' | 'steps'>, testCase: TransformCase, source = testCase.input): CaseRun {
  const rel = `app.${testCase.ext}`;
  const design: TableDesign = JSON.parse(fs.readFileSync(path.join(testCase.dir, 'design.json'), 'utf8'));
  const modelText = fs.readFileSync(path.join(testCase.dir, 'model.json'), 'utf8').split('{file}').join(rel);
  const partial = JSON.parse(modelText) as Partial<AccessModel>;
  const model: AccessModel = { version: 1, stores: [], entities: [], operations: [], handlers: [], infrastructure: { kind: 'none', files: [] }, diagnostics: [], ...partial };
  const files: Record<string, string> = { [rel]: source, ...readExtraFiles(testCase.dir) };
  const root = path.join('/virtual', testCase.scenario);
  const analysis = buildApplyAnalysis(analyseSources(root, files, model), design);
  return rewriteFile(rel, source, analysis, definition.origins, definition.steps);
}

function readExtraFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const data = path.join(dir, 'data');
  if (!fs.existsSync(data)) return files;
  for (const file of fs.readdirSync(data)) files[`data/${file}`] = fs.readFileSync(path.join(data, file), 'utf8');
  return files;
}

/** Writes the actual output next to the case when UPDATE_TRANSFORM_FIXTURES=1 (review the diff before committing). */
export function maybeUpdate(testCase: TransformCase, actual: string | undefined): void {
  if (process.env.UPDATE_TRANSFORM_FIXTURES !== '1') return;
  const file = path.join(testCase.dir, `${testCase.name}.output.${testCase.ext}`);
  if (actual === undefined) fs.rmSync(file, { force: true });
  else fs.writeFileSync(file, actual);
}

/**
 * The whole spec of a memory/JSON transform on its __fixtures__: the required kinds of cases
 * exist, CRLF files stay CRLF, and every case gives its exact output, its seeds, and nothing new
 * on a second run (TODO markers counted, never duplicated).
 */
export function describeTransformFixtures(name: string, transformDir: string, definition: Pick<TransformDefinition, 'origins' | 'steps'>): void {
  const cases = listTransformCases(transformDir);

  describe(`${name} fixtures`, () => {
    it('has the required kinds of cases', () => {
      const names = cases.map((testCase) => `${testCase.scenario}/${testCase.name}`);
      expect(names.some((caseName) => /no-change/.test(caseName))).toBe(true);
      expect(names.some((caseName) => /formatting/.test(caseName))).toBe(true);
      expect(names.some((caseName) => /unsupported/.test(caseName))).toBe(true);
      // already-migrated code in, nothing out
      expect(cases.some((testCase) => /idempotent/.test(testCase.name) && testCase.expected === undefined)).toBe(true);
      // a tab-indented file: every operation still found (recast expands leading tabs before parsing)
      expect(cases.some((testCase) => /formatting/.test(testCase.name) && /^\t+\S/m.test(testCase.input))).toBe(true);
    });

    it('keeps CRLF line ends and rewrites the same operations in a CRLF file', () => {
      const tabs = cases.find((testCase) => testCase.name === 'formatting-tabs')!;
      const lf = runTransformCase(definition, tabs);
      const crlf = runTransformCase(definition, tabs, tabs.input.replace(/\n/g, '\r\n'));
      expect(crlf.report.rewritten).toBe(lf.report.rewritten);
      expect(crlf.report.rewritten).toBeGreaterThan(0);
      expect(crlf.output).toBe(lf.output!.replace(/\n/g, '\r\n'));
    });

    it.each(cases.map((testCase) => [`${testCase.scenario}/${testCase.name}`, testCase] as const))('%s', (_name, testCase) => {
      const first = runTransformCase(definition, testCase);
      maybeUpdate(testCase, first.output);
      expect(first.output).toBe(testCase.expected);
      if (testCase.expectedSeeds !== undefined) expect(first.report.seeds).toEqual(testCase.expectedSeeds);
      const migrated = first.output ?? testCase.input;
      const second = runTransformCase(definition, testCase, migrated);
      expect(second.output ?? migrated).toBe(migrated);
      if (/unsupported/.test(testCase.name) || /unsupported/.test(testCase.scenario)) {
        expect(first.report.todos.length).toBeGreaterThan(0);
        expect(migrated.match(/dynamodb-codemod: TODO/g)?.length).toBe(first.report.todos.length);
      } else {
        expect(first.report.todos).toEqual([]);
      }
    });
  });
}
