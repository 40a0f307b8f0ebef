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

const HEADER = ["import * as cdk from 'aws-cdk-lib';", "import * as lambda from 'aws-cdk-lib/aws-lambda';", "import { Construct } from 'constructs';"];

describe('findInfrastructure: CDK', () => {
  it('resolves Code.fromAsset handlers against the cdk.json folder, links RestApi methods and lists the app files', () => {
    const ctx = makeContext({
      'infra/cdk.json': JSON.stringify({ app: 'npx ts-node --prefer-ts-exts bin/infra.ts' }),
      'infra/bin/infra.ts': ["import * as cdk from 'aws-cdk-lib';", "import { NotesStack } from '../lib/notes-stack';", "new NotesStack(new cdk.App(), 'Notes');"].join('\n'),
      'infra/lib/notes-stack.ts': [
        ...HEADER,
        "import * as apigw from 'aws-cdk-lib/aws-apigateway';",
        'export class NotesStack extends cdk.Stack {',
        '  constructor(scope: Construct, id: string) {',
        '    super(scope, id);',
        "    const list = new lambda.Function(this, 'ListFn', { runtime: lambda.Runtime.NODEJS_24_X, code: lambda.Code.fromAsset('functions'), handler: 'notes/list.handler' });",
        "    const get = new lambda.Function(this, 'GetFn', { code: lambda.Code.fromAsset('functions'), handler: 'notes/get.main' });",
        "    const api = new apigw.RestApi(this, 'NotesApi');",
        "    const notes = api.root.addResource('notes');",
        "    notes.addMethod('GET', new apigw.LambdaIntegration(list));",
        "    notes.addResource('{id}').addMethod('GET', new apigw.LambdaIntegration(get));",
        '  }',
        '}',
      ].join('\n'),
      'infra/functions/notes/list.ts': 'export const handler = async () => ({});',
      'infra/functions/notes/get.js': 'exports.main = async () => ({});',
    });
    const infra = findInfrastructure(ctx);
    expect(infra.kind).toBe('cdk');
    expect(infra.files).toEqual(['infra/bin/infra.ts', 'infra/cdk.json', 'infra/lib/notes-stack.ts']);
    expect(constructsOf(infra)).toEqual([
      'GetFn @infra/lib/notes-stack.ts:9 -> infra/functions/notes/get.js#main [GET /notes/{id}]',
      'ListFn @infra/lib/notes-stack.ts:8 -> infra/functions/notes/list.ts#handler [GET /notes]',
    ]);
    expect(infra.apis).toEqual([{ file: 'infra/lib/notes-stack.ts', line: 10, kind: 'RestApi', name: 'NotesApi' }]);
    expect(ctx.diagnosticsList).toEqual([]);
  });

  it('expands functions created in loops over literal route lists, and reports loops it cannot evaluate', () => {
    const ctx = makeContext({
      'lib/stack.ts': [
        ...HEADER,
        "import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';",
        "import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';",
        'const ROUTES = [',
        "  { name: 'create', method: HttpMethod.POST, path: '/todos' },",
        "  { name: 'list', method: HttpMethod.GET, path: '/todos' },",
        '];',
        'export class TodoStack extends cdk.Stack {',
        '  constructor(scope: Construct, id: string, props: { extra: string[] }) {',
        '    super(scope, id);',
        "    const api = new HttpApi(this, 'Api');",
        '    for (const route of ROUTES) {',
        '      const fn = new lambda.Function(this, `${route.name}Fn`, {',
        "        code: lambda.Code.fromAsset('src'),",
        '        handler: `${route.name}.handler`,',
        '      });',
        "      api.addRoutes({ path: route.path, methods: [route.method], integration: new HttpLambdaIntegration(`${route.name}Int`, fn) });",
        '    }',
        "    ['report'].forEach((name) => new lambda.Function(this, name, { code: lambda.Code.fromAsset('src'), handler: name + '.run' }));",
        "    props.extra.forEach((name) => new lambda.Function(this, name, { code: lambda.Code.fromAsset('src'), handler: `${name}.handler` }));",
        '  }',
        '}',
      ].join('\n'),
      'src/create.ts': 'export const handler = async () => ({});',
      'src/list.ts': 'export const handler = async () => ({});',
      'src/report.mjs': 'export const run = async () => ({});',
    });
    const infra = findInfrastructure(ctx);
    expect(constructsOf(infra)).toEqual([
      'createFn @lib/stack.ts:15 -> src/create.ts#handler [POST /todos]',
      'listFn @lib/stack.ts:15 -> src/list.ts#handler [GET /todos]',
      'name @lib/stack.ts:22 -> ?#?',
      'report @lib/stack.ts:21 -> src/report.mjs#run',
    ]);
    expect(ctx.diagnosticsList.map((d) => `${d.code} ${d.file}:${d.line}`)).toEqual(['dynamic-lambda-construct lib/stack.ts:22']);
  });

  it('follows NodejsFunction entries through helper constructs, one construct per helper instance', () => {
    const ctx = makeContext({
      'cdk.json': JSON.stringify({ app: 'npx tsx infra/app.ts' }),
      'infra/app.ts': ["import { App } from 'aws-cdk-lib';", "import { ApiStack } from './api-stack';", "new ApiStack(new App(), 'Api');"].join('\n'),
      'infra/api-stack.ts': [
        "import { Stack } from 'aws-cdk-lib';",
        "import { LambdaRestApi } from 'aws-cdk-lib/aws-apigateway';",
        "import { Construct } from 'constructs';",
        "import { ServiceFunction } from './service-function';",
        'export class ApiStack extends Stack {',
        '  constructor(scope: Construct, id: string) {',
        '    super(scope, id);',
        "    const orders = new ServiceFunction(this, 'Orders', { file: 'orders' });",
        "    new ServiceFunction(this, 'Billing', { file: 'billing', exportName: 'main' });",
        "    new LambdaRestApi(this, 'Gateway', { handler: orders.fn });",
        '  }',
        '}',
      ].join('\n'),
      'infra/service-function.ts': [
        "import * as path from 'path';",
        "import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';",
        "import { Construct } from 'constructs';",
        'export class ServiceFunction extends Construct {',
        '  readonly fn: NodejsFunction;',
        '  constructor(scope: Construct, id: string, props: { file: string; exportName?: string }) {',
        '    super(scope, id);',
        "    this.fn = new NodejsFunction(this, 'Handler', {",
        "      entry: path.join(__dirname, '..', 'services', `${props.file}.ts`),",
        '      handler: props.exportName,',
        '    });',
        '  }',
        '}',
      ].join('\n'),
      'services/orders.ts': 'export async function handler(event: unknown) { return {}; }',
      'services/billing.ts': 'export async function main(event: unknown) { return {}; }',
    });
    const infra = findInfrastructure(ctx);
    expect(infra.files).toEqual(['cdk.json', 'infra/api-stack.ts', 'infra/app.ts', 'infra/service-function.ts']);
    expect(constructsOf(infra)).toEqual([
      'Handler @infra/service-function.ts:8 -> services/billing.ts#main',
      'Handler @infra/service-function.ts:8 -> services/orders.ts#handler [ANY /{proxy+}]',
    ]);
    expect(infra.apis.map((a) => `${a.kind} ${a.name}`)).toEqual(['LambdaRestApi Gateway']);
  });

  it('uses the default NodejsFunction entry and maps build output back to sources, saying so', () => {
    const ctx = makeContext({
      'lib/jobs.ts': [
        "import { Stack, aws_lambda as lambda, aws_lambda_nodejs as nodejs } from 'aws-cdk-lib';",
        'export class Jobs extends Stack {',
        '  constructor(scope: any, id: string) {',
        '    super(scope, id);',
        "    new nodejs.NodejsFunction(this, 'cleanup');",
        "    new lambda.Function(this, 'Built', { code: lambda.Code.fromAsset('dist/handlers'), handler: 'nightly.handler' });",
        "    new lambda.Function(this, 'Inline', { code: lambda.Code.fromInline('exports.handler = 1'), handler: 'index.handler' });",
        '  }',
        '}',
      ].join('\n'),
      'lib/jobs.cleanup.ts': 'export const handler = async () => {};',
      'src/handlers/nightly.ts': 'export const handler = async () => {};',
    });
    const infra = findInfrastructure(ctx);
    expect(constructsOf(infra)).toEqual([
      'Built @lib/jobs.ts:6 -> src/handlers/nightly.ts#handler',
      'Inline @lib/jobs.ts:7 -> ?#?',
      'cleanup @lib/jobs.ts:5 -> lib/jobs.cleanup.ts#handler',
    ]);
    expect(ctx.diagnosticsList.map((d) => `${d.severity} ${d.code} ${d.file}:${d.line}`)).toEqual([
      'info handler-from-build-output lib/jobs.ts:6',
      'warning inline-lambda-code lib/jobs.ts:7',
    ]);
  });

  it('returns kind none for a project without infrastructure', () => {
    const ctx = makeContext({ 'server.js': "require('express')().listen(3000);" });
    expect(findInfrastructure(ctx)).toEqual({ kind: 'none', files: [], constructs: [], apis: [] });
  });
});

describe('findInfrastructure: odd CDK code', () => {
  it('survives recursive helpers and self-referencing values without hanging', () => {
    const ctx = makeContext({
      'lib/stack.ts': [
        ...HEADER,
        'function addFunctions(scope: Construct, names: string[]): void {',
        '  if (names.length === 0) return;',
        "  new lambda.Function(scope, names[0], { code: lambda.Code.fromAsset('src'), handler: `${names[0]}.handler` });",
        '  addFunctions(scope, names.slice(1));',
        '}',
        'const a: string = b; const b: string = a;',
        'export class S extends cdk.Stack {',
        '  constructor(scope: Construct, id: string) {',
        '    super(scope, id);',
        "    addFunctions(this, ['one']);",
        "    new lambda.Function(this, a, { code: lambda.Code.fromAsset(b), handler: a });",
        '  }',
        '}',
      ].join('\n'),
      'src/one.ts': 'export const handler = async () => ({});',
    });
    const infra = findInfrastructure(ctx);
    expect(constructsOf(infra)).toEqual(['a @lib/stack.ts:14 -> ?#?', 'one @lib/stack.ts:6 -> src/one.ts#handler']);
    expect(ctx.diagnosticsList.map((d) => d.code)).toEqual(['unresolved-lambda-handler']);
  });
});
