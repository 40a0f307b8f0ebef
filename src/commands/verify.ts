/**
 * `dynamodb-codemod verify <dir> [--synth] [--json]`: type-check, cdk synth, least-privilege audit
 * of the synthesized IAM. Exit 0 when every check passes (add-database is then marked complete in
 * .migration/plan.md), 1 when any fails, 2 when verify cannot run (no directory, no design).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AccessModel } from '../model/access-model';
import type { TableDesign } from '../model/table-design';
import { markAddDatabaseComplete } from '../plan/plan-markdown';
import { scan } from '../scan';
import { formatCheck, type CheckResult } from '../verify/checks';
import { checkLeastPrivilege, checkSynth, checkTypes, findSynthDir } from '../verify/runChecks';

export interface RunVerifyOptions {
  dir: string;
  /** Only the cdk synth check. */
  synth?: boolean;
  /** Print one JSON result instead of text. */
  json?: boolean;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

export interface VerifyResult {
  ok: boolean;
  dir: string;
  checks: CheckResult[];
  /** Set when add-database was marked complete in .migration/plan.md. */
  markedComplete?: boolean;
}

function readDesign(root: string): TableDesign {
  const file = join(root, '.migration', 'dynamodb.json');
  if (!existsSync(file)) throw new Error(`${file} not found: run \`dynamodb-codemod plan ${root}\` and \`apply\` first`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as TableDesign;
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
}

export async function runVerify(options: RunVerifyOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const root = resolve(options.dir);
  const cannotRun = (message: string) => {
    if (options.json) stdout.write(`${JSON.stringify({ ok: false, dir: root, error: message, checks: [] })}\n`);
    else stderr.write(`verify: ${message}\n`);
    return 2;
  };
  if (!existsSync(root) || !statSync(root).isDirectory()) return cannotRun(`${options.dir} is not a directory`);
  let design: TableDesign;
  try {
    design = readDesign(root);
  } catch (error) {
    return cannotRun((error as Error).message);
  }
  let model: AccessModel | undefined;
  try {
    model = await scan(root);
  } catch (error) {
    // Without the scan the CDK app is still found at infrastructure/, and the audit maps by Handler.
    stderr.write(`verify: scan failed (${(error as Error).message}); continuing without construct links\n`);
  }
  const cdkDir = findSynthDir(root, model);
  const checks: CheckResult[] = [];
  const report = (check: CheckResult) => {
    checks.push(check);
    if (!options.json) stdout.write(`${formatCheck(check)}\n`);
  };
  if (!options.synth) (await checkTypes(root, cdkDir)).forEach(report);
  const { check: synthCheck, synth } = await checkSynth(root, cdkDir);
  report(synthCheck);
  if (!options.synth) report(checkLeastPrivilege(synth, design, model));

  const ok = checks.every((check) => check.status !== 'fail');
  const result: VerifyResult = { ok, dir: root, checks };
  // Only a full verify (not --synth alone) completes the add-database step.
  if (ok && !options.synth) result.markedComplete = await markAddDatabaseComplete(root);
  if (options.json) stdout.write(`${JSON.stringify(result)}\n`);
  else stdout.write(ok ? `verify: all checks passed${result.markedComplete ? '; add-database marked complete in .migration/plan.md' : ''}\n` : 'verify: some checks failed\n');
  return ok ? 0 : 1;
}
