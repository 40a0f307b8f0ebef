import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { AccessModel } from '../model/access-model';
import { askPlanQuestions } from '../plan/ask-questions';
import { DESIGN_FILE, DERIVED_FILE, formatDesign, plan, PLAN_FILE, type PlanResult } from '../plan/plan';
import { DesignValidationError, PlanUsageError } from '../plan/plan-errors';
import { renderTableTree } from '../plan/render-table-tree';
import { writeFileIfChanged } from '../plan/write-file-atomic';
import { recordSources } from '../migrate/sourceManifest';

export interface RunPlanOptions {
  dir: string;
  /** Take the defaults, ask nothing. */
  yes?: boolean;
  /** `Entity.attr[:sortAttr]`, repeatable. */
  gsi?: string[];
  /** `Entity.attr`, repeatable. */
  ttl?: string[];
  /** `Entity=Name`, repeatable. */
  tableName?: string[];
  singleTable?: boolean;
  idStrategy?: string;
  /** Print the design as JSON on stdout instead of the summary (asks nothing). */
  json?: boolean;
  /** Use this access model instead of scanning `dir`. */
  model?: AccessModel;
  /** Answers come from here; given streams make the questions run without a TTY (tests, scripts). */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

/**
 * `dynamodb-codemod plan <dir>`: writes `.migration/dynamodb.json` and the add-database section of
 * `.migration/plan.md` (atomically, and only when they change). Exit code 0 ok, 1 invalid design
 * (each problem printed with its JSON path), 2 usage error (bad flag, missing directory).
 */
export async function runPlan(opts: RunPlanOptions): Promise<number> {
  const stdout = opts.stdout ?? process.stdout;
  const stderr = opts.stderr ?? process.stderr;
  const fail = (code: number, message: string) => {
    stderr.write(`plan: ${message}\n`);
    return code;
  };
  const dir = path.resolve(opts.dir);
  const stat = await fs.stat(dir).catch(() => undefined);
  if (!stat?.isDirectory()) return fail(2, `${opts.dir} is not a directory`);
  const input = opts.stdin ?? process.stdin;
  const interactive = !opts.yes && !opts.json && (opts.stdin !== undefined || !!process.stdin.isTTY);

  let result: PlanResult;
  try {
    result = await plan(dir, {
      gsi: opts.gsi,
      ttl: opts.ttl,
      tableName: opts.tableName,
      idStrategy: opts.idStrategy,
      singleTable: opts.singleTable,
      model: opts.model,
      ask: interactive ? (design, model) => askPlanQuestions(design, model, { input, output: stdout }) : undefined,
    });
  } catch (error) {
    if (error instanceof PlanUsageError) return fail(2, error.message);
    if (error instanceof DesignValidationError) return fail(1, `${error.message}\nFix ${error.file} (or delete it to start again from the code) and run plan again.`);
    return fail(1, error instanceof Error ? error.message : String(error));
  }

  const written: string[] = [];
  if (result.replacedLayout && result.previous) {
    const backup = path.join(dir, '.migration', `dynamodb.${result.replacedLayout}.json.bak`);
    if (await writeFileIfChanged(backup, formatDesign(result.previous))) written.push(path.relative(dir, backup));
  }
  if (await writeFileIfChanged(path.join(dir, DESIGN_FILE), formatDesign(result.design))) written.push(DESIGN_FILE);
  await writeFileIfChanged(path.join(dir, DERIVED_FILE), formatDesign(result.derived));
  // apply rewrites the code that shows where the data lives; remember it now for migrate-data
  await recordSources(dir, result.model).catch(() => undefined);
  if (await writeFileIfChanged(path.join(dir, PLAN_FILE), result.planMarkdown)) written.push(PLAN_FILE);

  if (opts.json) {
    stdout.write(formatDesign(result.design));
    return 0;
  }
  const lines = ['', renderTableTree(result.design), ''];
  if (result.replacedLayout) lines.push(`The layout changed from ${result.replacedLayout} to ${result.design.layout}: the previous design was not merged (kept as .migration/dynamodb.${result.replacedLayout}.json.bak).`);
  lines.push(written.length ? `Wrote ${written.join(', ')}.` : `No change: ${DESIGN_FILE} and ${PLAN_FILE} are up to date.`);
  const changes = result.design.apiChanges ?? [];
  if (changes.length) lines.push(`${changes.length} API change${changes.length === 1 ? '' : 's'}; see ${PLAN_FILE}.`);
  lines.push(`Review ${PLAN_FILE}, edit ${DESIGN_FILE} if you like, then run: dynamodb-codemod apply ${opts.dir}`, '');
  stdout.write(lines.join('\n'));
  return 0;
}
