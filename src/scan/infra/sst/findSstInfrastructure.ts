import * as path from 'node:path';
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { SourceFile } from '../../types';
import { isSstFile } from '../cdk/findCdkInfrastructure';
import { findHandlerSource, splitHandlerString } from '../resolveHandlerFile';
import { asString, memberNameOf, type StaticValue } from '../static/evaluateStatic';
import { safely } from '../safely';
import type { ApiFinding, InfraDetection, InfraTools, LambdaConstruct } from '../types';
import { walkPaths } from '../../walkPaths';

const ROUTE_KEY = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY)\s+(\/\S*)$/i;
const API_CLASSES = new Set(['Api', 'ApiGatewayV2', 'ApiGatewayV1', 'ApiGateway', 'Router']);
const FUNCTION_CLASSES = new Set(['Function']);

/**
 * An SST app (sst.config.ts for v3 with the global `sst.aws.*`, sst.json + stacks importing
 * `sst/constructs` for v2): functions named by handler strings (`src/links.list`, relative to the
 * app root) in `api.route('GET /links', …)`, `routes: { 'GET /links': … }`, `new sst.aws.Function('Name', { handler })`.
 */
export function findSstInfrastructure(tools: InfraTools): InfraDetection | undefined {
  const { project } = tools.ctx;
  const configs = [
    ...project.sources.filter((file) => /(^|\/)sst\.config\.(ts|js|mjs)$/.test(file.rel)).map((file) => file.abs),
    ...project.dataFiles.filter((file) => path.basename(file.rel) === 'sst.json').map((file) => file.abs),
  ];
  const sstFiles = project.sources.filter((file) => isSstFile(file.rel, file.text));
  if (configs.length === 0 && sstFiles.length === 0) return undefined;

  const files = new Set<string>([
    ...project.dataFiles.filter((file) => path.basename(file.rel) === 'sst.json').map((file) => file.rel),
    ...sstFiles.map((file) => file.rel),
  ]);
  const constructs: LambdaConstruct[] = [];
  const apis: ApiFinding[] = [];
  for (const file of sstFiles) {
    const appRoot = nearestConfigDir(configs, file.abs) ?? project.root;
    const add = (handlerValue: StaticValue, name: string, at: NodePath, route?: { method: string; path: string }): void => {
      const handler = handlerStringOf(handlerValue);
      const line = project.lineOf(at);
      const construct: LambdaConstruct = { file: file.rel, line, name, routes: route ? [route] : [] };
      const split = handler ? splitHandlerString(handler) : undefined;
      const found = split ? findHandlerSource(project, [appRoot, path.dirname(file.abs)], split.module) : undefined;
      if (found && split) {
        construct.handlerFile = found.rel;
        construct.handlerExport = split.exportName;
      } else {
        tools.ctx.diagnostics.add({
          severity: 'warning',
          code: 'unresolved-lambda-handler',
          file: file.rel,
          line,
          message: handler
            ? `SST function ${name}: no source file for handler '${handler}' under the app root`
            : `SST function ${name}: its handler is not a literal string the scanner can read`,
        });
      }
      constructs.push(construct);
    };
    const at = (path: NodePath) => ({ file: file.rel, line: project.lineOf(path) });
    walkPaths(file.program, {
      NewExpression: (newPath) => void safely(tools.ctx, at(newPath), 'SST construct', () => {
        const className = sstClassName(tools, file, newPath.get('callee') as NodePath);
        if (!className) return;
        const args = newPath.get('arguments') as NodePath[];
        // v3: new sst.aws.X('Name', props); v2: new X(stack, 'Name', props)
        const v3 = !isSstV2(tools, file, newPath.get('callee') as NodePath);
        const idPath = v3 ? args[0] : args[1];
        const propsPath = v3 ? args[1] : args[2];
        const id = tools.evaluator.evaluateString(file, idPath) ?? className;
        if (API_CLASSES.has(className)) {
          apis.push({ file: file.rel, line: project.lineOf(newPath), kind: className, name: id });
          const props = tools.evaluator.evaluate(file, propsPath);
          const routes = props.kind === 'object' ? props.get('routes') : undefined;
          if (routes?.kind === 'object') {
            for (const key of routes.keys()) {
              const match = ROUTE_KEY.exec(key);
              const value = routes.get(key);
              if (match && value) add(value, `${id} ${key}`, newPath, { method: match[1].toUpperCase(), path: match[2] });
            }
          }
        } else if (FUNCTION_CLASSES.has(className)) {
          add(tools.evaluator.evaluate(file, propsPath), id, newPath);
        }
      }),
      CallExpression: (callPath) => void safely(tools.ctx, at(callPath), 'SST route', () => {
        const callee = callPath.node.callee;
        if (!t.isMemberExpression(callee)) return;
        const method = memberNameOf(callee);
        const args = callPath.get('arguments') as NodePath[];
        if (method === 'route') {
          const key = tools.evaluator.evaluateString(file, args[0]);
          const match = key ? ROUTE_KEY.exec(key) : null;
          if (!match || !args[1]) return;
          const apiName = apiNameOf(tools, file, (callPath.get('callee') as NodePath<t.MemberExpression>).get('object'));
          add(tools.evaluator.evaluate(file, args[1]), `${apiName} ${key}`, callPath, { method: match[1].toUpperCase(), path: match[2] });
        } else if (method === 'addRoutes') {
          const routes = tools.evaluator.evaluate(file, args[1] ?? args[0]);
          if (routes.kind !== 'object') return;
          const apiName = apiNameOf(tools, file, (callPath.get('callee') as NodePath<t.MemberExpression>).get('object'));
          for (const key of routes.keys()) {
            const match = ROUTE_KEY.exec(key);
            const value = routes.get(key);
            if (match && value) add(value, `${apiName} ${key}`, callPath, { method: match[1].toUpperCase(), path: match[2] });
          }
        }
      }),
    });
  }
  return { kind: 'sst', files: [...files].sort(), constructs, apis };
}

/** `'src/x.handler'`, `{ handler: '…' }`, `{ function: '…' }`, `{ function: { handler: '…' } }`. */
function handlerStringOf(value: StaticValue): string | undefined {
  const text = asString(value);
  if (text !== undefined) return text;
  if (value.kind !== 'object') return undefined;
  const handler = asString(value.get('handler'));
  if (handler !== undefined) return handler;
  const fn = value.get('function');
  return fn ? handlerStringOf(fn) : undefined;
}

/** `sst.aws.ApiGatewayV2` (v3 global) or a class imported from `sst/constructs` (v2). */
function sstClassName(tools: InfraTools, file: SourceFile, callee: NodePath): string | undefined {
  if (callee.isMemberExpression()) {
    const chain = memberChain(callee.node);
    if (chain && chain[0] === 'sst' && chain.length === 3) return chain[2];
  }
  const origin = tools.ctx.project.resolveExpression(file, callee);
  if (origin?.kind === 'package' && /^(sst\/constructs|@serverless-stack\/resources)$/.test(origin.module)) return origin.members.join('.');
  return undefined;
}

function isSstV2(tools: InfraTools, file: SourceFile, callee: NodePath): boolean {
  const origin = tools.ctx.project.resolveExpression(file, callee);
  return origin?.kind === 'package';
}

function memberChain(node: t.Expression): string[] | undefined {
  if (t.isIdentifier(node)) return [node.name];
  if (t.isMemberExpression(node) && !node.computed && t.isIdentifier(node.property)) {
    const head = memberChain(node.object as t.Expression);
    return head ? [...head, node.property.name] : undefined;
  }
  return undefined;
}

function apiNameOf(tools: InfraTools, file: SourceFile, receiver: NodePath): string {
  const value = tools.evaluator.evaluate(file, receiver);
  if (value.kind === 'unknown' && value.path?.isNewExpression() && value.file) {
    const args = value.path.get('arguments') as NodePath[];
    const v3 = !isSstV2(tools, value.file, value.path.get('callee') as NodePath);
    const id = tools.evaluator.evaluateString(value.file, v3 ? args[0] : args[1]);
    if (id) return id;
  }
  return receiver.isIdentifier() ? receiver.node.name : 'Api';
}

function nearestConfigDir(configs: string[], fileAbs: string): string | undefined {
  return configs
    .map((config) => path.dirname(config))
    .filter((dir) => fileAbs === dir || fileAbs.startsWith(dir + path.sep))
    .sort((a, b) => b.length - a.length)[0];
}
