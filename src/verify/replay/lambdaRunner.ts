/**
 * A warm Lambda behind a local HTTP port, for `verify`'s behaviour check and the replay harness.
 *
 *   node [--import tsx] lambdaRunner.js '<{"event":"apigw-v1","routes":[...]}>'   (cwd = app root, PORT set)
 *
 * Loads every handler module once, then turns each HTTP request into an API Gateway proxy event
 * (REST v1 or HTTP API v2) for the route whose template matches, invokes the handler (async or
 * callback style) and writes the proxy result back as the HTTP response. One process serves every
 * request, so module-level state survives between invocations as it does in a warm Lambda.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- handler events and results are whatever the app's code uses */
import * as http from 'node:http';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomUUID } from 'node:crypto';

type Settle = (error: unknown, result?: unknown) => void;
interface RouteConfig { method: string; path: string; handler: string }
interface Route extends RouteConfig { fn: (...args: any[]) => any; regex: RegExp; names: string[]; rank: number }

const config = JSON.parse(process.argv[2] || '{}');
const version = config.event === 'apigw-v2' ? 2 : 1;
const INVOKE_TIMEOUT_MS = Number(process.env.REPLAY_LAMBDA_TIMEOUT_MS || 10000);

function compileTemplate(template: string): { regex: RegExp; names: string[]; rank: number } {
  const names: string[] = [];
  const pattern = template
    .split('/')
    .map((segment) => {
      const param = /^\{([^}]+?)(\+)?\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]);
      return param[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  // Literal segments first, greedy {proxy+} last: the order API Gateway picks routes in.
  const literals = template.split('/').filter((s) => s && !s.startsWith('{')).length;
  const greedy = /\+\}/.test(template) ? 1 : 0;
  return { regex: new RegExp(`^${pattern}/?$`), names, rank: literals * 10 - greedy };
}

async function loadRoutes(): Promise<Route[]> {
  const modules = new Map<string, any>();
  const routes: Route[] = [];
  for (const route of (config.routes || []) as RouteConfig[]) {
    const [file, exportName = 'handler'] = route.handler.split('#');
    if (!modules.has(file)) modules.set(file, await import(pathToFileURL(path.resolve(file)).href));
    const mod = modules.get(file);
    const fn = mod[exportName] ?? (mod.default && mod.default[exportName]);
    if (typeof fn !== 'function') throw new Error(`${route.handler}: no exported function "${exportName}"`);
    routes.push({ ...route, method: route.method.toUpperCase(), fn, ...compileTemplate(route.path) });
  }
  return routes.sort((a, b) => b.rank - a.rank);
}

function findRoute(routes: Route[], method: string, pathname: string): { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method && route.method !== 'ANY') continue;
    const match = route.regex.exec(pathname);
    if (!match) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1])));
    return { route, params };
  }
  return undefined;
}

function buildEvent(req: http.IncomingMessage, url: URL, body: string, route: Route, params: Record<string, string>): Record<string, any> {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    const values = Array.isArray(value) ? value : [String(value)];
    headers[name] = values.join(',');
    multiValueHeaders[name] = values;
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) {
    (multiQuery[key] = multiQuery[key] || []).push(value);
    query[key] = version === 2 ? multiQuery[key].join(',') : value;
  }
  const hasQuery = Object.keys(query).length > 0;
  const hasParams = Object.keys(params).length > 0;
  const requestId = randomUUID();
  const now = new Date();
  if (version === 1) {
    return {
      resource: route.path,
      path: url.pathname,
      httpMethod: req.method,
      headers,
      multiValueHeaders,
      queryStringParameters: hasQuery ? query : null,
      multiValueQueryStringParameters: hasQuery ? multiQuery : null,
      pathParameters: hasParams ? params : null,
      stageVariables: null,
      requestContext: {
        accountId: '123456789012', apiId: 'local', stage: 'prod', requestId,
        resourcePath: route.path, httpMethod: req.method, path: `/prod${url.pathname}`,
        identity: { sourceIp: '127.0.0.1', userAgent: headers['user-agent'] || null },
        requestTimeEpoch: now.getTime(),
      },
      body: body.length > 0 ? body : null,
      isBase64Encoded: false,
    };
  }
  const routeKey = `${route.method === 'ANY' ? 'ANY' : req.method} ${route.path}`;
  const event: Record<string, any> = {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    requestContext: {
      accountId: '123456789012', apiId: 'local', domainName: `127.0.0.1`, stage: '$default', requestId, routeKey,
      http: { method: req.method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: headers['user-agent'] || '' },
      time: now.toISOString(), timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
  };
  if (hasQuery) event.queryStringParameters = query;
  if (hasParams) event.pathParameters = params;
  if (body.length > 0) event.body = body;
  return event;
}

function buildContext(route: Route, settle: Settle): Record<string, unknown> {
  const deadline = Date.now() + INVOKE_TIMEOUT_MS;
  const name = route.handler.replace(/[^\w-]/g, '-');
  return {
    functionName: name, functionVersion: '$LATEST', memoryLimitInMB: '128',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
    awsRequestId: randomUUID(), logGroupName: `/aws/lambda/${name}`, logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    // The oldest handler style finishes through the context object.
    done: (error: unknown, result: unknown) => settle(error, result),
    succeed: (result: unknown) => settle(null, result),
    fail: (error: unknown) => settle(error || new Error('failed')),
  };
}

/** Runs a handler the way Lambda does: a returned promise or the callback, whichever settles first. */
function invoke(route: Route, event: Record<string, any>): Promise<any> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle: Settle = (error, result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve(result);
    };
    const timer = setTimeout(() => settle(new Error(`Task timed out after ${INVOKE_TIMEOUT_MS} ms`)), INVOKE_TIMEOUT_MS);
    try {
      const returned = route.fn(event, buildContext(route, settle), settle);
      if (returned && typeof returned.then === 'function') returned.then((r: unknown) => settle(null, r), (e: unknown) => settle(e || new Error('rejected')));
      else if (route.fn.length < 3 && returned !== undefined) settle(null, returned);
    } catch (error) {
      settle(error);
    }
  });
}

function send(res: http.ServerResponse, statusCode: number, headers: http.OutgoingHttpHeaders, body: string | Buffer): void {
  res.writeHead(statusCode, headers);
  res.end(body);
}

function writeResult(res: http.ServerResponse, result: any): void {
  const isProxyResult = result !== null && typeof result === 'object' && 'statusCode' in result;
  if (!isProxyResult) {
    // HTTP API v2 turns a bare value into a 200 JSON response; REST v1 calls it a malformed response.
    if (version === 2) {
      const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
      return send(res, 200, { 'content-type': 'application/json' }, body);
    }
    process.stderr.write(`lambda-runner: malformed proxy result ${JSON.stringify(result)}\n`);
    return send(res, 502, { 'content-type': 'application/json' }, '{"message": "Internal server error"}');
  }
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, values] of Object.entries<unknown[]>(result.multiValueHeaders || {})) headers[name] = values.map(String);
  for (const [name, value] of Object.entries(result.headers || {})) headers[name] = String(value);
  if (Array.isArray(result.cookies) && result.cookies.length > 0) headers['set-cookie'] = result.cookies;
  let body = result.body === undefined || result.body === null ? '' : result.body;
  if (typeof body !== 'string') body = JSON.stringify(body);
  const payload = result.isBase64Encoded ? Buffer.from(body, 'base64') : body;
  send(res, Number(result.statusCode), headers, payload);
}

async function main() {
  const routes = await loadRoutes();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const found = findRoute(routes, req.method ?? 'GET', url.pathname);
      if (!found) return send(res, 404, { 'content-type': 'application/json' }, '{"message":"Not Found"}');
      const event = buildEvent(req, url, Buffer.concat(chunks).toString('utf8'), found.route, found.params);
      try {
        writeResult(res, await invoke(found.route, event));
      } catch (error) {
        process.stderr.write(`lambda-runner: ${found.route.handler} failed: ${(error as Error)?.stack || error}\n`);
        send(res, 502, { 'content-type': 'application/json' }, '{"message": "Internal server error"}');
      }
    });
  });
  server.listen(Number(process.env.PORT), '127.0.0.1');
}

main().catch((error: unknown) => {
  process.stderr.write(`lambda-runner: cannot start: ${(error as Error)?.stack || error}\n`);
  process.exit(1);
});
