/**
 * Express 4 does not catch a rejected promise from an async handler: the request would hang and
 * Node would report an unhandled rejection. Handlers that now await get their body wrapped in
 * try/catch passing the error to `next(err)`, which reaches the app's error middleware (or
 * Express's default 500). Express 5, Fastify and Lambda handle rejections themselves.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ASTPath } from 'jscodeshift';
import type { ASTNode } from 'ast-types';
import { statement } from '../../emit/emitContext';
import type { FileRewrite } from './FileRewrite';
import { containsOwnAwait } from './propagateAsync';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'use', 'options', 'head']);

export function wrapExpressHandlers(rewrite: FileRewrite): void {
  if (!needsWrapping(rewrite)) return;
  const { j } = rewrite;
  rewrite.root.find(j.Function).forEach((fn: ASTPath<any>) => {
    if (!fn.node.async || !containsOwnAwait(fn.node)) return;
    // only a handler that now reaches DynamoDB: its other awaits fail (or not) as they did before
    if (!reachesDynamoDb(rewrite, fn)) return;
    if (!isExpressHandler(rewrite, fn)) return;
    if (allAwaitsCaught(fn.node)) return;
    wrap(rewrite, fn);
  });
}

/** An await was emitted in it, or it calls (directly or through helpers, across files) code that touches a store. */
function reachesDynamoDb(rewrite: FileRewrite, fn: ASTPath<any>): boolean {
  if (rewrite.awaiting.has(fn.node)) return true;
  const scanner = rewrite.scannerPathOf(fn.node);
  return Boolean(scanner && rewrite.analysis.asyncFunctions.has(scanner.node));
}

function needsWrapping(rewrite: FileRewrite): boolean {
  const kinds = [...rewrite.analysis.handlerKinds.values()];
  if (kinds.length && !kinds.includes('express')) return false;
  const major = expressMajorVersion(rewrite.analysis.root, rewrite.rel);
  return major === undefined || major < 5;
}

function isExpressHandler(rewrite: FileRewrite, fn: ASTPath<any>): boolean {
  const scanner = rewrite.scannerPathOf(fn.node);
  const kind = scanner ? rewrite.analysis.handlerKinds.get(scanner.node) : undefined;
  if (kind) return kind === 'express';
  const params = fn.node.params as AnyNode[];
  if (params.length < 2 || params.length > 3) return false;
  const call = fn.parent?.node as AnyNode;
  if (call?.type === 'CallExpression' && call.arguments.includes(fn.node) && call.callee.type === 'MemberExpression') {
    return ROUTE_METHODS.has(call.callee.property?.name);
  }
  // (req, res) / (request, response) handlers referenced elsewhere (controllers)
  const [first, second] = params.map((param) => param.name ?? '');
  return /^(req|request)$/.test(first) && /^(res|response)$/.test(second);
}

function wrap(rewrite: FileRewrite, fn: ASTPath<any>): void {
  const { j } = rewrite;
  const params = fn.node.params as AnyNode[];
  let next: string;
  if (params.length >= 3 && params[2].type === 'Identifier') next = params[2].name;
  else {
    next = unusedName(fn.node, ['next', 'nextFn']);
    const param = j.identifier(next) as AnyNode;
    // typed handlers (`(req: Request, res: Response)`) get a typed `next` too: strict TS has no implicit any
    if (params.some((existing) => existing.typeAnnotation)) param.typeAnnotation = j.tsTypeAnnotation(nextFunctionType(rewrite));
    params.push(param);
  }
  const errorName = unusedName(fn.node, ['err', 'error', 'caught']);
  let body = fn.node.body as AnyNode;
  if (body.type !== 'BlockStatement') body = j.blockStatement([j.returnStatement(body as any)]);
  const handler = statement(rewrite.emit, [`try {\n} catch (${errorName}) {\n${rewrite.style.indent}${next}(${errorName});\n}`]) as AnyNode;
  handler.block.body = body.body;
  fn.node.body = j.blockStatement([handler as any]);
}

/** `NextFunction`, added to the file's own `import … from 'express'`; without one, the shape it has. */
function nextFunctionType(rewrite: FileRewrite): AnyNode {
  const { j } = rewrite;
  const declaration = rewrite.root
    .find(j.ImportDeclaration)
    .filter((path: ASTPath<any>) => path.node.source.value === 'express' && (path.node.specifiers ?? []).every((specifier: AnyNode) => specifier.type === 'ImportSpecifier'))
    .nodes()[0] as AnyNode | undefined;
  if (!declaration) return statementType(rewrite);
  const existing = (declaration.specifiers as AnyNode[]).find((specifier) => (specifier.imported ?? specifier.local)?.name === 'NextFunction');
  if (existing) return j.tsTypeReference(j.identifier(existing.local.name));
  const specifier = j.importSpecifier(j.identifier('NextFunction'), j.identifier('NextFunction')) as AnyNode;
  // a value import gets a type-only specifier, so nothing new is loaded at run time
  if (declaration.importKind !== 'type') specifier.importKind = 'type';
  declaration.specifiers = [...declaration.specifiers, specifier];
  return j.tsTypeReference(j.identifier('NextFunction'));
}

/** `(error?: unknown) => void`, written as the file would. */
function statementType(rewrite: FileRewrite): AnyNode {
  const declaration = statement(rewrite.emit, ['type T = (error?: unknown) => void;']) as AnyNode;
  return declaration.typeAnnotation;
}

/** Every await and throw sits inside a try that has a catch (the app handles its own errors there). */
function allAwaitsCaught(fn: AnyNode): boolean {
  let uncaught = false;
  const visit = (node: AnyNode | null | undefined, caught: boolean, top: boolean): void => {
    if (!node || typeof node !== 'object' || uncaught) return;
    if (!top && /Function|Method/.test(node.type)) return;
    // a throw in an async handler (also a catch's rethrow) is a rejection Express 4 never sees
    if ((node.type === 'AwaitExpression' || node.type === 'ThrowStatement') && !caught) {
      uncaught = true;
      return;
    }
    if (node.type === 'TryStatement') {
      visit(node.block, caught || Boolean(node.handler), false);
      visit(node.handler, caught, false);
      visit(node.finalizer, caught, false);
      return;
    }
    for (const key of Object.keys(node)) {
      if (key === 'loc' || key === 'comments' || key === 'original' || key === 'tokens') continue;
      const value = node[key];
      if (Array.isArray(value)) value.forEach((item) => item && typeof item.type === 'string' && visit(item, caught, false));
      else if (value && typeof value.type === 'string') visit(value, caught, false);
    }
  };
  visit(fn.body, false, false);
  return !uncaught;
}

/** The first candidate no object in the function has as its `name` (identifiers, JSX names, type parameters…). */
function unusedName(fn: AnyNode, candidates: string[]): string {
  const names = new Set<string>();
  const seen = new Set<object>();
  const collect = (value: AnyNode): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) return value.forEach(collect);
    if (typeof value.name === 'string' && Object.prototype.propertyIsEnumerable.call(value, 'name')) names.add(value.name);
    for (const key of Object.keys(value)) if (key !== 'loc' && key !== 'tokens' && key !== 'original') collect(value[key]);
  };
  collect(fn);
  for (const candidate of candidates) if (!names.has(candidate)) return candidate;
  return `${candidates[0]}_`;
}

/** The major version of express the app depends on, from the nearest package.json. */
export function expressMajorVersion(root: string, rel: string): number | undefined {
  let dir = path.dirname(path.join(root, rel));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      try {
        const json = JSON.parse(fs.readFileSync(file, 'utf8'));
        const range: string | undefined = json.dependencies?.express ?? json.devDependencies?.express;
        if (range) {
          const major = /(\d+)/.exec(range);
          return major ? Number(major[1]) : undefined;
        }
      } catch {
        return undefined;
      }
    }
    if (path.resolve(dir) === path.resolve(root)) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
