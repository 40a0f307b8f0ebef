import { findHandlers } from '../../../src/scan/handlers';
import type { LambdaConstruct } from '../../../src/scan/infra';
import type { HandlerFinding, InfrastructureFinding } from '../../../src/scan/types';
import { makeContext } from '../../support/scanProject';

const NO_INFRA: InfrastructureFinding = { kind: 'none', files: [], constructs: [], apis: [] };

function describeHandler(h: HandlerFinding): string {
  const fn = h.fn ? ` -> ${h.fn.file.rel}:${h.fn.path.node.loc?.start.line}` : ' -> ?';
  const what = h.kind === 'lambda' ? `#${h.exportName}${h.method ? ` [${h.method} ${h.path}]` : ''}` : ` ${h.method} ${h.path}`;
  return `${h.kind}${what} ${h.file}:${h.line}${fn}`;
}

function scanHandlers(files: Record<string, string>, infra: InfrastructureFinding = NO_INFRA) {
  const ctx = makeContext(files);
  return { list: findHandlers(ctx, infra).map(describeHandler).sort(), diagnostics: ctx.diagnosticsList.map((d) => `${d.code} ${d.file}:${d.line}`) };
}

describe('findHandlers: Fastify', () => {
  it('finds shorthand routes, route objects and plugins registered with prefixes across modules', () => {
    const { list } = scanHandlers({
      'src/app.ts': [
        "import Fastify from 'fastify';",
        "import fp from 'fastify-plugin';",
        "import notes from './routes/notes';",
        'const app = Fastify({ logger: true });',
        "app.register(notes, { prefix: '/api' });",
        "app.register(fp(require('./routes/health')));",
        "app.get('/', async () => ({ ok: true }));",
      ].join('\n'),
      'src/routes/notes.ts': [
        "import type { FastifyInstance } from 'fastify';",
        'export default async function notes(fastify: FastifyInstance) {',
        "  fastify.get('/notes', { schema: {} }, async (request) => []);",
        "  fastify.post('/notes', { handler: async (request, reply) => reply.code(201) });",
        '  fastify.route({',
        "    method: ['PUT', 'PATCH'],",
        "    url: '/notes/:id',",
        '    handler: update,',
        '  });',
        "  fastify.register(async (child) => { child.delete('/notes/:id', async () => null); }, { prefix: '/v2' });",
        '}',
        'async function update() {}',
      ].join('\n'),
      'src/routes/health.js': ['module.exports = async function (instance, opts) {', "  instance.get('/health', async () => 'ok');", '};'].join('\n'),
    });
    expect(list).toEqual([
      'fastify DELETE /api/v2/notes/:id src/routes/notes.ts:10 -> src/routes/notes.ts:10',
      'fastify GET / src/app.ts:7 -> src/app.ts:7',
      'fastify GET /api/notes src/routes/notes.ts:3 -> src/routes/notes.ts:3',
      'fastify GET /health src/routes/health.js:2 -> src/routes/health.js:2',
      'fastify PATCH /api/notes/:id src/routes/notes.ts:5 -> src/routes/notes.ts:12',
      'fastify POST /api/notes src/routes/notes.ts:4 -> src/routes/notes.ts:4',
      'fastify PUT /api/notes/:id src/routes/notes.ts:5 -> src/routes/notes.ts:12',
    ]);
  });
});

describe('findHandlers: Lambda', () => {
  const files = {
    'lambda/create.ts': ["export const handler = async (event: unknown) => {", '  return { statusCode: 201 };', '};'].join('\n'),
    'lambda/items.js': [
      'async function list(event) { return []; }',
      'const get = async (evt, context) => ({});',
      'module.exports = { list, get, helper: (x) => x };',
    ].join('\n'),
    'lambda/legacy.js': ['exports.handler = function (event, context, callback) {};', 'module.exports.other = async (event) => {};'].join('\n'),
    'lambda/middy.ts': ["import middy from '@middy/core';", 'const base = async (event: any) => ({});', 'export const handler = middy(base).use(jsonBodyParser());'].join('\n'),
    'lib/parse.ts': 'export function parseBody(body: string) { return JSON.parse(body); }',
    'server.js': ["const app = require('express')();", "app.get('/x', (req, res) => {});", 'exports.onEvent = (event) => event;'].join('\n'),
    'lambda/create.spec.ts': "export const handler = async (event: unknown) => ({});",
  };

  it('without infrastructure, takes exported functions whose first parameter is event/evt outside route modules and tests', () => {
    const { list } = scanHandlers(files);
    expect(list).toEqual([
      'express GET /x server.js:2 -> server.js:2',
      'lambda#get lambda/items.js:2 -> lambda/items.js:2',
      'lambda#handler lambda/create.ts:1 -> lambda/create.ts:1',
      'lambda#handler lambda/legacy.js:1 -> lambda/legacy.js:1',
      'lambda#handler lambda/middy.ts:2 -> lambda/middy.ts:2',
      'lambda#list lambda/items.js:1 -> lambda/items.js:1',
      'lambda#other lambda/legacy.js:2 -> lambda/legacy.js:2',
    ]);
  });

  it('with infrastructure, takes exactly the exports it names, with the route when there is one', () => {
    const construct = (name: string, handlerFile: string, handlerExport: string, routes: LambdaConstruct['routes']): LambdaConstruct => ({
      file: 'infra/stack.ts',
      line: 10,
      name,
      handlerFile,
      handlerExport,
      routes,
    });
    const infra: InfrastructureFinding = {
      kind: 'cdk',
      files: ['infra/stack.ts'],
      constructs: [
        construct('Create', 'lambda/create.ts', 'handler', [{ method: 'POST', path: '/items' }]),
        construct('List', 'lambda/items.js', 'list', [
          { method: 'GET', path: '/items' },
          { method: 'GET', path: '/items/all' },
        ]),
        construct('Missing', 'lambda/items.js', 'remove', []),
      ] as LambdaConstruct[],
      apis: [],
    };
    const { list, diagnostics } = scanHandlers(files, infra);
    expect(list).toEqual([
      'express GET /x server.js:2 -> server.js:2',
      'lambda#handler [POST /items] lambda/create.ts:1 -> lambda/create.ts:1',
      'lambda#list lambda/items.js:1 -> lambda/items.js:1',
    ]);
    expect(diagnostics).toEqual(['unresolved-handler infra/stack.ts:10']);
  });

  it('also looks for handlers by shape in other files when some functions could not be resolved', () => {
    const infra: InfrastructureFinding = {
      kind: 'cdk',
      files: ['infra/stack.ts'],
      constructs: [
        { file: 'infra/stack.ts', line: 3, name: 'Create', handlerFile: 'lambda/create.ts', handlerExport: 'handler', routes: [] },
        { file: 'infra/stack.ts', line: 9, name: '`${r}Fn`', routes: [] },
      ] as LambdaConstruct[],
      apis: [],
    };
    const { list } = scanHandlers({ 'lambda/create.ts': files['lambda/create.ts'], 'lambda/legacy.js': files['lambda/legacy.js'], 'lib/parse.ts': files['lib/parse.ts'] }, infra);
    expect(list).toEqual([
      'lambda#handler lambda/create.ts:1 -> lambda/create.ts:1',
      'lambda#handler lambda/legacy.js:1 -> lambda/legacy.js:1',
      'lambda#other lambda/legacy.js:2 -> lambda/legacy.js:2',
    ]);
  });
});
