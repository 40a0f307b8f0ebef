import { findInfrastructure, routesOf } from '../../../src/scan/infra';
import type { InfrastructureFinding } from '../../../src/scan/types';
import { makeContext } from '../../support/scanProject';

function constructsOf(infra: InfrastructureFinding): string[] {
  return infra.constructs
    .map((c) => {
      const routes = routesOf(c).map((r) => `${r.method} ${r.path}`);
      return `${c.name} @${c.file}:${c.line} -> ${c.handlerFile ?? '?'}#${c.handlerExport ?? '?'}${routes.length ? ` [${routes.join(', ')}]` : ''}`;
    })
    .sort();
}

function codes(ctx: ReturnType<typeof makeContext>): string[] {
  return ctx.diagnosticsList.map((d) => `${d.severity} ${d.code} ${d.file}:${d.line}`);
}

describe('findInfrastructure: Serverless Framework', () => {
  it('reads functions, handlers and http/httpApi events from serverless.yml', () => {
    const ctx = makeContext({
      'serverless.yml': [
        'service: notes',
        'provider:',
        '  name: aws',
        'functions:',
        '  create:',
        '    handler: src/handlers/notes.create',
        '    events:',
        '      - http:',
        '          path: notes',
        '          method: post',
        '  list:',
        '    handler: src/handlers/notes.list',
        '    events:',
        "      - httpApi: 'GET /notes'",
        '      - httpApi:',
        '          method: get',
        '          path: /notes/{id}',
        '  cron:',
        '    handler: jobs/missing.run',
      ].join('\n'),
      'src/handlers/notes.js': 'module.exports.create = async (event) => ({});\nmodule.exports.list = async (event) => ({});',
    });
    const infra = findInfrastructure(ctx);
    expect(infra.kind).toBe('serverless');
    expect(infra.files).toEqual(['serverless.yml']);
    expect(constructsOf(infra)).toEqual([
      'create @serverless.yml:5 -> src/handlers/notes.js#create [POST /notes]',
      'cron @serverless.yml:18 -> ?#?',
      'list @serverless.yml:11 -> src/handlers/notes.js#list [GET /notes, GET /notes/{id}]',
    ]);
    expect(infra.apis.map((a) => a.kind)).toEqual(['HttpApi', 'RestApi']);
    expect(codes(ctx)).toEqual(['warning unresolved-lambda-handler serverless.yml:18']);
  });

  it('evaluates serverless.ts and reports an unreadable serverless.yml', () => {
    const ctx = makeContext({
      'serverless.ts': [
        "const functions = { hello: { handler: 'src/hello.main', events: [{ httpApi: { method: 'GET', path: '/hello' } }] } };",
        "const config = { service: 'hello', functions };",
        'module.exports = config;',
      ].join('\n'),
      'src/hello.ts': 'export const main = async (event: unknown) => ({});',
      'other/serverless.yml': 'functions: [unclosed',
    });
    const infra = findInfrastructure(ctx);
    expect(constructsOf(infra)).toEqual(['hello @serverless.ts:1 -> src/hello.ts#main [GET /hello]']);
    expect(codes(ctx)).toEqual(['warning yaml-parse-error other/serverless.yml:1']);
  });
});

describe('findInfrastructure: SST', () => {
  it('reads v3 api.route handler strings relative to sst.config.ts', () => {
    const ctx = makeContext({
      'sst.config.ts': [
        'export default $config({',
        '  async run() {',
        "    const api = new sst.aws.ApiGatewayV2('Api');",
        "    api.route('GET /todos', 'packages/functions/src/todos.list');",
        "    api.route('POST /todos', { handler: 'packages/functions/src/todos.create' });",
        "    new sst.aws.Function('Worker', { handler: 'packages/functions/src/worker.handler' });",
        '  },',
        '});',
      ].join('\n'),
      'packages/functions/src/todos.ts': 'export const list = async () => ({});\nexport const create = async () => ({});',
      'packages/functions/src/worker.ts': 'export const handler = async () => ({});',
    });
    const infra = findInfrastructure(ctx);
    expect(infra.kind).toBe('sst');
    expect(constructsOf(infra)).toEqual([
      'Api GET /todos @sst.config.ts:4 -> packages/functions/src/todos.ts#list [GET /todos]',
      'Api POST /todos @sst.config.ts:5 -> packages/functions/src/todos.ts#create [POST /todos]',
      'Worker @sst.config.ts:6 -> packages/functions/src/worker.ts#handler',
    ]);
    expect(infra.apis).toEqual([{ file: 'sst.config.ts', line: 3, kind: 'ApiGatewayV2', name: 'Api' }]);
  });

  it('reads v2 Api routes from stacks importing sst/constructs', () => {
    const ctx = makeContext({
      'sst.json': '{ "name": "app" }',
      'stacks/Api.ts': [
        "import { Api, StackContext } from 'sst/constructs';",
        'export function ApiStack({ stack }: StackContext) {',
        "  new Api(stack, 'api', { routes: { 'GET /notes': 'packages/functions/src/list.main', 'POST /notes': { function: { handler: 'packages/functions/src/create.main' } } } });",
        '}',
      ].join('\n'),
      'packages/functions/src/list.ts': 'export const main = async () => ({});',
      'packages/functions/src/create.ts': 'export const main = async () => ({});',
    });
    const infra = findInfrastructure(ctx);
    expect(infra.files).toEqual(['sst.json', 'stacks/Api.ts']);
    expect(constructsOf(infra)).toEqual([
      'api GET /notes @stacks/Api.ts:3 -> packages/functions/src/list.ts#main [GET /notes]',
      'api POST /notes @stacks/Api.ts:3 -> packages/functions/src/create.ts#main [POST /notes]',
    ]);
  });
});

describe('findInfrastructure: Terraform', () => {
  it('finds aws_lambda_function handlers through archive_file and links apigatewayv2 routes', () => {
    const ctx = makeContext({
      'infra/main.tf': [
        '# Lambda behind an HTTP API',
        'data "archive_file" "api" {',
        '  type        = "zip"',
        '  source_dir  = "${path.module}/../app"',
        '  output_path = "${path.module}/build/api.zip"',
        '}',
        '',
        'resource "aws_lambda_function" "api" {',
        '  function_name = "api"',
        '  handler       = "src/index.handler"',
        '  filename      = data.archive_file.api.output_path',
        '  environment {',
        '    variables = { handler = "not-this" }',
        '  }',
        '}',
        '',
        'resource "aws_apigatewayv2_api" "http" {',
        '  name          = "http"',
        '  protocol_type = "HTTP"',
        '}',
        'resource "aws_apigatewayv2_integration" "api" {',
        '  api_id           = aws_apigatewayv2_api.http.id',
        '  integration_uri  = aws_lambda_function.api.invoke_arn',
        '}',
        'resource "aws_apigatewayv2_route" "list" {',
        '  route_key = "GET /items"',
        '  target    = "integrations/${aws_apigatewayv2_integration.api.id}"',
        '}',
        'module "worker" {',
        '  source      = "terraform-aws-modules/lambda/aws"',
        '  handler     = "worker.run"',
        '  source_path = "../jobs"',
        '}',
      ].join('\n'),
      'app/src/index.js': 'exports.handler = async (event) => ({});',
      'jobs/worker.mjs': 'export const run = async (event) => ({});',
    });
    const infra = findInfrastructure(ctx);
    expect(infra.kind).toBe('terraform');
    expect(infra.files).toEqual(['infra/main.tf']);
    expect(constructsOf(infra)).toEqual([
      'aws_lambda_function.api @infra/main.tf:8 -> app/src/index.js#handler [GET /items]',
      'module.worker @infra/main.tf:29 -> jobs/worker.mjs#run',
    ]);
    expect(infra.apis.map((a) => `${a.kind} ${a.name} ${a.line}`)).toEqual(['aws_apigatewayv2_api http 17']);
  });
});

describe('findInfrastructure: several tools', () => {
  it('picks the tool that defines the functions and names the others in an info diagnostic', () => {
    const ctx = makeContext({
      'serverless.yml': 'service: s\nfunctions:\n  a:\n    handler: handler.a\n  b:\n    handler: handler.b',
      'handler.js': 'exports.a = async (event) => 1;\nexports.b = async (event) => 2;',
      'tables.tf': 'resource "aws_dynamodb_table" "t" {\n  name = "t"\n}',
    });
    const infra = findInfrastructure(ctx);
    expect(infra.kind).toBe('serverless');
    expect(codes(ctx)).toEqual(['info multiple-infrastructure serverless.yml:1']);
    expect(ctx.diagnosticsList[0].message).toContain('terraform (tables.tf)');
  });
});
