import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Binding, NodePath, Scope } from '@babel/traverse';
import type * as t from '@babel/types';
import { setCrawlIndexing } from '../../../src/scan/indexWhileCrawling';
import { parseSource } from '../../../src/scan/parseSource';
import { walkPaths } from '../../../src/scan/walkPaths';
import { FIXTURES_DIR, REPO_ROOT } from '../../support/fixture-files';

/**
 * Everything the scan reads from a crawled file, as text: every path walkPaths visits (type,
 * place, scope) and every scope (its block, parent, bindings with their kinds, identifiers,
 * references, constant violations; globals, references, uids, labels). Nodes are named by their
 * position in the walk, so two parses of one text compare. Not compared: a path's traversal
 * contexts (Babel leaves one on each path a crawl visited before it threw, on a `let` declared
 * twice; the scan never reads them).
 */
function describeCrawl(rel: string, text: string): string {
  const file = parseSource(rel, `/${rel}`, text);
  const paths: NodePath[] = [];
  walkPaths(file.program, { enter: (p: NodePath) => void paths.push(p) });
  const ids = new Map<t.Node, number>([[file.program.node, -1]]);
  paths.forEach((p, i) => ids.set(p.node, i));
  const id = (node: t.Node | null | undefined) => (node ? (ids.get(node) ?? `?${node.type}@${node.start}`) : null);
  const scopes: Scope[] = [];
  const scopeId = (scope: Scope | undefined) => {
    if (!scope) return null;
    if (!scopes.includes(scope)) scopes.push(scope);
    return scopes.indexOf(scope);
  };
  const lines = [file.program, ...paths].map(
    (p) => `${id(p.node)} ${p.node.type} ${String(p.listKey)}.${String(p.key)} parent=${id(p.parentPath?.node)} scope=${scopeId(p.scope)} flags=${p.shouldSkip}/${p.shouldStop} hub=${p.hub === file.program.hub}`,
  );
  const bindingText = (b: Binding) =>
    [
      b.kind,
      id(b.identifier),
      id(b.path.node),
      b.constant,
      b.referenced,
      b.references,
      b.referencePaths.map((r) => id(r.node)).join(','),
      b.constantViolations.map((v) => id(v.node)).join(','),
    ].join(' ');
  for (let i = 0; i < scopes.length; i++) {
    const scope = scopes[i];
    scopeId(scope.parent);
    lines.push(
      `scope ${i} block=${id(scope.block)} path=${id(scope.path.node)} parent=${scopeId(scope.parent)} inited=${(scope as unknown as { inited: boolean }).inited}`,
      ...Object.entries(scope.bindings).map(([name, b]) => `  binding ${name}: ${bindingText(b)}`),
      `  globals ${Object.keys(scope.globals).join(',')}`,
      `  references ${Object.keys((scope as unknown as { references: object }).references ?? {}).join(',')}`,
      `  uids ${Object.keys((scope as unknown as { uids: object }).uids ?? {}).join(',')}`,
      `  labels ${[...((scope as unknown as { labels?: Map<string, unknown> }).labels?.keys() ?? [])].join(',')}`,
    );
  }
  return lines.join('\n');
}

function compare(rel: string, text: string): void {
  setCrawlIndexing(false);
  let babel: string;
  try {
    babel = describeCrawl(rel, text);
  } finally {
    setCrawlIndexing(true);
  }
  expect(describeCrawl(rel, text)).toBe(babel);
}

function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourcesUnder(abs));
    else if (/\.(c|m)?[jt]sx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(abs);
  }
  return out.sort();
}

describe('the scope crawl that records the path index (indexWhileCrawling)', () => {
  test('gives the same paths, scopes and bindings as Babel’s own crawl on every fixture app and transform fixture source', () => {
    const files = [FIXTURES_DIR, path.join(REPO_ROOT, 'transforms')].flatMap((dir) => sourcesUnder(dir).filter((abs) => abs.startsWith(FIXTURES_DIR) || abs.includes('__fixtures__')));
    expect(files.length).toBeGreaterThan(250);
    for (const abs of files) compare(path.relative(REPO_ROOT, abs), fs.readFileSync(abs, 'utf8'));
  });

  test('same on shapes the fixtures have few of: types skipped by the crawl, labels, exports, catch, loops, classes, duplicates', () => {
    compare(
      'shapes.ts',
      `
import type { A } from './a';
import b, { c as d } from './b';
export const [x, { y = 1 }] = [1, {}] as any;
export function f(this: Window, p: { q: (r: number) => void } = { q: () => {} }, ...rest: number[]): A { return p as A; }
export default class K<T> extends d implements A { #p = 1; static s: typeof x; m(v: T): asserts v is T { label: for (const k in this) { if (k) continue label; } } }
let u; u = 2; u++; delete (globalThis as any).z; for (var i = 0, j; i < 2; i++) {} for (let [a, b2] of [[1, 2]]) {}
try { b(); } catch ({ message }) { void message; } finally {}
enum E { A = 1 } namespace N { export const n = 1; } declare module 'm' { const q: number; }
type F = ({ a }: { a: string }) => typeof x;
const g = function named() { return named; }, h = class Inner { k = Inner; };
switch (u) { case 1: { let s = 1; break; } }
`,
    );
    compare('sloppy.js', `var a = 1; var a = 2; undeclared = 3; function f() { return arguments[0] + a; } f(); with (Math) {}`);
    compare('dupes.js', `let twice = 1;\nlet twice = 2;\nconsole.log(twice);`);
    compare('jsx.jsx', `import React from 'react'; export const C = ({ items }) => <ul>{items.map((i) => <li key={i}>{i}</li>)}</ul>;`);
  });
});
