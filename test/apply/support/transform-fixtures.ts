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
