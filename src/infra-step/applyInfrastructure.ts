/**
 * The infrastructure half of `apply`: makes the project's infrastructure create the planned tables
 * and give each function exactly the access its handler needs.
 *
 * - `cdk`: the DatabaseStack module next to the user's stacks, and the CDK app wired by the
 *   cdk-wire-table transform (environment variables, least-privilege grants, table props).
 * - `none` (plain servers): a complete minimal `infrastructure/` CDK app, plus the environment
 *   variables the server must set.
 * - `sst`, `terraform`, `serverless`: not wired; a diagnostic naming what to add by hand and
 *   `.migration/infrastructure-<kind>.md` with the definitions for that tool.
 *
 * Returns the file changes; writes them only when not `dry`. Idempotent: a second run returns none.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { AccessModel, DiagnosticRecord } from '../model/access-model';
import type { TableDesign } from '../model/table-design';
import { describeManualInfrastructure, type ManualInfrastructureKind } from '../stack/describeManualInfrastructure';
import { detectTableStyle } from '../stack/detectTableStyle';
import { generateDatabaseStack } from '../stack/generateDatabaseStack';
import { generateInfrastructureApp } from '../stack/generateInfrastructureApp';
import { formatTableEnvironment, listTableEnvironment, type TableEnvironmentVariable } from '../stack/listTableEnvironment';
import { writeFileAtomic } from '../stack/writeFileAtomic';
import { planFileChange, toProjectPath, type InfraFileChange, type PlannedFile } from './planFileChange';
import { renderManualGuide } from './renderManualGuide';
import { wireCdkApp } from './wireCdkApp';

export interface ApplyInfrastructureOptions {
  /** Compute the changes, write nothing. */
  dry?: boolean;
  /** Package name stem of a generated `infrastructure/` app (default: the project directory's name). */
  appName?: string;
}

export interface ApplyInfrastructureResult {
  kind: AccessModel['infrastructure']['kind'];
  /** The CDK app directory (absolute) when there is one to synthesize, generated or the user's. */
  cdkDir?: string;
  changes: InfraFileChange[];
  /** Variables a server (or a function not wired automatically) must set; value = deployed table name. */
  environment: TableEnvironmentVariable[];
  /** Human-readable lines to print after apply. */
  notes: string[];
  diagnostics: DiagnosticRecord[];
}

/** The CDK app directory: where the scan found cdk.json, else the directory of its first file. */
export function findCdkDir(root: string, model: AccessModel): string | undefined {
  const files = model.infrastructure.files ?? [];
  const config = files.find((file) => /(^|\/)cdk\.json$/.test(file));
  if (config) return resolve(root, dirname(config));
  for (const file of files) {
    let directory = dirname(resolve(root, file));
    while (directory.startsWith(root)) {
      if (existsSync(join(directory, 'cdk.json'))) return directory;
      if (directory === root) break;
      directory = dirname(directory);
    }
  }
  return undefined;
}

const diagnostic = (severity: DiagnosticRecord['severity'], code: string, file: string, message: string): DiagnosticRecord =>
  ({ severity, code, file, line: 0, message });

function collect(planned: PlannedFile, changes: InfraFileChange[], notes: string[]): void {
  if (planned.change) changes.push(planned.change);
  if (planned.kept) notes.push(planned.kept);
}

function planCdk(root: string, design: TableDesign, model: AccessModel, result: ApplyInfrastructureResult): void {
  const cdkDir = findCdkDir(root, model);
  if (!cdkDir) {
    const file = model.infrastructure.files[0] ?? '.';
    result.diagnostics.push(diagnostic('error', 'infra-cdk-app-not-found', file,
      `${file}: the scan found CDK code but no cdk.json; add cdk.json to the CDK app (or pass the app directory) and re-run apply.`));
    return;
  }
  result.cdkDir = cdkDir;
  const stackFile = join(cdkDir, 'lib', 'database-stack.ts');
  const stack = planFileChange(root, stackFile, generateDatabaseStack(design, { tableStyle: detectTableStyle(cdkDir) }), true);
  collect(stack, result.changes, result.notes);
  const wired = wireCdkApp(root, cdkDir, design, model, { databaseStackFile: stackFile });
  result.changes.push(...wired.changes);
  for (const report of wired.reports) {
    const match = /^(.+?):(\d+): (.*)$/.exec(report);
    result.diagnostics.push(match
      ? { severity: 'warning', code: 'infra-cdk-wiring', file: toProjectPath(root, resolve(match[1])), line: Number(match[2]), message: match[3] }
      : diagnostic('warning', 'infra-cdk-wiring', toProjectPath(root, cdkDir), report));
  }
  for (const failure of wired.failures) {
    result.diagnostics.push(diagnostic('error', 'infra-cdk-wiring-failed', failure.slice(0, failure.indexOf(':')), `cdk-wire-table failed on ${failure}`));
  }
  result.notes.push(`CDK app ${toProjectPath(root, cdkDir) || '.'}: DatabaseStack in ${toProjectPath(root, stackFile)}; ${wired.changes.length} file(s) wired.`);
}

function planStandaloneApp(root: string, design: TableDesign, options: ApplyInfrastructureOptions, result: ApplyInfrastructureResult): void {
  const infraDir = join(root, 'infrastructure');
  result.cdkDir = infraDir;
  const appName = options.appName ?? root.split(/[\\/]/).filter(Boolean).pop() ?? 'app';
  for (const [relativePath, file] of Object.entries(generateInfrastructureApp(design, { appName }))) {
    collect(planFileChange(root, join(infraDir, relativePath), file.content, file.regenerable), result.changes, result.notes);
  }
  result.notes.push(
    'infrastructure/ is a CDK app that creates the tables (cd infrastructure && npx cdk deploy). The server must set:',
    ...formatTableEnvironment(result.environment).map((line) => `  ${line}`),
  );
}

function planManual(root: string, kind: ManualInfrastructureKind, design: TableDesign, model: AccessModel, result: ApplyInfrastructureResult): void {
  const guide = describeManualInfrastructure(kind, design);
  const guidePath = join(root, '.migration', `infrastructure-${kind}.md`);
  // .migration/ belongs to this tool: the guide always follows the current design.
  const content = renderManualGuide(guide);
  const before = existsSync(guidePath) ? readFileSync(guidePath, 'utf8') : undefined;
  if (before !== content) result.changes.push({ path: toProjectPath(root, guidePath), before, after: content });
  const file = model.infrastructure.files[0] ?? '.';
  result.diagnostics.push(diagnostic('warning', 'infra-manual', file, `${guide.message} See ${toProjectPath(root, guidePath)}.`));
  result.notes.push(`${guide.message}`, `The definitions to add are in ${toProjectPath(root, guidePath)}.`);
}

export async function applyInfrastructure(
  root: string,
  design: TableDesign,
  model: AccessModel,
  options: ApplyInfrastructureOptions = {},
): Promise<ApplyInfrastructureResult> {
  const projectRoot = resolve(root);
  const kind = model.infrastructure?.kind ?? 'none';
  const result: ApplyInfrastructureResult = { kind, changes: [], environment: listTableEnvironment(design), notes: [], diagnostics: [] };
  if (design.tables.length === 0) {
    result.notes.push('The design has no tables; no infrastructure to write.');
    return result;
  }
  try {
    if (kind === 'cdk') planCdk(projectRoot, design, model, result);
    else if (kind === 'none') planStandaloneApp(projectRoot, design, options, result);
    else planManual(projectRoot, kind, design, model, result);
  } catch (error) {
    // Generators validate the design and throw readable messages; surface them, not a stack.
    result.diagnostics.push(diagnostic('error', 'infra-generation-failed', '.migration/dynamodb.json', (error as Error).message));
    return { ...result, changes: [] };
  }
  result.changes.sort((a, b) => a.path.localeCompare(b.path));
  if (!options.dry) {
    for (const change of result.changes) writeFileAtomic(join(projectRoot, change.path), change.after);
  }
  return result;
}
