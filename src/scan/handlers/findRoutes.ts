import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { asString, memberNameOf, type StaticEvaluator, type StaticValue } from '../infra/static/evaluateStatic';
import type { CallSiteIndex } from '../infra/static/callSites';
import { unwrapTypeWrappers } from '../project/ValueResolver';
import type { FunctionRef, HandlerFinding, ScanContext, SourceFile } from '../types';
import { joinRoutePath } from './joinRoutePath';
import { RouterGraph, type RouterKind, type RouterRef } from './routerGraph';
import { safely } from '../infra/safely';
import { walkPaths } from '../walkPaths';

const VERBS: Record<string, string> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  del: 'DELETE',
  all: 'ALL',
  options: 'OPTIONS',
  head: 'HEAD',
};

/** A route declaration before prefixes are known. */
interface RouteCall {
  file: SourceFile;
  line: number;
  router: RouterRef | undefined;
  methods: string[];
  paths: string[];
  handler: NodePath | undefined;
  /** Accepted on shape alone (`x.get('/literal', fn)` on an object of unknown origin). */
  byShape: boolean;
}

export interface RouteScan {
  handlers: HandlerFinding[];
  /** Files that declare routes or create routers/apps (not Lambda handler candidates). */
  routeFiles: Set<string>;
}

/**
 * Express and Fastify routes with their full paths: `app.get(path, …mw, handler)` on apps and
 * routers, `app.route('/x').get(h).post(h)`, `fastify.route({ method, url, handler })`,
 * routers mounted with `app.use('/api', router)` and plugins registered with
 * `fastify.register(plugin, { prefix })` across modules. Each handler's function is resolved
 * through the project index (controller modules, class methods, `asyncHandler(fn)` wrappers).
 */
export function findRoutes(ctx: ScanContext, evaluator: StaticEvaluator, sites: CallSiteIndex): RouteScan {
  const graph = new RouterGraph(ctx.project, sites);
  const calls: RouteCall[] = [];
  const routeFiles = new Set<string>();
  const routers: RouterRef[] = [];

  // Mounts first (app.use / register), so routes see every prefix and plugin parameter.
  const pending: { file: SourceFile; call: NodePath<t.CallExpression>; name: string }[] = [];
  for (const file of ctx.project.sources) {
    walkPaths(file.program, {
      CallExpression(callPath) {
        const callee = callPath.node.callee;
        if (!t.isMemberExpression(callee) && !t.isOptionalMemberExpression(callee)) return;
        const name = memberNameOf(callee);
        if (name === 'use' || name === 'register' || name === 'route' || (name && VERBS[name])) pending.push({ file, call: callPath, name });
      },
    });
  }
  const at = (file: SourceFile, call: NodePath) => ({ file: file.rel, line: ctx.project.lineOf(call) });
  for (const { file, call, name } of pending) {
    const object = (call.get('callee') as NodePath<t.MemberExpression>).get('object');
    const args = call.get('arguments') as NodePath[];
    safely(ctx, at(file, call), `${name}() call`, () => {
      if (name === 'use') collectUse(graph, evaluator, file, object, args);
      else if (name === 'register') collectRegister(ctx, graph, evaluator, file, object, args);
    });
  }
  for (const { file, call, name } of pending) {
    const object = (call.get('callee') as NodePath<t.MemberExpression>).get('object');
    const args = call.get('arguments') as NodePath[];
    safely(ctx, at(file, call), 'route', () => {
      if (name === 'route' && args.length === 1 && unwrapTypeWrappers(args[0]).isObjectExpression()) {
        const router = graph.routerOf(file, object);
        if (router !== null) calls.push(fastifyRouteObject(ctx, evaluator, file, call, router, args[0]));
      } else if (VERBS[name]) {
        const found = verbCall(ctx, graph, evaluator, file, call, object, VERBS[name], args);
        if (found) calls.push(found);
      }
    });
  }

  const handlers: HandlerFinding[] = [];
  for (const call of calls) {
    if (call.router) routers.push(call.router);
    routeFiles.add(call.file.rel);
    handlers.push(...(safely(ctx, { file: call.file.rel, line: call.line }, 'route', () => handlersOf(ctx, graph, call)) ?? []));
  }
  reportUnmounted(ctx, graph, routers);
  return { handlers, routeFiles };
}

/** One finding per full path (prefix × path) and method of a route declaration. */
function handlersOf(ctx: ScanContext, graph: RouterGraph, call: RouteCall): HandlerFinding[] {
  const kind: RouterKind = (call.router && graph.kindOf(call.router)) ?? (importsFastify(call.file) ? 'fastify' : 'express');
  const fn = call.handler ? resolveHandlerFunction(ctx, call.file, call.handler) : undefined;
  // On shape alone, the handler must look like one (`(req, res)`, `(request)`): `$.get('/api', (data) => …)` in browser code does not.
  if (call.byShape && (!fn || !looksLikeRouteHandler(fn))) return [];
  const handlers: HandlerFinding[] = [];
  for (const prefix of call.router ? graph.prefixesOf(call.router.key) : ['']) {
    for (const routePath of call.paths) {
      for (const method of call.methods) {
        const finding: HandlerFinding = { kind, method, path: joinRoutePath(prefix, routePath), file: call.file.rel, line: call.line };
        if (fn) finding.fn = fn;
        handlers.push(finding);
      }
    }
  }
  if (!fn) {
    const what = call.handler ? ` \`${snippet(call.file, call.handler)}\`` : '';
    ctx.diagnostics.add({
      severity: 'warning',
      code: 'unresolved-handler',
      file: call.file.rel,
      line: call.line,
      message: `${call.methods.join('/')} ${call.paths.join(', ')}: the handler${what} is not a function the scanner can find; data operations it performs are not tied to this route`,
    });
  }
  return handlers;
}

function verbCall(
  ctx: ScanContext,
  graph: RouterGraph,
  evaluator: StaticEvaluator,
  file: SourceFile,
  callPath: NodePath<t.CallExpression>,
  object: NodePath,
  method: string,
  args: NodePath[],
): RouteCall | undefined {
  const line = ctx.project.lineOf((callPath.get('callee') as NodePath<t.MemberExpression>).get('property'));
  // app.route('/x').get(h).post(h)
  const chainBase = routeChainBase(object);
  if (chainBase) {
    const router = graph.routerOf(file, chainBase.receiver);
    if (router === null || args.length === 0) return undefined;
    const paths = pathsOf(evaluator, file, chainBase.pathArg);
    const proven = Boolean(router && graph.isProven(router));
    if (!paths || (!proven && !paths.every((p) => p.startsWith('/')))) return undefined;
    return { file, line, router: router ?? undefined, methods: [method], paths, handler: lastHandler(args, 1), byShape: !proven };
  }
  if (args.length < 2) return undefined;
  const router = graph.routerOf(file, object);
  if (router === null) return undefined;
  const proven = Boolean(router && graph.isProven(router));
  if (!proven && !literalSlashPath(args[0])) return undefined;
  const paths = pathsOf(evaluator, file, args[0]);
  if (!paths) {
    ctx.diagnostics.add({
      severity: 'info',
      code: 'unresolved-route-path',
      file: file.rel,
      line,
      message: `${method} route whose path is not a string the scanner can evaluate (${snippet(file, args[0])}); it is not listed`,
    });
    return undefined;
  }
  return { file, line, router: router ?? undefined, methods: [method], paths, handler: lastHandler(args, 2), byShape: !proven };
}

/** `fastify.route({ method: ['GET', 'HEAD'], url: '/x', handler })`. */
function fastifyRouteObject(ctx: ScanContext, evaluator: StaticEvaluator, file: SourceFile, callPath: NodePath<t.CallExpression>, router: RouterRef | undefined, options: NodePath): RouteCall {
  const line = ctx.project.lineOf((callPath.get('callee') as NodePath<t.MemberExpression>).get('property'));
  const value = evaluator.evaluate(file, options);
  const get = (name: string): StaticValue | undefined => (value.kind === 'object' ? value.get(name) : undefined);
  const methodValue = get('method');
  const methods = (methodValue?.kind === 'array' ? methodValue.items.map((item) => asString(item())) : [asString(methodValue)])
    .filter((m): m is string => Boolean(m))
    .map((m) => m.toUpperCase());
  const url = asString(get('url')) ?? asString(get('path'));
  return {
    file,
    line,
    router,
    methods,
    paths: url === undefined ? [] : [url],
    handler: handlerPropertyPath(options, 'handler'),
    byShape: false,
  };
}

/** `app.use('/api', a, b)`, `app.use(router)`, `app.use(['/a', '/b'], router)`. */
function collectUse(graph: RouterGraph, evaluator: StaticEvaluator, file: SourceFile, object: NodePath, args: NodePath[]): void {
  if (args.length === 0) return;
  const parent = graph.routerOf(file, object);
  if (!parent) return;
  const first = pathsOf(evaluator, file, args[0]);
  const prefixes = first ?? [''];
  for (const arg of first ? args.slice(1) : args) {
    for (const element of unwrapTypeWrappers(arg).isArrayExpression() ? (unwrapTypeWrappers(arg).get('elements') as NodePath[]) : [arg]) {
      const child = graph.routerOf(file, element);
      if (!child) continue;
      for (const prefix of prefixes) graph.addMount(parent, child.key, prefix);
    }
  }
}

/** `fastify.register(plugin, { prefix: '/api' })`: the plugin's first parameter is a child instance. */
function collectRegister(ctx: ScanContext, graph: RouterGraph, evaluator: StaticEvaluator, file: SourceFile, object: NodePath, args: NodePath[]): void {
  if (args.length === 0) return;
  const parent = graph.routerOf(file, object);
  if (!parent) return;
  const plugin = resolvePlugin(ctx, file, args[0]);
  const param = plugin?.path.node.params[0];
  if (!plugin || !param) return;
  graph.addPluginParam(param);
  let prefix = '';
  if (args[1]) {
    const options = evaluator.evaluate(file, args[1]);
    prefix = (options.kind === 'object' ? asString(options.get('prefix')) : undefined) ?? '';
  }
  graph.addMount(parent, param, prefix);
}

/** The plugin function of `register(plugin)`, `register(fp(plugin))`, `register(require('./routes'))`, `register(import('./routes'))`. */
function resolvePlugin(ctx: ScanContext, file: SourceFile, arg: NodePath, depth = 0): FunctionRef | undefined {
  const inner = unwrapTypeWrappers(arg);
  if (depth > 3) return undefined;
  if (inner.isCallExpression() && (t.isImport(inner.node.callee) || t.isIdentifier(inner.node.callee, { name: 'require' }))) {
    const origin = ctx.project.resolveExpression(file, inner);
    const value = origin?.kind === 'module' ? ctx.project.resolveMember(origin, 'default') : origin;
    if (value?.kind === 'declaration' && value.path.isFunction()) return { file: value.file, path: value.path };
    if (value?.kind === 'declaration' && value.path.isVariableDeclarator()) {
      const init = value.path.get('init');
      if (init.node && init.isFunction()) return { file: value.file, path: init };
    }
    if (value?.kind === 'expression' && value.path.isFunction()) return { file: value.file, path: value.path };
    return undefined;
  }
  // fp(plugin) / fp(require('./plugin')): the wrapped plugin.
  if (inner.isCallExpression()) {
    const first = (inner.get('arguments') as NodePath[])[0];
    const wrapped = first ? resolvePlugin(ctx, file, first, depth + 1) : undefined;
    if (wrapped) return wrapped;
  }
  return ctx.project.resolveFunction(file, inner);
}

function routeChainBase(object: NodePath): { receiver: NodePath; pathArg: NodePath } | undefined {
  let current = object;
  while (current.isCallExpression()) {
    const callee = current.get('callee');
    if (!callee.isMemberExpression()) return undefined;
    const name = memberNameOf(callee.node);
    if (name === 'route') {
      const args = current.get('arguments') as NodePath[];
      if (args.length !== 1) return undefined;
      return { receiver: callee.get('object'), pathArg: args[0] };
    }
    if (!name || !VERBS[name]) return undefined;
    current = callee.get('object');
  }
  return undefined;
}

function pathsOf(evaluator: StaticEvaluator, file: SourceFile, path: NodePath): string[] | undefined {
  const value = evaluator.evaluate(file, path);
  const single = asString(value);
  if (single !== undefined && value.kind === 'string') return [single];
  if (value.kind === 'array') {
    const all = value.items.map((item) => {
      const v = item();
      return v.kind === 'string' ? v.value : undefined;
    });
    if (all.length > 0 && all.every((p): p is string => p !== undefined)) return all;
  }
  return undefined;
}

function literalSlashPath(path: NodePath): boolean {
  const inner = unwrapTypeWrappers(path);
  if (inner.isStringLiteral()) return inner.node.value.startsWith('/');
  if (inner.isTemplateLiteral()) return (inner.node.quasis[0]?.value.cooked ?? '').startsWith('/');
  return false;
}

/** The route handler among the arguments: the last one (an array's last element); Fastify `{ handler }` options too. */
function lastHandler(args: NodePath[], minimum: number): NodePath | undefined {
  let last = args.length >= minimum ? unwrapTypeWrappers(args[args.length - 1]) : undefined;
  if (last?.isArrayExpression()) {
    const elements = last.get('elements') as NodePath[];
    last = elements.length > 0 ? elements[elements.length - 1] : undefined;
  }
  if (last?.isObjectExpression()) return handlerPropertyPath(last, 'handler');
  return last;
}

function handlerPropertyPath(objectPath: NodePath, name: string): NodePath | undefined {
  const inner = unwrapTypeWrappers(objectPath);
  if (!inner.isObjectExpression()) return undefined;
  for (const property of inner.get('properties')) {
    if (property.isObjectProperty() && !property.node.computed && t.isIdentifier(property.node.key, { name })) return property.get('value') as NodePath;
    if (property.isObjectMethod() && t.isIdentifier(property.node.key, { name })) return property;
  }
  return undefined;
}

function resolveHandlerFunction(ctx: ScanContext, file: SourceFile, handler: NodePath): FunctionRef | undefined {
  try {
    return ctx.project.resolveFunction(file, handler);
  } catch {
    return undefined;
  }
}

function looksLikeRouteHandler(fn: FunctionRef): boolean {
  const params = fn.path.node.params;
  if (params.length >= 2) return true;
  const first = params[0];
  return Boolean(first && t.isIdentifier(first) && /^_?(req|request|ctx)$/i.test(first.name));
}

function importsFastify(file: SourceFile): boolean {
  return /['"]fastify['"]/.test(file.text);
}

function reportUnmounted(ctx: ScanContext, graph: RouterGraph, routers: RouterRef[]): void {
  const seen = new Set<unknown>();
  for (const router of routers) {
    if (seen.has(router.key) || !router.mountable || !router.proven || graph.isMounted(router.key)) continue;
    seen.add(router.key);
    if (graph.kindOf(router) !== 'express') continue;
    ctx.diagnostics.add({
      severity: 'info',
      code: 'unmounted-router',
      file: router.file.rel,
      line: ctx.project.lineOf(router.key),
      message: 'this router has routes but the scanner did not find where it is mounted (app.use); its paths are reported without a prefix',
    });
  }
}

function snippet(file: SourceFile, path: NodePath): string {
  const text = file.text.slice(path.node.start ?? 0, path.node.end ?? 0).replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
