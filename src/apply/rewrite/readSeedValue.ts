/**
 * The literal value of seed data as the app wrote it, also when it lives in another module
 * (`import { SEED_VENUES } from '../data/seed'`) or is copied on the way in
 * (`seed.map((e) => ({ ...e }))`, `seed.map((v) => [v.id, v])` for a Map, `[...seed]`, `seed.slice()`).
 */
import type * as t from '@babel/types';
import type { SourceFile } from '../../scan/types';
import { evaluateLiteral, type Evaluated } from './evaluateLiteral';
import type { FileRewrite } from './FileRewrite';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export function readSeedValue(rewrite: FileRewrite, node: AnyNode | null | undefined): Evaluated {
  const lookup = (name: string) => findConstant(rewrite, name);
  const copied = copiedSource(node);
  return evaluateLiteral(copied ?? node, lookup);
}

/** The array a copy expression copies (`x.map(v => ({ ...v }))`, `x.map(v => [v.id, v])`, `x.slice()`, `[...x]`). */
export function copiedSource(node: AnyNode | null | undefined): AnyNode | undefined {
  if (!node) return undefined;
  if (node.type === 'ArrayExpression' && node.elements.length === 1 && node.elements[0]?.type === 'SpreadElement') return node.elements[0].argument;
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.callee.computed) return undefined;
  const method = node.callee.property.name;
  if (method === 'slice' && node.arguments.length === 0) return node.callee.object;
  if (method !== 'map' || node.arguments.length !== 1) return undefined;
  const callback = node.arguments[0];
  if (!/ArrowFunctionExpression|FunctionExpression/.test(callback.type) || callback.params.length !== 1 || callback.params[0].type !== 'Identifier') return undefined;
  const param: string = callback.params[0].name;
  let body = callback.body;
  if (body.type === 'BlockStatement') body = body.body.length === 1 && body.body[0].type === 'ReturnStatement' ? body.body[0].argument : undefined;
  while (body?.type === 'ParenthesizedExpression' || body?.type === 'TSAsExpression') body = body.expression;
  const isParam = (value: AnyNode) => value?.type === 'Identifier' && value.name === param;
  // ({ ...v }): a shallow copy of each record
  const copy = body?.type === 'ObjectExpression' && body.properties.length === 1 && /Spread/.test(body.properties[0].type) && isParam(body.properties[0].argument);
  // [v.id, v]: Map entries; the records are the values
  const entry = body?.type === 'ArrayExpression' && body.elements.length === 2 && isParam(body.elements[1]) && body.elements[0]?.type === 'MemberExpression' && isParam(body.elements[0].object);
  return copy || entry || isParam(body) ? node.callee.object : undefined;
}

/** A module-level `const` of this file, or one exported by the relative module it is imported from. */
export function findConstant(rewrite: FileRewrite, name: string): AnyNode | undefined {
  const program = rewrite.root.paths()[0].node as AnyNode;
  const body = (program.program ?? program).body as AnyNode[];
  const local = declaredIn(body, name);
  if (local) return local;
  for (const statement of body) {
    if (statement.type !== 'ImportDeclaration' || !String(statement.source.value).startsWith('.')) continue;
    const specifier = (statement.specifiers as AnyNode[]).find((candidate) => candidate.type === 'ImportSpecifier' && candidate.local.name === name);
    if (!specifier) continue;
    const from = rewrite.analysis.project.getSource(rewrite.rel);
    const target = from ? rewrite.analysis.project.resolveModule(from, String(statement.source.value)) : undefined;
    if (!target || !('program' in target)) return undefined;
    const source = target as SourceFile;
    return declaredIn(source.program.node.body as t.Statement[] as AnyNode[], specifier.imported.name ?? specifier.imported.value);
  }
  return undefined;
}

function declaredIn(body: AnyNode[], name: string): AnyNode | undefined {
  for (const entry of body) {
    const statement = entry.type === 'ExportNamedDeclaration' ? entry.declaration : entry;
    if (statement?.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations) if (declarator.id.type === 'Identifier' && declarator.id.name === name) return declarator.init;
  }
  return undefined;
}
