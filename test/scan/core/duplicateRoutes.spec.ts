import { findDuplicateRoutes } from '../../../src/scan/assignHandlerIds';
import { assignHandlerIds } from '../../../src/scan/assignHandlerIds';
import type { HandlerFinding } from '../../../src/scan/types';

const route = (method: string, path: string, line: number): HandlerFinding => ({ kind: 'express', method, path, file: 'app.js', line });
const noInfra = { kind: 'none' as const, files: [], constructs: [], apis: [] };

describe('duplicate routes', () => {
  it('numbers the repeated id and warns at the second definition', () => {
    const handlers = assignHandlerIds([route('GET', '/users', 34), route('GET', '/users', 89), route('POST', '/users', 48)], noInfra);
    expect(handlers.map((h) => h.id)).toEqual(['GET /users', 'POST /users', 'GET /users (2)']);
    expect(findDuplicateRoutes(handlers)).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'duplicate-route', file: 'app.js', line: 89, message: expect.stringContaining('already defined at app.js:34') }),
    ]);
  });
});
