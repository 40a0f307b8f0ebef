/**
 * installFastFind's `find` must be jscodeshift's `find` without the visitor: on every source of
 * the fixture apps and the transform fixtures, the same paths in the same order (for whole files,
 * sub-collections and filters), the same tree afterwards (defaults filled the same way), and the
 * same printed output after an edit.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { fastFind, originalFind } from '../../src/apply/rewrite/installFastFind';
import { jscodeshiftFor } from '../../src/apply/parseForRewrite';
import { FIXTURES_DIR, REPO_ROOT } from '../support/fixture-files';

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name === 'cdk.out') continue;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(abs));
    else if (/\.(c|m)?[jt]sx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(abs);
  }
  return out.sort();
}

const sources = [...listSources(FIXTURES_DIR), ...listSources(path.join(REPO_ROOT, 'transforms', 'memory-to-dynamodb', '__fixtures__')), ...listSources(path.join(REPO_ROOT, 'transforms', 'sqlite-to-dynamodb', '__fixtures__'))];

type Find = (collection: Collection, type: unknown, filter?: unknown) => Collection;

/** A path as the field names and indexes from the file's root, and its node type. */
function address(path: ASTPath<any>): string {
  const parts: string[] = [];
  for (let current: ASTPath<any> | null = path; current; current = current.parentPath) parts.push(String(current.name));
  return `${parts.reverse().join('.')}:${(path.value as { type?: string }).type}`;
}

/** Every find the steps do, in kind: by type, by supertype, with filters, inside sub-collections. */
function runFinds(j: JSCodeshift, root: Collection, find: Find): string[] {
  const log: string[] = [];
  const record = (label: string, collection: Collection) => {
    log.push(`${label} ${collection.size()}`);
    for (const found of collection.paths()) log.push(address(found));
    return collection;
  };
  for (const type of [j.Identifier, j.CallExpression, j.MemberExpression, j.Function, j.VariableDeclarator, j.Statement, j.Expression, j.ImportDeclaration, j.ObjectProperty, j.Node, j.Comment, j.TSTypeAnnotation, j.TemplateLiteral]) {
    record(String(type), find(root, type));
  }
  record('filter name', find(root, j.Identifier, { name: 'id' }));
  record('filter callee', find(root, j.CallExpression, { callee: { type: 'MemberExpression', property: { name: 'push' } } }));
  const calls = find(root, j.CallExpression);
  record('calls>identifiers', find(calls, j.Identifier));
  record('calls>calls', find(calls, j.CallExpression));
  record('functions>returns', find(find(root, j.Function), j.ReturnStatement));
  return log;
}

/** The tree as data (fields filled with defaults included), without locations and tokens. */
function snapshot(root: Collection): string {
  return JSON.stringify(root.paths()[0].value, (key, value) => (key === 'loc' || key === 'tokens' || key === 'start' || key === 'end' ? undefined : value));
}

describe('installFastFind', () => {
  it('finds what jscodeshift finds and leaves the same tree, on every fixture source', () => {
    expect(sources.length).toBeGreaterThan(50);
    for (const file of sources) {
      const text = fs.readFileSync(file, 'utf8');
      const j = jscodeshiftFor(file);
      let slowRoot: Collection;
      try {
        slowRoot = j(text);
      } catch {
        continue; // not parseable by apply's parser either
      }
      const fastRoot = j(text);
      const slow = runFinds(j, slowRoot, originalFind);
      const fast = runFinds(j, fastRoot, fastFind);
      expect({ file, fast }).toEqual({ file, fast: slow });
      expect(snapshot(fastRoot)).toBe(snapshot(slowRoot));
      // an edit after the finds prints the same
      for (const root of [slowRoot, fastRoot]) {
        const find = root === slowRoot ? originalFind : fastFind;
        find(root, j.Identifier).forEach((found: ASTPath<any>) => {
          if (found.node.name === 'id') found.node.name = 'renamedId';
        });
      }
      expect(fastRoot.toSource()).toBe(slowRoot.toSource());
    }
  });

  it('answers a type ast-types does not define as jscodeshift does (its error)', () => {
    const j = jscodeshiftFor('a.js');
    const root = j('const a = 1;');
    expect(() => originalFind(root, 'NoSuchType')).toThrow(/not a known AST node type/);
    expect(() => fastFind(root, 'NoSuchType')).toThrow(/not a known AST node type/);
  });
});
