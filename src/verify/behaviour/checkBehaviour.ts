/**
 * The behaviour check of `verify`: the original app (see prepareOriginal) and the migrated app run
 * side by side, the original on its own storage, the migrated one on an embedded dynalite whose
 * tables come from the design and whose data migrate-data loads from the original's sources. Both
 * get the same requests (fixture.json's, or derived from the routes), one at a time; the answers
 * are compared, and the DynamoDB calls of each migrated answer are counted and judged (assessCost).
 */
import type { AccessModel } from '../../model/access-model';
import type { TableDesign } from '../../model/table-design';
import { migrateData } from '../../migrate';
import { scan } from '../../scan';
import type { CheckResult } from '../checks';
import { replayOne, type ReplayResult } from '../replay/replayRequests';
import type { Vars } from '../replay/matchExpected';
import { startApp, type RunningApp } from '../replay/startApp';
import type { ReplayRequest, Runtime } from '../replay/types';
import { assessCost, describeDynamoCall } from './assessCost';
import { compareResponses, findVolatileIds, isSortedAnswer, listAliases } from './compareResponses';
import { describeStartFailure } from './describeStartFailure';
import { deriveRequests } from './deriveRequests';
import { findAppRuntime, readFixture, FIXTURE_FILE } from './findAppRuntime';
import { findHandlerForRequest } from './findHandlerForRequest';
import { findUnderivable } from './findUnderivable';
import { OriginalNotFound, prepareOriginal, type OriginalApp } from './prepareOriginal';
import { startLocalDynamo, type LocalDynamo } from './startLocalDynamo';

export interface BehaviourOptions {
  /** The original app: a git ref or a directory (default `.migration/original/`, else git HEAD). */
  original?: string;
  /** Per app; default 30 s (TypeScript apps start through tsx). */
  startTimeoutMs?: number;
  /** Called with the original's copy before it is removed (verify shows one updated handler from it). */
  withOriginal?: (dir: string, model: AccessModel) => void | Promise<void>;
}

export interface RequestReport {
  name: string;
  method: string;
  path: string;
  /** The handler of the access model that served it, when known. */
  handler?: string;
  original: { status: number };
  migrated: { status: number };
  differences: string[];
  /** DynamoDB calls of the migrated app for this request, e.g. `GetItem Notes`. */
  calls: string[];
  costProblems: string[];
  /** Not sent: a derived request needing a value neither app answered (see findUnderivable). */
  skipped?: string;
}

export interface BehaviourReport {
  /** Where the original came from: `git HEAD`, `.migration/original/`, `directory …`. */
  original: string;
  requestsFrom: 'fixture.json' | 'routes';
  requests: RequestReport[];
  /** Calls the migrated app made while starting, before any request. */
  startupCalls: string[];
  /** Calls of all requests per operation. */
  totals: Record<string, number>;
}

export interface BehaviourOutcome {
  checks: CheckResult[];
  report?: BehaviourReport;
}

const skip = (reason: string): BehaviourOutcome => ({
  checks: [
    { name: 'behaviour', status: 'skip', reason },
    { name: 'cost', status: 'skip', reason: 'needs the behaviour check' },
  ],
});

const fail = (reason: string, details?: string[]): BehaviourOutcome => ({
  checks: [
    { name: 'behaviour', status: 'fail', reason, ...(details?.length ? { details } : {}) },
    { name: 'cost', status: 'skip', reason: 'needs the behaviour check' },
  ],
});

/** The last lines of what an app printed, for a failure message. */
function tail(text: string, lines = 12): string[] {
  return text.trim().split('\n').filter(Boolean).slice(-lines);
}

/** The routes a request can match: the Lambda runner's routes, or the scan's HTTP handlers. */
function routeHandlers(runtime: Runtime, model: AccessModel): AccessModel['handlers'] {
  if (runtime.kind !== 'lambda') return model.handlers;
  return runtime.routes.map((route) => ({ id: route.handler, file: route.handler.split('#')[0], line: 0, kind: 'lambda' as const, method: route.method, path: route.path }));
}

function tableEnv(design: TableDesign): Record<string, string> {
  return Object.fromEntries(design.tables.map((table) => [table.envVar, table.name]));
}

export async function checkBehaviour(root: string, design: TableDesign, options: BehaviourOptions = {}): Promise<BehaviourOutcome> {
  let fixture;
  try {
    fixture = readFixture(root);
  } catch (error) {
    return fail((error as Error).message);
  }
  let original: OriginalApp;
  try {
    original = await prepareOriginal(root, options.original);
  } catch (error) {
    if (error instanceof OriginalNotFound) return skip(`no original app to compare with: ${error.message}`);
    return fail(`could not copy the original app: ${(error as Error).message}`);
  }
  let local: LocalDynamo | undefined;
  const apps: RunningApp[] = [];
  try {
    const model = await scan(original.dir);
    await options.withOriginal?.(original.dir, model);
    fixture ??= readFixture(original.dir);
    const runtime = findAppRuntime(original.dir, model, fixture);
    if (!runtime || runtime.kind === 'none') {
      return skip(`cannot tell how to start the app: add ${FIXTURE_FILE} with its runtime (fixtures/README.md), a package.json start script, or a server file that calls .listen(process.env.PORT)`);
    }
    const derived = fixture ? undefined : deriveRequests(model, design);
    const requests: ReplayRequest[] = fixture?.requests ?? derived!.requests;
    if (requests.length === 0) return skip(fixture ? `${FIXTURE_FILE} has no requests` : 'no create/read/list/update/delete routes found to derive requests from');

    local = await startLocalDynamo();
    const spec = { runtime, ...(fixture?.env ? { env: fixture.env } : {}) };
    const startTimeoutMs = options.startTimeoutMs ?? 30_000;
    const start = async (dir: string, which: string, env: Record<string, string>): Promise<RunningApp> => {
      try {
        const app = await startApp(dir, spec, env, { startTimeoutMs });
        apps.push(app);
        return app;
      } catch (error) {
        throw new AppStartError(which, (error as Error).message);
      }
    };
    // The original starts first: an app that creates its SQLite file (schema + seed rows) or its
    // JSON file when it starts has no data before that, and a deployed app's database already
    // holds it. migrate-data then copies what the original will answer the first request from.
    const originalApp = await start(original.dir, 'original', {});
    const loaded = await migrateData({ dir: original.dir, endpoint: local.endpoint, region: 'us-east-1', design, model, createTables: true, env: {} });
    if (!loaded.verified) {
      const problems = [...loaded.invalid.map((record) => `invalid record: ${JSON.stringify(record).slice(0, 200)}`), ...loaded.tables.filter((table) => !table.ok).map((table) => `${table.table}: ${table.verified}/${table.source} items verified`)];
      return fail('could not load the original data into dynalite with migrate-data', problems);
    }
    const migratedApp = await start(root, 'migrated', { ...tableEnv(design), DYNAMODB_ENDPOINT: local.countingEndpoint, AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
    const startupCalls = local.takeCalls().map(describeDynamoCall);

    const handlers = routeHandlers(runtime, model);
    const volatile = findVolatileIds(model, design);
    const originalVars: Vars = { ...(derived?.vars ?? {}) };
    const migratedVars: Vars = { ...(derived?.vars ?? {}) };
    const reports: RequestReport[] = [];
    const totals: Record<string, number> = {};
    for (const request of requests) {
      const underivable = derived ? findUnderivable(request, requests, originalVars, migratedVars) : undefined;
      if (underivable) {
        const skipped = { original: { status: 0 }, migrated: { status: 0 }, differences: [], calls: [], costProblems: [], skipped: underivable };
        reports.push({ name: request.name, method: request.method.toUpperCase(), path: request.path, ...skipped });
        continue;
      }
      const before: ReplayResult = await replayOne(originalApp, request, originalVars, { checkExpectations: false });
      local.takeCalls();
      const after: ReplayResult = await replayOne(migratedApp, request, migratedVars, { checkExpectations: false });
      const calls = local.takeCalls();
      const handler = findHandlerForRequest(handlers, request.method, after.path)?.id;
      const sortAttributes = model.operations.filter((operation) => operation.handler === handler && operation.op === 'sort').flatMap((operation) => operation.attributes ?? []);
      const ordered = Boolean(handler) && isSortedAnswer(before.body, sortAttributes);
      const cost = assessCost(calls, handler, model, design);
      for (const [operation, count] of Object.entries(cost.counts)) totals[operation] = (totals[operation] ?? 0) + count;
      reports.push({
        name: request.name,
        method: request.method.toUpperCase(),
        path: after.path,
        ...(handler ? { handler } : {}),
        original: { status: before.status },
        migrated: { status: after.status },
        differences: compareResponses(before, after, { volatile, ordered, aliases: listAliases(originalVars, migratedVars) }),
        calls: cost.calls,
        costProblems: cost.problems,
      });
    }
    const report: BehaviourReport = { original: original.source, requestsFrom: fixture ? 'fixture.json' : 'routes', requests: reports, startupCalls, totals };
    return { checks: [judgeBehaviour(report, volatile, migratedApp, loaded.notes), judgeCost(report)], report };
  } catch (error) {
    if (error instanceof AppStartError) return fail(describeStartFailure(error.which, error.message), tail(error.message, 20));
    return fail(`could not run the apps: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
    await local?.stop();
    await original.remove();
  }
}

class AppStartError extends Error {
  constructor(
    readonly which: string,
    message: string,
  ) {
    super(message);
  }
}

function label(request: RequestReport, index: number): string {
  return `${index + 1}. ${request.name} (${request.method} ${request.path})`;
}

function judgeBehaviour(report: BehaviourReport, volatile: string[], migrated: RunningApp, loadNotes: string[]): CheckResult {
  const differing = report.requests.map((request, index) => ({ request, index })).filter(({ request }) => request.differences.length > 0);
  const skipped = report.requests.map((request, index) => ({ request, index })).filter(({ request }) => request.skipped);
  const sent = report.requests.length - skipped.length;
  const source = `${sent} request(s) from ${report.requestsFrom === 'fixture.json' ? 'fixture.json' : 'the routes scan found'}, original from ${report.original}${skipped.length ? `; ${skipped.length} not sent` : ''}`;
  const skippedLines = skipped.map(({ request, index }) => `${label(request, index)}: ${request.skipped}`);
  if (differing.length === 0) {
    return { name: 'behaviour', status: 'pass', reason: `the migrated app answered ${source} as the original did${volatile.length ? ` (ids allowed to differ: ${volatile.join(', ')})` : ''}`, ...(skippedLines.length ? { details: skippedLines } : {}) };
  }
  const details = [...differing.flatMap(({ request, index }) => [label(request, index), ...request.differences.slice(0, 8).map((line) => `   ${line}`)]), ...skippedLines];
  // what migrate-data could not load (a data file missing, a source not found) explains most differences
  if (loadNotes.length) details.push('migrate-data, loading the original data:', ...loadNotes.map((note) => `   ${note}`));
  const stderr = tail(migrated.output().stderr);
  if (stderr.length) details.push('migrated app stderr (last lines):', ...stderr.map((line) => `   ${line}`));
  return { name: 'behaviour', status: 'fail', reason: `${differing.length} of ${sent} answer(s) differ from the original (${source})`, details };
}

function judgeCost(report: BehaviourReport): CheckResult {
  const details = report.requests.map((request, index) => {
    if (request.skipped) return `${label(request, index)}: not sent (${request.skipped})`;
    const calls = request.calls.length ? request.calls.join(' + ') : 'no DynamoDB call';
    return `${label(request, index)}${request.handler ? ` → ${request.handler}` : ''}: ${calls}${request.costProblems.map((problem) => `\n     PROBLEM ${problem}`).join('')}`;
  });
  if (report.startupCalls.length) details.unshift(`at start: ${report.startupCalls.join(' + ')}`);
  const problems = report.requests.reduce((sum, request) => sum + request.costProblems.length, 0);
  const total = Object.entries(report.totals).map(([operation, count]) => `${count} ${operation}`).join(', ') || 'none';
  return problems === 0
    ? { name: 'cost', status: 'pass', reason: `DynamoDB calls per request as the design plans them (total: ${total})`, details }
    : { name: 'cost', status: 'fail', reason: `${problems} request(s) cost more than the design plans (total: ${total})`, details };
}
