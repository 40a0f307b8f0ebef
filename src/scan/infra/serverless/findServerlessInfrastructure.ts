import * as path from 'node:path';
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { SourceFile } from '../../types';
import { findHandlerSource, splitHandlerString } from '../resolveHandlerFile';
import { asString, fromPlain, type StaticValue } from '../static/evaluateStatic';
import type { ApiFinding, ApiRoute, InfraDetection, InfraTools, LambdaConstruct } from '../types';

const CONFIG_NAME = /(^|\/)serverless\.(ya?ml|ts|js|cjs|mjs)$/;

interface ServerlessConfig {
  file: string;
  abs: string;
  config: StaticValue;
  /** Line of a function's key under `functions:`. */
  lineOfFunction(name: string): number;
}

/**
 * A Serverless Framework service: serverless.yml / .yaml (read with the `yaml` package) or
 * serverless.ts / .js (evaluated statically); each function's `handler: path/file.export`,
 * resolved against the config's folder, and its `http` / `httpApi` events as routes.
 */
export function findServerlessInfrastructure(tools: InfraTools): InfraDetection | undefined {
  const configs: ServerlessConfig[] = [];
  for (const file of tools.ctx.project.dataFiles) {
    if (CONFIG_NAME.test(file.rel)) {
      const parsed = readYamlConfig(tools, file.rel, file.text);
      if (parsed) configs.push({ ...parsed, abs: file.abs });
    }
  }
  for (const file of tools.ctx.project.sources) {
    if (CONFIG_NAME.test(file.rel)) configs.push(readCodeConfig(tools, file));
  }
  if (configs.length === 0) return undefined;

  const constructs: LambdaConstruct[] = [];
  const apis: ApiFinding[] = [];
  for (const config of configs) {
    const functions = config.config.kind === 'object' ? config.config.get('functions') : undefined;
    if (!functions || functions.kind !== 'object') continue;
    const service = asString(config.config.kind === 'object' ? config.config.get('service') : undefined) ?? 'service';
    const apiKinds = new Set<string>();
    for (const name of functions.keys()) {
      const fn = functions.get(name);
      if (!fn || fn.kind !== 'object') continue;
      const line = config.lineOfFunction(name);
      const construct: LambdaConstruct = { file: config.file, line, name, routes: routesOf(fn.get('events'), apiKinds) };
      const handler = asString(fn.get('handler'));
      const split = handler ? splitHandlerString(handler) : undefined;
      const found = split ? findHandlerSource(tools.ctx.project, [path.dirname(config.abs)], split.module) : undefined;
      if (found && split) {
        construct.handlerFile = found.rel;
        construct.handlerExport = split.exportName;
      } else {
        tools.ctx.diagnostics.add({
          severity: 'warning',
          code: 'unresolved-lambda-handler',
          file: config.file,
          line,
          message: handler
            ? `function ${name}: no source file for handler '${handler}' next to ${path.basename(config.file)}`
            : `function ${name}: its handler is not a plain string the scanner can read`,
        });
      }
      constructs.push(construct);
    }
    for (const kind of [...apiKinds].sort()) apis.push({ file: config.file, line: 1, kind, name: service });
  }
  return { kind: 'serverless', files: configs.map((config) => config.file).sort(), constructs, apis };
}

/** `http: { path: products/{id}, method: get }`, `http: 'GET products'`, `httpApi: 'GET /x'`, `httpApi: { method, path }`. */
function routesOf(events: StaticValue | undefined, apiKinds: Set<string>): ApiRoute[] {
  if (!events || events.kind !== 'array') return [];
  const routes: ApiRoute[] = [];
  for (const item of events.items) {
    const event = item();
    if (event.kind !== 'object') continue;
    for (const type of ['http', 'httpApi']) {
      const spec = event.get(type);
      if (!spec) continue;
      apiKinds.add(type === 'http' ? 'RestApi' : 'HttpApi');
      let method: string | undefined;
      let routePath: string | undefined;
      const text = asString(spec);
      if (text !== undefined) {
        if (text.trim() === '*') [method, routePath] = ['ANY', '/{proxy+}'];
        else [method, routePath] = text.trim().split(/\s+/, 2);
      } else if (spec.kind === 'object') {
        method = asString(spec.get('method'));
        routePath = asString(spec.get('path'));
      }
      if (!method || routePath === undefined) continue;
      const upper = method === '*' ? 'ANY' : method.toUpperCase();
      routes.push({ method: upper, path: routePath.startsWith('/') ? routePath : `/${routePath}` });
    }
  }
  return routes;
}

function readYamlConfig(tools: InfraTools, rel: string, text: string): Omit<ServerlessConfig, 'abs'> | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false });
  if (document.errors.length > 0) {
    const error = document.errors[0];
    tools.ctx.diagnostics.add({
      severity: 'warning',
      code: 'yaml-parse-error',
      file: rel,
      line: error.linePos?.[0]?.line ?? 1,
      message: `${path.basename(rel)} could not be read (${error.message.split('\n')[0]}); its functions are not listed`,
    });
    return undefined;
  }
  const functionsNode = isMap(document.contents) ? document.contents.get('functions', true) : undefined;
  return {
    file: rel,
    config: fromPlain(document.toJS({ maxAliasCount: 100 })),
    lineOfFunction(name) {
      if (!isMap(functionsNode)) return 1;
      const pair = functionsNode.items.find((item) => isScalar(item.key) && String(item.key.value) === name);
      const offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      return offset === undefined ? 1 : lineCounter.linePos(offset).line;
    },
  };
}

/** serverless.ts: the object it exports (`module.exports = config`, `export default config`, `export = config`). */
function readCodeConfig(tools: InfraTools, file: SourceFile): ServerlessConfig {
  let exported: NodePath | undefined;
  for (const statement of file.program.get('body')) {
    if (statement.isExportDefaultDeclaration()) exported = statement.get('declaration');
    else if (statement.isTSExportAssignment()) exported = statement.get('expression');
    else if (statement.isExpressionStatement()) {
      const expression = statement.get('expression');
      if (expression.isAssignmentExpression() && isModuleExports(expression.node.left)) exported = expression.get('right');
    }
  }
  const config = exported ? tools.evaluator.evaluate(file, exported) : fromPlain(undefined);
  const functions = config.kind === 'object' ? config.get('functions') : undefined;
  return {
    file: file.rel,
    abs: file.abs,
    config,
    lineOfFunction(name) {
      const at = functions?.kind === 'object' ? functions.keyNode(name) : undefined;
      return at ? tools.ctx.project.lineOf(at.node) : 1;
    },
  };
}

function isModuleExports(node: t.Node): boolean {
  return t.isMemberExpression(node) && t.isIdentifier(node.object, { name: 'module' }) && t.isIdentifier(node.property, { name: 'exports' });
}
