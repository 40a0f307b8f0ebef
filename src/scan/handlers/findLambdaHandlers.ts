import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { routesOf } from '../infra/types';
import { unwrapTypeWrappers } from '../project/ValueResolver';
import type { FunctionRef, HandlerFinding, InfrastructureFinding, LambdaConstructFinding, ScanContext, SourceFile } from '../types';
import { safely } from '../infra/safely';
import { listExports, type ExportedValue } from './listExports';

const EVENT_PARAM = /^_?(event|evt)$/;
const TEST_FILE = /(^|\/)(__tests__|__mocks__|tests?)\/|\.(spec|test)\.[cm]?[jt]sx?$/;

/**
 * Lambda entry points: the exports the infrastructure names (`lambda/createNote.ts#handler`,
 * serverless `handler.create`, terraform `index.handler`), or — when no infrastructure names
 * them, or some functions' handler files could not be told — exported functions whose first
 * parameter is `event`/`evt` in other files that are not route modules, tests or infrastructure
 * code. A Lambda-lith that switches on `routeKey` is one handler.
 */
export function findLambdaHandlers(ctx: ScanContext, infra: InfrastructureFinding, routeFiles: Set<string>): HandlerFinding[] {
  const named = infra.constructs.filter((construct) => construct.handlerFile);
  if (named.length === 0) return handlersByShape(ctx, infra, routeFiles);
  const handlers = handlersNamedByInfrastructure(ctx, named);
  // Some functions' handler files could not be told (dynamic constructs): look for the rest by shape.
  if (named.length < infra.constructs.length) {
    const namedFiles = new Set(named.map((construct) => construct.handlerFile!));
    handlers.push(...handlersByShape(ctx, infra, routeFiles).filter((handler) => !namedFiles.has(handler.file)));
  }
  return handlers;
}

function handlersNamedByInfrastructure(ctx: ScanContext, constructs: LambdaConstructFinding[]): HandlerFinding[] {
  const groups = new Map<string, LambdaConstructFinding[]>();
  for (const construct of constructs) {
    const key = `${construct.handlerFile}#${construct.handlerExport ?? 'handler'}`;
    groups.set(key, [...(groups.get(key) ?? []), construct]);
  }
  const handlers: HandlerFinding[] = [];
  for (const group of groups.values()) {
    const found = safely(ctx, { file: group[0].file, line: group[0].line }, 'Lambda handler', () => handlerOfGroup(ctx, group));
    if (found) handlers.push(found);
  }
  return handlers;
}

/** The handler several constructs run (same file and export); its route when they are wired to exactly one. */
function handlerOfGroup(ctx: ScanContext, group: LambdaConstructFinding[]): HandlerFinding | undefined {
  const first = group[0];
  const file = ctx.project.getSource(first.handlerFile!);
  // A shard of a sharded scan that did not parse the handler's file: the shard that did reports it.
  if (!file && ctx.project.hasSource?.(first.handlerFile!)) return undefined;
  const exportName = first.handlerExport ?? 'handler';
  const exported = file ? listExports(file).find((e) => e.name === exportName) : undefined;
  if (!file || !exported) {
    ctx.diagnostics.add({
      severity: 'warning',
      code: 'unresolved-handler',
      file: first.file,
      line: first.line,
      message: `${first.name} runs ${first.handlerFile}#${exportName}, but that file has no export named ${exportName}`,
    });
    return undefined;
  }
  const finding = lambdaFinding(ctx, file, exported);
  const routes = group.flatMap((construct) => routesOf(construct));
  const distinct = new Set(routes.map((route) => `${route.method} ${route.path}`));
  if (distinct.size === 1 && routes[0].method !== 'ANY') {
    finding.method = routes[0].method;
    finding.path = routes[0].path;
  }
  if (!finding.fn) {
    ctx.diagnostics.add({
      severity: 'warning',
      code: 'unresolved-handler',
      file: file.rel,
      line: finding.line,
      message: `${file.rel}#${exportName} is not a function the scanner can follow (a wrapper it does not know?); data operations it performs are not tied to this Lambda`,
    });
  }
  return finding;
}

function handlersByShape(ctx: ScanContext, infra: InfrastructureFinding, routeFiles: Set<string>): HandlerFinding[] {
  const infraFiles = new Set(infra.files);
  const handlers: HandlerFinding[] = [];
  for (const file of ctx.project.sources) {
    if (routeFiles.has(file.rel) || infraFiles.has(file.rel) || TEST_FILE.test(file.rel) || file.rel.endsWith('.d.ts')) continue;
    if (!/\b_?(event|evt)\b/.test(file.text)) continue;
    for (const exported of listExports(file)) {
      const finding = lambdaFinding(ctx, file, exported);
      const first = finding.fn?.path.node.params[0];
      if (finding.fn && first && t.isIdentifier(first) && EVENT_PARAM.test(first.name)) handlers.push(finding);
    }
  }
  return handlers;
}

function lambdaFinding(ctx: ScanContext, file: SourceFile, exported: ExportedValue): HandlerFinding {
  const fn = lambdaFunctionOf(ctx, file, exported.value);
  const line = fn && fn.file === file ? ctx.project.lineOf(fn.path) : ctx.project.lineOf(exported.statement);
  const finding: HandlerFinding = { kind: 'lambda', exportName: exported.name, file: file.rel, line };
  if (fn) finding.fn = fn;
  return finding;
}

/** The function an export runs, through `middy(base).use(…)` chains, `.bind` and one wrapper call. */
function lambdaFunctionOf(ctx: ScanContext, file: SourceFile, value: NodePath): FunctionRef | undefined {
  let current = unwrapTypeWrappers(value);
  while (current.isCallExpression()) {
    const callee = current.get('callee');
    if (!callee.isMemberExpression() || !t.isCallExpression(callee.node.object)) break;
    if (t.isIdentifier(callee.node.property, { name: 'bind' })) break;
    current = callee.get('object') as NodePath;
  }
  try {
    return ctx.project.resolveFunction(file, current);
  } catch {
    return undefined;
  }
}
