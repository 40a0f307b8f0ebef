import { findHandlers } from '../../../src/scan/handlers';
import type { HandlerFinding, InfrastructureFinding } from '../../../src/scan/types';
import { makeContext } from '../../support/scanProject';

const NO_INFRA: InfrastructureFinding = { kind: 'none', files: [], constructs: [], apis: [] };

/** `GET /api/notes file:line -> fnFile:fnLine` for each route, sorted. */
function routes(files: Record<string, string>): { list: string[]; diagnostics: string[] } {
  const ctx = makeContext(files);
  const found = findHandlers(ctx, NO_INFRA);
  return {
    list: found.map(describeHandler).sort(),
    diagnostics: ctx.diagnosticsList.map((d) => `${d.code} ${d.file}:${d.line}`),
  };
}

function describeHandler(h: HandlerFinding): string {
  const fn = h.fn ? ` -> ${h.fn.file.rel}:${h.fn.path.node.loc?.start.line}` : ' -> ?';
  return `${h.kind} ${h.method} ${h.path} ${h.file}:${h.line}${fn}`;
}

describe('findHandlers: Express', () => {
  it('finds inline routes on an app with their methods, and ignores app.get(setting)', () => {
    const { list } = routes({
      'server.js': [
        "const express = require('express');",
        'const app = express();',
        "app.set('port', 3000);",
        "console.log(app.get('port'));",
        "app.get('/notes', (req, res) => res.json([]));",
        "app.post('/notes', async function (req, res) {});",
        "app.delete('/notes/:id', (req, res) => {});",
        "app.all('/ping', (req, res) => res.end());",
      ].join('\n'),
    });
    expect(list).toEqual([
      'express ALL /ping server.js:8 -> server.js:8',
      'express DELETE /notes/:id server.js:7 -> server.js:7',
      'express GET /notes server.js:5 -> server.js:5',
      'express POST /notes server.js:6 -> server.js:6',
    ]);
  });

  it('applies mount prefixes across CommonJS and ESM modules, nested routers included', () => {
    const { list } = routes({
      'app.js': [
        "const express = require('express');",
        "const api = require('./routes');",
        'const app = express();',
        "app.use('/api', api);",
        "app.get('/health', (req, res) => res.json({}));",
      ].join('\n'),
      'routes/index.js': [
        "const { Router } = require('express');",
        "const users = require('./users');",
        "const notes = require('./notes.mjs');",
        'const router = Router();',
        "router.use('/users', users);",
        "router.use('/users/:userId/notes', notes.default);",
        'module.exports = router;',
      ].join('\n'),
      'routes/users.js': [
        "const express = require('express');",
        'const router = express.Router();',
        "router.get('/', (req, res) => {});",
        "router.get('/:id', (req, res) => {});",
        'module.exports = router;',
      ].join('\n'),
      'routes/notes.mjs': [
        "import express from 'express';",
        'const notes = express.Router({ mergeParams: true });',
        "notes.post('/', (req, res) => {});",
        'export default notes;',
      ].join('\n'),
    });
    expect(list).toEqual([
      'express GET /api/users routes/users.js:3 -> routes/users.js:3',
      'express GET /api/users/:id routes/users.js:4 -> routes/users.js:4',
      'express GET /health app.js:5 -> app.js:5',
      'express POST /api/users/:userId/notes routes/notes.mjs:3 -> routes/notes.mjs:3',
    ]);
  });

  it('resolves handlers in controller modules, class instances, wrappers and arrow wrappers', () => {
    const { list, diagnostics } = routes({
      'app.js': [
        "const express = require('express');",
        "const notes = require('./controllers/notes');",
        "const { list } = require('./controllers/notes');",
        "const { userController } = require('./controllers/users');",
        "const asyncHandler = require('express-async-handler');",
        'const app = express();',
        "app.get('/a', notes.list);",
        "app.get('/b', list);",
        "app.get('/c', userController.find.bind(userController));",
        "app.get('/d', (req, res) => userController.find(req, res));",
        "app.get('/e', asyncHandler(notes.create));",
        "app.post('/f', express.json(), auth, notes.create);",
        "app.get('/g', notes.missing);",
        'function auth(req, res, next) { next(); }',
      ].join('\n'),
      'controllers/notes.js': ['exports.list = async (req, res) => {};', '', 'exports.create = function (req, res) {};'].join('\n'),
      'controllers/users.ts': [
        'class UserController {',
        '  async find(req: any, res: any) {}',
        '}',
        'export const userController = new UserController();',
      ].join('\n'),
    });
    expect(list).toEqual([
      'express GET /a app.js:7 -> controllers/notes.js:1',
      'express GET /b app.js:8 -> controllers/notes.js:1',
      'express GET /c app.js:9 -> controllers/users.ts:2',
      'express GET /d app.js:10 -> app.js:10',
      'express GET /e app.js:11 -> controllers/notes.js:3',
      'express GET /g app.js:13 -> ?',
      'express POST /f app.js:12 -> controllers/notes.js:3',
    ]);
    expect(diagnostics).toEqual(['unresolved-handler app.js:13']);
  });

  it('reads app.route(path) chains and array paths', () => {
    const { list } = routes({
      'app.js': [
        "const express = require('express');",
        'const app = express();',
        "app.route('/books')",
        '  .get((req, res) => {})',
        '  .post((req, res) => {});',
        "const PATHS = ['/a', '/b'];",
        'app.get(PATHS, (req, res) => {});',
      ].join('\n'),
    });
    expect(list).toEqual([
      'express GET /a app.js:7 -> app.js:7',
      'express GET /b app.js:7 -> app.js:7',
      'express GET /books app.js:4 -> app.js:4',
      'express POST /books app.js:5 -> app.js:5',
    ]);
  });

  it('follows routers handed to registration functions and apps built by factories', () => {
    const { list } = routes({
      'server.js': [
        "const express = require('express');",
        "const registerNotes = require('./routes/notes');",
        'function createApp() {',
        '  const app = express();',
        '  const api = express.Router();',
        '  registerNotes(api);',
        "  app.use('/api', api);",
        '  return app;',
        '}',
        'const app = createApp();',
        "app.get('/ready', (req, res) => {});",
      ].join('\n'),
      'routes/notes.js': ['module.exports = (router) => {', "  router.get('/notes', (req, res) => {});", '};'].join('\n'),
    });
    expect(list).toEqual(['express GET /api/notes routes/notes.js:2 -> routes/notes.js:2', 'express GET /ready server.js:11 -> server.js:11']);
  });

  it('accepts `x.get("/literal", fn)` on an object of unknown origin, but not HTTP clients or non-path strings', () => {
    const { list } = routes({
      'weird.js': [
        "const axios = require('axios');",
        "const server = require('some-framework').create();",
        "server.get('/hello', (req, res) => res.send('hi'));",
        "server.get('hello', (req, res) => res.send('hi'));",
        "axios.get('/api/things', (x) => x);",
        "cache.get('/key', 1);",
        'const handlers = new Map();',
        "handlers.get('/x', (req, res) => 1);",
        "$.get('/api/notes', function (data) { render(data); });",
      ].join('\n'),
    });
    expect(list).toEqual(['express GET /hello weird.js:3 -> weird.js:3', 'express GET /x weird.js:8 -> weird.js:8']);
  });

  it('reports an unmounted router and keeps its paths without a prefix', () => {
    const { list, diagnostics } = routes({
      'routes.js': ["const router = require('express').Router();", "router.get('/orphans', (req, res) => {});", 'module.exports = router;'].join('\n'),
    });
    expect(list).toEqual(['express GET /orphans routes.js:2 -> routes.js:2']);
    expect(diagnostics).toEqual(['unmounted-router routes.js:1']);
  });

  it('never throws on broken code', () => {
    const { list } = routes({
      'broken.js': [
        "const app = require('express')();",
        'app.get();',
        "app.get('/ok', (req, res) => {});",
        'app.use(undefined, null);',
        'app.route().get();',
        "app[verb]('/x', h);",
        "app.get(`/t/${id}`, 42);",
        'app.use(app);',
        "app.get('/dup', (req, res) => {});",
        "app.get('/dup', (req, res) => {});",
      ].join('\n'),
    });
    expect(list).toContain('express GET /ok broken.js:3 -> broken.js:3');
    expect(list.filter((r) => r.includes('/dup'))).toHaveLength(2);
  });
});

describe('findHandlers: Express router factories', () => {
  it('mounts routers required inline and routers returned by factory modules', () => {
    const ctx = makeContext({
      'app.js': [
        "const express = require('express');",
        "const db = require('./db');",
        'const app = express();',
        "app.use('/users', require('./routes/users'));",
        "app.use('/notes', require('./routes/notes')(db));",
        "app.use('/tags', require('./routes/tags.mjs'));",
      ].join('\n'),
      'db.js': 'module.exports = {};',
      'routes/users.js': "const router = require('express').Router();\nrouter.get('/', (req, res) => {});\nmodule.exports = router;",
      'routes/notes.js': [
        "const express = require('express');",
        'module.exports = function makeNotes(db) {',
        '  const router = express.Router();',
        "  router.get('/:id', (req, res) => {});",
        '  return router;',
        '};',
      ].join('\n'),
      'routes/tags.mjs': "import { Router } from 'express';\nconst tags = Router();\ntags.delete('/:tag', (req, res) => {});\nexport default tags;",
    });
    const found = findHandlers(ctx, NO_INFRA).map((h) => `${h.method} ${h.path}`).sort();
    expect(found).toEqual(['DELETE /tags/:tag', 'GET /notes/:id', 'GET /users']);
    expect(ctx.diagnosticsList).toEqual([]);
  });
});

describe('findHandlers: Express in classes', () => {
  it('follows apps and routers held in class fields, and handlers that are class members', () => {
    const ctx = makeContext({
      'src/app.ts': [
        "import express from 'express';",
        "import { NotesController } from './notes.controller';",
        'class App {',
        '  public app: express.Application;',
        '  constructor() {',
        '    this.app = express();',
        '    this.mount();',
        '  }',
        '  private mount() {',
        "    this.app.get('/status', (req, res) => res.json({}));",
        "    this.app.use('/notes', new NotesController().router);",
        '  }',
        '}',
        'export const server = module.exports = express();',
        "server.get(ROUTE_PATH, (req, res) => {});",
        'const ROUTE_PATH = "/late";',
        'export default new App().app;',
      ].join('\n'),
      'src/notes.controller.ts': [
        "import { Router, Request, Response } from 'express';",
        'export class NotesController {',
        '  public router = Router();',
        '  constructor() {',
        "    this.router.get('/', this.list);",
        "    this.router.delete('/:id', this.remove.bind(this));",
        '  }',
        '  list = (req: Request, res: Response) => res.json([]);',
        '  remove(req: Request, res: Response) { res.status(204).end(); }',
        '}',
      ].join('\n'),
    });
    const found = findHandlers(ctx, NO_INFRA).map(describeHandler).sort();
    expect(found).toEqual([
      'express DELETE /notes/:id src/notes.controller.ts:6 -> src/notes.controller.ts:9',
      'express GET /late src/app.ts:15 -> src/app.ts:15',
      'express GET /notes src/notes.controller.ts:5 -> src/notes.controller.ts:8',
      'express GET /status src/app.ts:10 -> src/app.ts:10',
    ]);
  });
});
