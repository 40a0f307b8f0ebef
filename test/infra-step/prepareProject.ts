/** Copies a fixture under <repo>/.tmp (so node_modules resolves), scans it and plans with --yes. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runPlan } from '../../src/commands/plan';
import type { AccessModel } from '../../src/model/access-model';
import type { TableDesign } from '../../src/model/table-design';
import { scan } from '../../src/scan';

export const PROJECT_ROOT = join(__dirname, '..', '..');

const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });

export async function prepareProject(fixture: string): Promise<{ dir: string; model: AccessModel; design: TableDesign }> {
  const base = join(PROJECT_ROOT, '.tmp', 'infra-step');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, `${fixture}-`));
  cpSync(join(PROJECT_ROOT, 'fixtures', fixture), dir, { recursive: true });
  const model = await scan(dir);
  const code = await runPlan({ dir, yes: true, model, stdout: sink(), stderr: sink() });
  if (code !== 0) throw new Error(`plan --yes failed on ${fixture} with exit code ${code}`);
  const design = JSON.parse(readFileSync(join(dir, '.migration', 'dynamodb.json'), 'utf8')) as TableDesign;
  return { dir, model, design };
}
