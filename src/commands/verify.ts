/**
 * `dynamodb-codemod verify <dir> [--synth] [--json]`: type-check, the TODO markers apply left (each
 * one fails: that code still uses the old store), cdk synth, least-privilege audit
 * of the synthesized IAM, then the behaviour check (original app vs migrated app on dynalite, the
 * same requests, answers compared) and the cost report (DynamoDB calls per request). Exit 0 when
 * every check passes (add-database is then marked complete in .migration/plan.md once the behaviour
 * check has passed), 1 when any fails, 2 when verify cannot run (no directory, no design).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AccessModel } from '../model/access-model';
import type { TableDesign } from '../model/table-design';
import { markAddDatabaseComplete } from '../plan/plan-markdown';
import { EXIT } from '../cli/exitCodes';
import { scan } from '../scan';
import { checkBehaviour, type BehaviourReport } from '../verify/behaviour/checkBehaviour';
import { formatCheck, type CheckResult } from '../verify/checks';
import { describeMigration, formatMigrationSummary, type MigrationSummary } from '../verify/describeMigration';
import { checkLeastPrivilege, checkSynth, checkTypes, findSynthDir } from '../verify/runChecks';
import { checkTodoMarkers } from '../verify/checkTodoMarkers';

export interface RunVerifyOptions {
  dir: string;
  /** Only the cdk synth check. */
  synth?: boolean;
  /** Print one JSON result instead of text. */
  json?: boolean;
  /** false: leave out the behaviour check and cost report. Default true. */
  behaviour?: boolean;
  /** The original app for the behaviour check: a git ref or a directory (default .migration/original/, else HEAD). */
  original?: string;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

export interface VerifyResult {
  ok: boolean;
  dir: string;
  checks: CheckResult[];
  /** Set when add-database was marked complete in .migration/plan.md. */
  markedComplete?: boolean;
  /** The behaviour check's requests: answers of both apps, differences, DynamoDB calls. */
  behaviour?: BehaviourReport;
  /** On success: table definitions, one updated handler, IAM actions granted. */
  summary?: MigrationSummary;
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
    return EXIT.usage;
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
  if (!options.synth) report(checkTodoMarkers(root));
  const { check: synthCheck, synth } = await checkSynth(root, cdkDir);
  report(synthCheck);
  if (!options.synth) report(checkLeastPrivilege(synth, design, model));

  let behaviour: BehaviourReport | undefined;
  let originalDir: string | undefined;
  let summary: MigrationSummary | undefined;
  if (!options.synth && options.behaviour !== false) {
    if (!options.json) stdout.write('behaviour: starting the original and the migrated app on dynalite…\n');
    try {
      const outcome = await checkBehaviour(root, design, {
        ...(options.original !== undefined ? { original: options.original } : {}),
        // the diff of one handler needs the original's copy, which is removed after the check
        withOriginal: (dir) => {
          originalDir = dir;
          summary = describeMigration(root, design, dir);
        },
      });
      outcome.checks.forEach(report);
      behaviour = outcome.report;
    } catch (error) {
      report({ name: 'behaviour', status: 'fail', reason: `could not run: ${(error as Error).message.split('\n')[0]}` });
    }
  }

  const ok = checks.every((check) => check.status !== 'fail');
  const result: VerifyResult = { ok, dir: root, checks };
  // Only a full verify whose behaviour check ran and passed completes the add-database step.
  const behaviourPassed = checks.some((check) => check.name === 'behaviour' && check.status === 'pass');
  if (ok && !options.synth && behaviourPassed) result.markedComplete = await markAddDatabaseComplete(root);
  if (behaviour) result.behaviour = behaviour;
  if (ok && !options.synth) result.summary = summary ?? describeMigration(root, design, originalDir);
  if (options.json) {
    stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    if (result.summary) stdout.write(`${formatMigrationSummary(result.summary)}\n`);
    const notMarked = ok && !options.synth && !behaviourPassed ? '; add-database not marked complete: the behaviour check did not run' : '';
    stdout.write(ok ? `verify: all checks passed${result.markedComplete ? '; add-database marked complete in .migration/plan.md' : notMarked}\n` : 'verify: some checks failed\n');
  }
  return ok ? EXIT.ok : EXIT.problems;
}
