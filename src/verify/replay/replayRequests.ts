/**
 * Replays a request list against a running app: requests in order, `{{name}}` substitution from
 * earlier captures, each response compared with its expectation (fixtures/README.md). Used by
 * `verify`'s behaviour check and by the test harness (test/support/replay.ts).
 */
import * as http from 'node:http';
import type { ReplayRequest } from './types';
import { matchExpected, readPath, substituteText, substituteVars, type MatchOptions, type Vars } from './matchExpected';
import type { RunningApp } from './startApp';

export interface ReplayResult {
  name: string;
  method: string;
  path: string;
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON when the body is JSON, otherwise the text ('' when empty). */
  body: unknown;
  mismatches: string[];
}

export interface ReplayOptions extends Omit<MatchOptions, 'path'> {
  /** Per-request timeout; default 10 s. */
  requestTimeoutMs?: number;
  /** Starting variables (e.g. ids loaded by a migration). */
  vars?: Vars;
  /** false: only send and capture (verify compares two apps with each other instead). Default true. */
  checkExpectations?: boolean;
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** One HTTP request with node:http: redirects are not followed, bodies are read as UTF-8. */
export function sendRequest(
  baseUrl: string,
  method: string,
  requestPath: string,
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs = 10000,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(requestPath, baseUrl);
    const request = http.request(
      url,
      { method, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) }, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`${method} ${requestPath}: no response within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}

function parseBody(text: string): unknown {
  if (text.length === 0) return '';
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function encodeBody(request: ReplayRequest, vars: Vars, unknown: string[]): { body?: string; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = substituteText(value, vars, unknown);
  if (request.body === undefined) return { headers };
  const body = substituteVars(request.body, vars, unknown);
  if (typeof body === 'string') return { body, headers };
  if (!headers['content-type']) headers['content-type'] = 'application/json';
  return { body: JSON.stringify(body), headers };
}

function compareHeaders(expected: Record<string, string>, actual: http.IncomingHttpHeaders, vars: Vars): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(expected)) {
    const got = actual[name.toLowerCase()];
    const text = Array.isArray(got) ? got.join(', ') : got;
    out.push(...matchExpected(value, text, vars, { path: `headers.${name.toLowerCase()}` }));
  }
  return out;
}

/** Replays one request against a running app, updating `vars` with its captures. */
export async function replayOne(app: Pick<RunningApp, 'baseUrl'>, request: ReplayRequest, vars: Vars, options: ReplayOptions = {}): Promise<ReplayResult> {
  const unknown: string[] = [];
  const requestPath = substituteText(request.path, vars, unknown);
  const { body, headers } = encodeBody(request, vars, unknown);
  const mismatches = unknown.map((name) => `request: unknown variable {{${name}}} (never captured)`);
  let response: RawResponse;
  try {
    response = await sendRequest(app.baseUrl, request.method.toUpperCase(), requestPath, headers, body, options.requestTimeoutMs);
  } catch (error) {
    mismatches.push(`request failed: ${(error as Error).message}`);
    return { name: request.name, method: request.method, path: requestPath, status: 0, headers: {}, body: undefined, mismatches };
  }
  const parsed = parseBody(response.text);
  if (options.checkExpectations !== false) {
    if (response.status !== request.expect.status) {
      mismatches.push(`status: expected ${request.expect.status}, got ${response.status}`);
    }
    if (request.expect.body !== undefined) {
      mismatches.push(...matchExpected(request.expect.body, parsed, vars, { ...options, path: 'body' }));
    }
    if (request.expect.headers) mismatches.push(...compareHeaders(request.expect.headers, response.headers, vars));
  }
  for (const [name, dotted] of Object.entries(request.capture ?? {})) {
    const value = readPath({ status: response.status, headers: response.headers, body: parsed }, dotted);
    if (value === undefined) mismatches.push(`capture ${name}: nothing at ${dotted}`);
    else vars[name] = value;
  }
  return { name: request.name, method: request.method, path: requestPath, status: response.status, headers: response.headers, body: parsed, mismatches };
}

/** Replays every request of the fixture in order; returns one result per request. */
export async function replayRequests(app: Pick<RunningApp, 'baseUrl'>, fixture: { requests: ReplayRequest[] }, options: ReplayOptions = {}): Promise<ReplayResult[]> {
  const vars: Vars = { ...(options.vars ?? {}) };
  const results: ReplayResult[] = [];
  for (const request of fixture.requests) results.push(await replayOne(app, request, vars, options));
  return results;
}

/**
 * Mismatches of all results as readable blocks, one per failing request: `<n>. <name> (<method> <path>)`,
 * what came back, then up to `perRequest` mismatch lines. [] when everything matched.
 */
export function describeMismatches(results: ReplayResult[], perRequest = 6): string[] {
  return results.flatMap((result, i) => {
    if (result.mismatches.length === 0) return [];
    const body = typeof result.body === 'string' ? result.body : JSON.stringify(result.body);
    const lines = result.mismatches.slice(0, perRequest).map((mismatch) => `   - ${mismatch}`);
    if (result.mismatches.length > perRequest) lines.push(`   - ... and ${result.mismatches.length - perRequest} more`);
    return [`${i + 1}. ${result.name} (${result.method} ${result.path}) got ${result.status} ${(body ?? '').slice(0, 300)}\n${lines.join('\n')}`];
  });
}
