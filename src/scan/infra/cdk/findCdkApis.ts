import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { SourceFile } from '../../types';
import { asString, memberNameOf, type Env, type StaticValue } from '../static/evaluateStatic';
import { expandEnvironments } from '../static/expandEnvironments';
import type { ApiFinding, InfraTools, LambdaConstruct } from '../types';
import { safely } from '../safely';
import { isSymbol, resolveCdkSymbol, type CdkSymbol } from './cdkSymbols';
import type { CdkLambdaSite } from './findCdkLambdas';
import { walkPaths } from '../../walkPaths';

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY']);
const API_CLASSES: [string, string][] = [
  ['aws-apigateway', 'RestApi'],
  ['aws-apigateway', 'LambdaRestApi'],
  ['aws-apigateway', 'SpecRestApi'],
  ['aws-apigatewayv2', 'HttpApi'],
  ['aws-apigatewayv2', 'WebSocketApi'],
];

/**
 * API Gateway constructs (RestApi, LambdaRestApi, HttpApi) and the routes that reach each Lambda:
 * `resource.addMethod('GET', new LambdaIntegration(fn))` on `api.root.addResource('notes')`
 * chains, `httpApi.addRoutes({ path, methods, integration: new HttpLambdaIntegration('I', fn) })`,
 * and the proxy of LambdaRestApi / HttpApi `defaultIntegration`. Routes are added to the
 * matching constructs' `routes`.
 */
export function findCdkApis(tools: InfraTools, files: SourceFile[], lambdaSites: CdkLambdaSite[]): ApiFinding[] {
  const apis: ApiFinding[] = [];
  const sitesByNode = new Map<t.Node, CdkLambdaSite>(lambdaSites.map((site) => [site.path.node, site]));
  const linker = new RouteLinker(tools, sitesByNode);
  const visitNew = (file: SourceFile, newPath: NodePath<t.NewExpression>): void => {
    const symbol = resolveCdkSymbol(tools.ctx.project, file, newPath.get('callee') as NodePath);
    const kind = API_CLASSES.find(([service, name]) => isSymbol(symbol, service, name))?.[1];
    if (!kind) return;
    const args = newPath.get('arguments') as NodePath[];
    const id = tools.evaluator.evaluateString(file, args[1]);
    apis.push({ file: file.rel, line: tools.ctx.project.lineOf(newPath), kind, name: id ?? kind });
    linker.linkDefault(file, newPath, kind);
  };
  const visitCall = (file: SourceFile, callPath: NodePath<t.CallExpression>): void => {
    const callee = callPath.node.callee;
    if (!t.isMemberExpression(callee)) return;
    const method = memberNameOf(callee);
    if (method === 'addMethod') linker.linkAddMethod(file, callPath);
    else if (method === 'addRoutes') linker.linkAddRoutes(file, callPath);
    else if (method === 'addProxy') linker.linkAddProxy(file, callPath);
  };
  for (const file of files) {
    const at = (path: NodePath) => ({ file: file.rel, line: tools.ctx.project.lineOf(path) });
    walkPaths(file.program, {
      NewExpression: (newPath) => void safely(tools.ctx, at(newPath), 'API construct', () => visitNew(file, newPath)),
      CallExpression: (callPath) => void safely(tools.ctx, at(callPath), 'API route', () => visitCall(file, callPath)),
    });
  }
  return apis;
}

class RouteLinker {
  constructor(
    private readonly tools: InfraTools,
    private readonly sitesByNode: Map<t.Node, CdkLambdaSite>,
  ) {}

  /** LambdaRestApi `handler` and HttpApi `defaultIntegration`: every path and method. */
  linkDefault(file: SourceFile, newPath: NodePath<t.NewExpression>, kind: string): void {
    const args = newPath.get('arguments') as NodePath[];
    this.link(file, (env) => {
      const props = this.tools.evaluator.evaluate(file, args[2], env);
      if (props.kind !== 'object') return [];
      if (kind === 'LambdaRestApi') {
        const proxy = props.get('proxy');
        if (proxy?.kind === 'boolean' && !proxy.value) return [];
        return [{ methods: ['ANY'], path: '/{proxy+}', fn: props.get('handler') }];
      }
      const integration = props.get('defaultIntegration');
      return integration ? [{ methods: ['ANY'], path: '/{proxy+}', fn: this.functionOfIntegration(integration, env) }] : [];
    });
  }

  linkAddMethod(file: SourceFile, call: NodePath<t.CallExpression>): void {
    const args = call.get('arguments') as NodePath[];
    const receiver = (call.get('callee') as NodePath<t.MemberExpression>).get('object');
    this.link(file, (env) => {
      const resource = this.resourceOf(file, receiver, env, 0);
      if (!resource) return [];
      const method = this.httpMethod(file, args[0], env);
      if (!method) return [];
      const fn = args[1]?.node ? this.functionOfIntegration(this.tools.evaluator.evaluate(file, args[1], env), env) : resource.defaultFn;
      return [{ methods: [method], path: resource.path || '/', fn }];
    });
  }

  linkAddProxy(file: SourceFile, call: NodePath<t.CallExpression>): void {
    const args = call.get('arguments') as NodePath[];
    const receiver = (call.get('callee') as NodePath<t.MemberExpression>).get('object');
    this.link(file, (env) => {
      const resource = this.resourceOf(file, receiver, env, 0);
      const options = this.tools.evaluator.evaluate(file, args[0], env);
      if (!resource || options.kind !== 'object') return [];
      const integration = options.get('defaultIntegration');
      const fn = integration ? this.functionOfIntegration(integration, env) : resource.defaultFn;
      return [{ methods: ['ANY'], path: `${resource.path}/{proxy+}`, fn }];
    });
  }

  linkAddRoutes(file: SourceFile, call: NodePath<t.CallExpression>): void {
    const args = call.get('arguments') as NodePath[];
    this.link(file, (env) => {
      const options = this.tools.evaluator.evaluate(file, args[0], env);
      if (options.kind !== 'object') return [];
      const path = asString(options.get('path'));
      const integration = options.get('integration');
      if (path === undefined || !integration) return [];
      const methodsValue = options.get('methods');
      const methods =
        methodsValue?.kind === 'array'
          ? methodsValue.items.map((item) => this.methodOfValue(item())).filter((m): m is string => Boolean(m))
          : ['ANY'];
      return [{ methods, path, fn: this.functionOfIntegration(integration, env) }];
    });
  }

  /** Expands loops/helpers around a route declaration and adds each route to the construct it reaches. */
  private link(file: SourceFile, describe: (env: Env) => { methods: string[]; path: string; fn: StaticValue | undefined }[]): void {
    const { evaluator, sites } = this.tools;
    for (const expansion of expandEnvironments(evaluator, sites, (env) => void this.targetsOf(describe(env), env))) {
      const routes = describe(expansion.env);
      for (const route of routes) {
        for (const construct of this.constructsOf(route.fn, expansion.env)) {
          for (const method of route.methods) {
            if (!construct.routes.some((r) => r.method === method && r.path === route.path)) construct.routes.push({ method, path: route.path });
          }
        }
      }
    }
    void file;
  }

  private targetsOf(routes: { fn: StaticValue | undefined }[], env: Env): void {
    for (const route of routes) this.constructsOf(route.fn, env);
  }

  private constructsOf(fn: StaticValue | undefined, env: Env): LambdaConstruct[] {
    if (!fn || fn.kind !== 'unknown' || !fn.path) return [];
    const site = this.sitesByNode.get(fn.path.node);
    if (!site || !fn.file) return [];
    if (site.constructs.length === 1) return [site.constructs[0].construct];
    // Read through a helper instance (`orders.fn`): the construct made by that instance.
    let candidates = site.constructs;
    const instances = fn.instances ?? [];
    const viaInstance = candidates.filter((c) => instances.some((node) => c.instances.includes(node)));
    if (viaInstance.length > 0) candidates = viaInstance;
    const id = this.tools.evaluator.evaluateString(site.file, (site.path.get('arguments') as NodePath[])[1], env);
    const matching = candidates.filter((c) => c.innerId === id);
    return (matching.length > 0 ? matching : candidates).map((c) => c.construct);
  }

  /** `new LambdaIntegration(fn)` / `new HttpLambdaIntegration('Id', fn)` → fn. */
  private functionOfIntegration(integration: StaticValue, env: Env): StaticValue | undefined {
    if (integration.kind !== 'unknown' || !integration.path?.isNewExpression() || !integration.file) return undefined;
    const file = integration.file;
    const newPath = integration.path;
    const symbol: CdkSymbol | undefined = resolveCdkSymbol(this.tools.ctx.project, file, newPath.get('callee') as NodePath);
    const args = newPath.get('arguments') as NodePath[];
    if (isSymbol(symbol, 'aws-apigateway', 'LambdaIntegration')) return this.tools.evaluator.evaluate(file, args[0], env);
    if (symbol && /^aws-apigatewayv2-integrations$/.test(symbol.service) && symbol.members.join('.') === 'HttpLambdaIntegration') {
      return this.tools.evaluator.evaluate(file, args[1], env);
    }
    return undefined;
  }

  /** The path of an API Gateway resource: `api.root.addResource('notes').addResource('{id}')` → `/notes/{id}`. */
  private resourceOf(file: SourceFile, path: NodePath, env: Env, depth: number): { path: string; defaultFn?: StaticValue } | undefined {
    if (depth > 12 || !path.node) return undefined;
    if (path.isMemberExpression() && memberNameOf(path.node) === 'root') {
      return { path: '', defaultFn: this.defaultHandlerOf(file, path.get('object'), env) };
    }
    if (path.isCallExpression() && t.isMemberExpression(path.node.callee)) {
      const method = memberNameOf(path.node.callee);
      const object = (path.get('callee') as NodePath<t.MemberExpression>).get('object');
      const arg = (path.get('arguments') as NodePath[])[0];
      if (method === 'addResource' || method === 'resourceForPath') {
        const parent = this.resourceOf(file, object, env, depth + 1);
        const segment = this.tools.evaluator.evaluateString(file, arg, env);
        if (!parent || segment === undefined) return undefined;
        return { path: `${parent.path}/${segment.replace(/^\/+|\/+$/g, '')}`, defaultFn: parent.defaultFn };
      }
      return undefined;
    }
    if (path.isIdentifier() || path.isMemberExpression()) {
      const value = this.tools.evaluator.evaluate(file, path, env);
      if (value.kind === 'unknown' && value.path && value.file && value.path.node !== path.node) {
        return this.resourceOf(value.file, value.path, env, depth + 1);
      }
    }
    return undefined;
  }

  private defaultHandlerOf(file: SourceFile, apiPath: NodePath, env: Env): StaticValue | undefined {
    const api = this.tools.evaluator.evaluate(file, apiPath, env);
    if (api.kind !== 'unknown' || !api.path?.isNewExpression() || !api.file) return undefined;
    const props = this.tools.evaluator.evaluate(api.file, (api.path.get('arguments') as NodePath[])[2], env);
    if (props.kind !== 'object') return undefined;
    const handler = props.get('handler');
    if (handler) return handler;
    const integration = props.get('defaultIntegration');
    return integration ? this.functionOfIntegration(integration, env) : undefined;
  }

  private httpMethod(file: SourceFile, path: NodePath | undefined, env: Env): string | undefined {
    if (!path?.node) return undefined;
    const value = this.tools.evaluator.evaluate(file, path, env);
    const text = asString(value);
    if (text !== undefined) return HTTP_METHODS.has(text.toUpperCase()) ? text.toUpperCase() : undefined;
    return this.methodOfValue(value) ?? (path.isMemberExpression() ? enumMember(path.node) : undefined);
  }

  private methodOfValue(value: StaticValue): string | undefined {
    const text = asString(value);
    if (text !== undefined) return HTTP_METHODS.has(text.toUpperCase()) ? text.toUpperCase() : undefined;
    if (value.kind === 'unknown' && value.path?.isMemberExpression()) return enumMember(value.path.node);
    return undefined;
  }
}

/** `HttpMethod.GET` → GET. */
function enumMember(node: t.MemberExpression): string | undefined {
  const name = memberNameOf(node);
  return name && HTTP_METHODS.has(name) ? name : undefined;
}
