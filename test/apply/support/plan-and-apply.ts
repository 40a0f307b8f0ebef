/**
 * A small project written from a map of files into `<repo>/.tmp/`, planned with the defaults
 * (`plan --yes`) and run through `apply` without infrastructure: what a spec about one rewrite
 * across several files needs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { apply, type ApplyResult } from '../../../src/apply';
import { analyseProject } from '../../../src/apply/analysis/analyseProject';
import { derivePlan } from '../../../src/plan';
import { makeRepoTempDir } from '../../support/fixture-files';

/** Writes the files under a fresh temp directory, writes the default design, returns apply's result (nothing written yet). */
export async function planAndApply(prefix: string, files: Record<string, string>): Promise<{ dir: string; result: ApplyResult }> {
  const dir = makeRepoTempDir(prefix);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  const design = derivePlan((await analyseProject(dir)).model);
  fs.mkdirSync(path.join(dir, '.migration'));
  fs.writeFileSync(path.join(dir, '.migration', 'dynamodb.json'), JSON.stringify(design, null, 2));
  return { dir, result: await apply(dir, { infrastructure: false }) };
}
