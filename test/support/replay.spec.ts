/**
 * The harness itself, on small apps written into .tmp/ by this spec: HTTP servers (.js and .ts),
 * warm Lambdas behind the runner (REST v1 and HTTP API v2, async, callback and context.succeed
 * styles), start failures, and that stop() leaves no process behind.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { describeMismatches, replayRequests, startApp, stopAllApps, TMP_DIR, type Fixture } from './replay';

let root: string;

async function writeApp(name: string, files: Record<string, string>): Promise<string> {
  const dir = path.join(root, name);
  for (const [file, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await fs.writeFile(path.join(dir, file), text);
  }
  return dir;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  await fs.mkdir(TMP_DIR, { recursive: true });
  root = await fs.mkdtemp(path.join(TMP_DIR, 'replay-spec-'));
});

afterAll(async () => {
  await stopAllApps();
  await fs.rm(root, { recursive: true, force: true });
});

const HTTP_APP = `
const http = require('http');
const items = [];
http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const send = (status, value, headers = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(value === undefined ? '' : JSON.stringify(value));
    };
    if (req.method === 'POST' && req.url === '/items') {
      const item = { id: items.length + 1, ...JSON.parse(body), type: req.headers['content-type'], env: process.env.EXTRA };
      items.push(item);
      return send(201, item);
    }
    const m = /^\\/items\\/(\\d+)$/.exec(req.url);
    if (req.method === 'GET' && m) {
      const item = items.find((i) => i.id === Number(m[1]));
      return item ? send(200, item) : send(404, { error: 'not found' });
    }
    if (req.url === '/go') return send(302, undefined, { location: '/items/1' });
    if (req.url === '/text') { res.writeHead(200); return res.end('plain'); }
    send(404, { error: 'no route' });
  });
}).listen(process.env.PORT);
`;

const httpFixture = (entry: string, requests: Fixture['requests']): Fixture => ({
  description: 'harness test app',
  style: 'node http',
  exercises: { stores: ['in-memory-array'], operations: ['create'] },
  runtime: { kind: 'http', entry },
  env: { EXTRA: 'from-fixture' },
  requests,
});

describe('http apps', () => {
  test('replays in order with captures, env, typed substitution, no redirect following', async () => {
    const dir = await writeApp('http-js', { 'server.js': HTTP_APP });
    const fixture = httpFixture('server.js', [
      { name: 'create', method: 'POST', path: '/items', body: { title: 'a' },
        expect: { status: 201, body: { id: '{{*}}', title: 'a', type: 'application/json', env: 'from-test' } }, capture: { itemId: 'body.id' } },
      { name: 'read', method: 'GET', path: '/items/{{itemId}}', expect: { status: 200, body: { id: '{{itemId}}', title: 'a', type: 'application/json', env: 'from-test' } } },
      { name: 'missing', method: 'GET', path: '/items/99', expect: { status: 404, body: { error: 'not found' } } },
      { name: 'redirect', method: 'GET', path: '/go', expect: { status: 302, headers: { Location: '/items/{{itemId}}' } } },
      { name: 'text', method: 'GET', path: '/text', expect: { status: 200, body: 'plain' } },
    ]);
    const app = await startApp(dir, fixture, { EXTRA: 'from-test' });
    try {
      const results = await replayRequests(app, fixture);
      expect(describeMismatches(results)).toEqual([]);
      expect(results[1].body).toEqual({ id: 1, title: 'a', type: 'application/json', env: 'from-test' });
    } finally {
      await app.stop();
    }
    expect(isRunning(app.pid)).toBe(false);
  });

  test('reports wrong expectations instead of passing them', async () => {
    const dir = await writeApp('http-wrong', { 'server.js': HTTP_APP });
    const fixture = httpFixture('server.js', [
      { name: 'create', method: 'POST', path: '/items', body: { title: 'a' }, expect: { status: 200, body: { id: 1, title: 'b' } } },
      { name: 'uses a capture never made', method: 'GET', path: '/items/{{nope}}', expect: { status: 404 } },
      { name: 'redirect', method: 'GET', path: '/go', expect: { status: 302, headers: { location: '/elsewhere' } } },
    ]);
    const app = await startApp(dir, fixture);
    try {
      const results = await replayRequests(app, fixture);
      expect(results[0].mismatches).toEqual([
        'status: expected 200, got 201',
        'body.title: expected "b", got "a"',
        'body.type: unexpected key with "application/json"',
        'body.env: unexpected key with "from-fixture"',
      ]);
      expect(results[1].mismatches).toEqual(['request: unknown variable {{nope}} (never captured)']);
      expect(results[2].mismatches).toEqual(['headers.location: expected "/elsewhere", got "/items/1"']);
    } finally {
      await app.stop();
    }
  });

  test('a .ts entry runs with tsx', async () => {
    const dir = await writeApp('http-ts', {
      'server.ts': `import { createServer } from 'http';\nconst answer: number = 42;\ncreateServer((_req, res) => res.end(JSON.stringify({ answer }))).listen(Number(process.env.PORT));\n`,
    });
    const fixture = httpFixture('server.ts', [{ name: 'get', method: 'GET', path: '/', expect: { status: 200, body: { answer: 42 } } }]);
    const app = await startApp(dir, fixture);
    try {
      expect(describeMismatches(await replayRequests(app, fixture))).toEqual([]);
    } finally {
      await app.stop();
    }
  });

  test('an app that listens on a fixed port is moved to PORT and says so (ESM and CJS, number and options forms)', async () => {
    const body = `createServer((_req, res) => res.end(JSON.stringify({ ok: true })))`;
    const apps = {
      'fixed-cjs': { 'server.js': `const { createServer } = require('http');\n${body}.listen(1, () => console.log('listening on 1'));\n` },
      'fixed-esm': { 'server.mjs': `import { createServer } from 'node:http';\n${body}.listen({ port: 1, host: '127.0.0.1' });\n` },
    };
    for (const [name, files] of Object.entries(apps)) {
      const entry = Object.keys(files)[0];
      const dir = await writeApp(name, files);
      const fixture = httpFixture(entry, [{ name: 'get', method: 'GET', path: '/', expect: { status: 200, body: { ok: true } } }]);
      // Port 1 needs root to bind, so without the redirect this app could never be reached.
      const app = await startApp(dir, fixture, {}, { startTimeoutMs: 8000 });
      try {
        expect(describeMismatches(await replayRequests(app, fixture))).toEqual([]);
        expect(app.output().stderr).toContain(`the app asked for port 1; it listens on PORT=${app.port} instead`);
      } finally {
        await app.stop();
      }
    }
  });

  test('an app that already listens on PORT is left alone', async () => {
    const dir = await writeApp('env-port', { 'server.js': `require('http').createServer((_q, r) => r.end('{}')).listen(process.env.PORT);\n` });
    const app = await startApp(dir, httpFixture('server.js', []));
    try {
      expect(app.output().stderr).not.toContain('asked for port');
    } finally {
      await app.stop();
    }
  });

  test('an app that crashes at start fails fast with its stderr', async () => {
    const dir = await writeApp('http-crash', { 'server.js': `console.error('cannot open database'); process.exit(3);` });
    await expect(startApp(dir, httpFixture('server.js', []))).rejects.toThrow(/exited \(code 3\)[\s\S]*cannot open database/);
  });

  test('an app that never listens times out with its stderr and is stopped', async () => {
    const dir = await writeApp('http-silent', { 'server.js': `console.error('waiting forever'); setInterval(() => {}, 1000);` });
    const started = Date.now();
    await expect(startApp(dir, httpFixture('server.js', []), {}, { startTimeoutMs: 800 })).rejects.toThrow(/did not listen[\s\S]*waiting forever/);
    expect(Date.now() - started).toBeLessThan(8000);
  });
});

const V1_ASYNC = `
let invocations = 0;
export const handler = async (event: any) => {
  invocations += 1;
  return { statusCode: event.pathParameters ? 200 : 201, headers: { 'x-style': 'async' },
    body: JSON.stringify({ invocations, resource: event.resource, path: event.path, method: event.httpMethod,
      params: event.pathParameters, query: event.queryStringParameters, body: event.body, table: process.env.TABLE }) };
};
export const fails = async () => { throw new Error('boom'); };
`;
const V1_CALLBACK = `
exports.handler = function (event, context, callback) {
  setTimeout(() => callback(null, { statusCode: 200, body: JSON.stringify({ style: 'callback', id: event.pathParameters.id, remaining: context.getRemainingTimeInMillis() > 0 }) }), 5);
};
exports.legacy = function (event, context) {
  context.succeed({ statusCode: 204, body: '' });
};
`;

describe('lambda apps', () => {
  test('REST v1 events: warm module state, path params, query, callback and context styles', async () => {
    const dir = await writeApp('lambda-v1', { 'lambda/notes.ts': V1_ASYNC, 'lambda/legacy.js': V1_CALLBACK });
    const fixture: Fixture = {
      description: 'v1', style: 'lambda', exercises: { stores: [], operations: [] }, env: { TABLE: 'notes' },
      runtime: { kind: 'lambda', event: 'apigw-v1', routes: [
        { method: 'POST', path: '/notes', handler: 'lambda/notes.ts#handler' },
        { method: 'GET', path: '/notes/{id}', handler: 'lambda/notes.ts#handler' },
        { method: 'GET', path: '/notes/special', handler: 'lambda/legacy.js#legacy' },
        { method: 'GET', path: '/cb/{id}', handler: 'lambda/legacy.js#handler' },
        { method: 'GET', path: '/fail', handler: 'lambda/notes.ts#fails' },
      ] },
      requests: [
        { name: 'create', method: 'POST', path: '/notes', body: { t: 1 },
          expect: { status: 201, body: { invocations: 1, resource: '/notes', path: '/notes', method: 'POST', params: null, query: null, body: '{"t":1}', table: 'notes' } } },
        { name: 'read (warm: second invocation)', method: 'GET', path: '/notes/a%20b?x=1&y=2',
          expect: { status: 200, headers: { 'x-style': 'async' }, body: { invocations: 2, resource: '/notes/{id}', path: '/notes/a%20b', method: 'GET', params: { id: 'a b' }, query: { x: '1', y: '2' }, body: null, table: 'notes' } } },
        { name: 'literal route wins over a template', method: 'GET', path: '/notes/special', expect: { status: 204 } },
        { name: 'callback handler', method: 'GET', path: '/cb/7', expect: { status: 200, body: { style: 'callback', id: '7', remaining: true } } },
        { name: 'no route', method: 'DELETE', path: '/notes/1', expect: { status: 404 } },
        { name: 'handler throws', method: 'GET', path: '/fail', expect: { status: 502, body: { message: 'Internal server error' } } },
      ],
    };
    const app = await startApp(dir, fixture);
    try {
      expect(describeMismatches(await replayRequests(app, fixture))).toEqual([]);
      expect(app.output().stderr).toContain('boom');
    } finally {
      await app.stop();
    }
    expect(isRunning(app.pid)).toBe(false);
  });

  test('HTTP API v2 events: routeKey, rawPath, requestContext.http, bare results', async () => {
    const dir = await writeApp('lambda-v2', {
      'package.json': '{ "type": "module" }',
      'handlers/echo.mjs': `export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ routeKey: event.routeKey, rawPath: event.rawPath,
        method: event.requestContext.http.method, params: event.pathParameters ?? null, query: event.queryStringParameters ?? null, body: event.body ?? null }) });
export const bare = async (event) => ({ id: event.pathParameters.id });`,
    });
    const fixture: Fixture = {
      description: 'v2', style: 'lambda', exercises: { stores: [], operations: [] },
      runtime: { kind: 'lambda', event: 'apigw-v2', routes: [
        { method: 'PUT', path: '/items/{id}', handler: 'handlers/echo.mjs#handler' },
        { method: 'GET', path: '/bare/{id}', handler: 'handlers/echo.mjs#bare' },
        { method: 'ANY', path: '/files/{proxy+}', handler: 'handlers/echo.mjs#handler' },
      ] },
      requests: [
        { name: 'put', method: 'PUT', path: '/items/9?a=1&a=2', body: 'raw text',
          expect: { status: 200, body: { routeKey: 'PUT /items/{id}', rawPath: '/items/9', method: 'PUT', params: { id: '9' }, query: { a: '1,2' }, body: 'raw text' } } },
        { name: 'bare result', method: 'GET', path: '/bare/x', expect: { status: 200, body: { id: 'x' } } },
        { name: 'greedy path', method: 'DELETE', path: '/files/a/b.txt',
          expect: { status: 200, body: { routeKey: 'ANY /files/{proxy+}', rawPath: '/files/a/b.txt', method: 'DELETE', params: { proxy: 'a/b.txt' }, query: null, body: null } } },
      ],
    };
    const app = await startApp(dir, fixture);
    try {
      expect(describeMismatches(await replayRequests(app, fixture))).toEqual([]);
    } finally {
      await app.stop();
    }
  });

  test('a handler module that does not load fails the start with the reason', async () => {
    const dir = await writeApp('lambda-broken', { 'h.js': 'exports.other = () => {};' });
    const fixture: Fixture = {
      description: 'broken', style: 'lambda', exercises: { stores: [], operations: [] },
      runtime: { kind: 'lambda', event: 'apigw-v1', routes: [{ method: 'GET', path: '/', handler: 'h.js#handler' }] },
      requests: [],
    };
    await expect(startApp(dir, fixture)).rejects.toThrow(/h\.js#handler: no exported function "handler"/);
  });
});
