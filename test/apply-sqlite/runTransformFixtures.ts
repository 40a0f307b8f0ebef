/**
 * Runs a transform on `__fixtures__/<scenario>/<case>.input.js` the way `apply` does: the case is
 * copied alone into a temp project, scanned, planned (the real plan), and the transform gets the
 * session. The result (the input when nothing changed) is compared byte for byte with
 * `<case>.output.js`; the output run again with the same design must not change.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { API } from 'jscodeshift';
import type { Transform } from '../../src/apply/createTransform';
import { createSession } from '../../src/apply/session';
import { analyseProject } from '../../src/apply/analysis/analyseProject';
import { derivePlan } from '../../src/plan';
import type { TableDesign } from '../../src/model/table-design';

export interface FixtureCase {
  scenario: string;
  name: string;
  input: string;
  output: string;
  ext: string;
}

export function listFixtureCases(fixturesDir: string): FixtureCase[] {
  const cases: FixtureCase[] = [];
  for (const scenario of fs.readdirSync(fixturesDir).sort()) {
    const dir = path.join(fixturesDir, scenario);
    for (const file of fs.readdirSync(dir).sort()) {
      const match = /^(.*)\.input\.([cm]?[jt]s)$/.exec(file);
      if (!match) continue;
      cases.push({ scenario, name: match[1], ext: match[2], input: path.join(dir, file), output: path.join(dir, `${match[1]}.output.${match[2]}`) });
    }
  }
  return cases;
}

export interface TransformRun {
  text: string;
  changed: boolean;
  todos: { line: number; message: string }[];
  design: TableDesign;
}

export async function runTransformOn(transform: Transform, source: string, ext: string, design?: TableDesign): Promise<TransformRun> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlite-fixture-'));
  try {
    const file = path.join(root, `app.${ext}`);
    fs.writeFileSync(file, source);
    const planned = design ?? derivePlan((await analyseProject(root)).model);
    fs.mkdirSync(path.join(root, '.migration'));
    fs.writeFileSync(path.join(root, '.migration', 'dynamodb.json'), JSON.stringify(planned, null, 2));
    const session = await createSession(root);
    const output = await transform({ path: file, source }, {} as API, { session });
    const report = session.reports.get(`app.${ext}`);
    return { text: output ?? source, changed: output !== undefined, todos: report?.todos ?? [], design: planned };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
