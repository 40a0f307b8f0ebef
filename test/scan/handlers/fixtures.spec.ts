/**
 * Cross-checks the handlers and infrastructure the scan finds in every fixture app against what
 * the fixture itself declares (written independently): each request that reaches a route handler
 * must match a scanned route (method + full path), each Lambda route must be a scanned Lambda
 * handler tied to its construct, and no fixture handler may stay unresolved.
 */
import type { AccessModel, HandlerRecord } from '../../../src/model/access-model';
import { listFixtures, loadFixture } from '../../support/fixture-files';
import type { Fixture } from '../../support/fixture-types';
import { scanFixture } from '../../support/scanProject';

function routeMatches(handler: HandlerRecord, method: string, requestPath: string): boolean {
  if (!handler.path || !handler.method) return false;
  if (handler.method !== 'ALL' && handler.method !== method.toUpperCase()) return false;
  const pattern = handler.path
    .split('/')
    .map((segment) => (segment.startsWith(':') || /^\{.+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  const concrete = requestPath.split('?')[0].replace(/\{\{[^}]+\}\}/g, 'x');
  return new RegExp(`^${pattern}/?$`).test(concrete);
}

const cases: [string, Fixture, AccessModel][] = [];

beforeAll(async () => {
  for (const name of listFixtures()) {
    const fixture = await loadFixture(name);
    cases.push([name, fixture, await scanFixture(name)]);
  }
}, 120_000);

describe('scan handlers and infrastructure on the fixture apps', () => {
  it('finds a route for every request that a route handler answers (HTTP fixtures)', () => {
    const missing: string[] = [];
    for (const [name, fixture, model] of cases) {
      if (fixture.runtime.kind !== 'http') continue;
      for (const request of fixture.requests) {
        if (request.expect.status === 404) continue; // may come from the framework's fallback
        if (!model.handlers.some((h) => routeMatches(h, request.method, request.path))) {
          missing.push(`${name}: ${request.method} ${request.path}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('finds every Lambda route of the Lambda fixtures as a handler tied to its construct', () => {
    const problems: string[] = [];
    for (const [name, fixture, model] of cases) {
      if (fixture.runtime.kind !== 'lambda') continue;
      expect(model.infrastructure.kind).not.toBe('none');
      for (const route of fixture.runtime.routes) {
        const handler = model.handlers.find((h) => h.id === route.handler);
        if (!handler || handler.kind !== 'lambda') problems.push(`${name}: no Lambda handler ${route.handler}`);
        else if (!handler.construct) problems.push(`${name}: ${route.handler} has no construct`);
        else if (handler.method && (handler.method !== route.method || handler.path !== route.path)) {
          problems.push(`${name}: ${route.handler} reported as ${handler.method} ${handler.path}, runs ${route.method} ${route.path}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('detects the infrastructure of the scan-only fixtures and ties each of their Lambda handlers to a construct', () => {
    const problems: string[] = [];
    for (const [name, fixture, model] of cases) {
      if (fixture.runtime.kind === 'http') continue;
      if (model.infrastructure.kind === 'none') problems.push(`${name}: no infrastructure`);
      const lambdas = model.handlers.filter((h) => h.kind === 'lambda');
      if (lambdas.length === 0) problems.push(`${name}: no Lambda handler`);
      for (const handler of lambdas) if (!handler.construct) problems.push(`${name}: ${handler.id} has no construct`);
    }
    expect(problems).toEqual([]);
  });

  it('resolves the function of every handler (no unresolved-handler diagnostics)', () => {
    const unresolved = cases.flatMap(([name, , model]) =>
      model.diagnostics.filter((d) => /unresolved-(lambda-)?handler|dynamic-lambda-construct/.test(d.code)).map((d) => `${name}: ${d.file}:${d.line} ${d.message}`),
    );
    expect(unresolved).toEqual([]);
  });
});
