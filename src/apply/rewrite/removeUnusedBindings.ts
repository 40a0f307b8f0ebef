/**
 * After the rewrite, declarations that were used before and are used no more — the JSON read and
 * write helpers, `const DATA_FILE = path.join(…)`, `const fs = require('fs')`, the JSON import,
 * `const last = bookmarks.reduce(…)` — are removed, when removing them cannot change behaviour
 * (their initialiser has no side effects). Repeated until nothing more goes, since removing one
 * (DATA_FILE) can free another (path).
 */
import type { ASTPath } from 'jscodeshift';
import type { ASTNode } from 'ast-types';
import type { Binding } from '@babel/traverse';
import type { SourceFile } from '../../scan/types';
import { statement } from '../../emit/emitContext';
import type { FileRewrite } from './FileRewrite';
import { indexVariableReferences, lookupScope, type ReferenceIndex } from './bindings';
import { printAsWritten, textWithoutElements } from './textWithoutElements';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const PURE_CALLS = new Set(['join', 'resolve', 'dirname', 'basename', 'fileURLToPath', 'parse', 'stringify', 'reduce', 'map', 'filter', 'find', 'findIndex', 'slice', 'concat', 'some', 'every', 'values', 'keys', 'entries', 'toString']);

export function removeUnusedBindings(rewrite: FileRewrite): void {
  removeUnused(rewrite, true);
}

/** Only variables inside functions (`const last = bookmarks.reduce(…)`); safe in the middle of the rewrite. */
export function removeUnusedLocals(rewrite: FileRewrite): void {
  removeUnused(rewrite, false);
}

function removeUnused(rewrite: FileRewrite, everything: boolean): void {
  const { j } = rewrite;
  // References of every name, found once and built again only after an edit other than a removal.
  let index: ReferenceIndex | undefined;
  const isUsedNow = (path: ASTPath<any>, name: string): boolean => {
    index ??= indexVariableReferences(j, rewrite.root);
    const scope = index.lookupScope(path, name);
    if (!scope) return true;
    return index.references(name, scope).length > 0 || index.exported.has(name);
  };
  // a removal keeps the index: it leaves out references inside removed code
  const pruneDeclarator = (path: ASTPath<any>): void => pruneDeclaration(path);
  for (let round = 0; round < 8; round += 1) {
    let removed = false;
    rewrite.root.find(j.VariableDeclarator).forEach((path: ASTPath<any>) => {
      if (path.node.id.type !== 'Identifier' || !usedBefore(rewrite, path.node, path.node.id.name) || isStoreDeclaration(rewrite, path.node)) return;
      if (!everything && !rewrite.enclosingFunction(path)) return;
      if (!isPure(rewrite, path.node.init) || isUsedNow(path, path.node.id.name)) return;
      pruneDeclarator(path);
      removed = true;
    });
    if (!everything) {
      if (!removed) return;
      continue;
    }
    rewrite.root.find(j.VariableDeclarator).forEach((path: ASTPath<any>) => {
      // const { readFile, writeFile } = require('fs/promises')
      if (path.node.id.type !== 'ObjectPattern' || !isPure(rewrite, path.node.init)) return;
      const properties = path.node.id.properties as AnyNode[];
      const keep = properties.filter((property) => {
        const local = property.value?.type === 'Identifier' ? property.value.name : undefined;
        return !local || !usedBefore(rewrite, property.value, local) || isUsedNow(path, local);
      });
      if (keep.length === properties.length) return;
      index = undefined;
      if (keep.length) rewritePattern(rewrite, path, keep);
      else pruneDeclarator(path);
      removed = true;
    });
    rewrite.root.find(j.FunctionDeclaration).forEach((path: ASTPath<any>) => {
      const name = path.node.id?.name;
      if (!name || !usedBefore(rewrite, path.node, name) || isUsedNow(path.parent, name) || path.parent?.node.type.startsWith('Export')) return;
      path.prune();
      removed = true;
    });
    rewrite.root.find(j.ImportDeclaration).forEach((path: ASTPath<any>) => {
      const specifiers = (path.node.specifiers ?? []) as AnyNode[];
      if (!specifiers.length || !isPureModule(rewrite, String(path.node.source.value))) return;
      const keep = specifiers.filter((specifier) => !usedBefore(rewrite, specifier.local, specifier.local.name) || isUsedNow(path, specifier.local.name) || usedAsType(rewrite, specifier.local.name));
      if (keep.length === specifiers.length) return;
      index = undefined;
      const kept = keep.length && specifiers.every((specifier) => specifier.type === 'ImportSpecifier') ? textWithoutElements(path.node, specifiers, keep) : undefined;
      // parsed on its own (not a template): the statement keeps its text, which a template's statement does not
      const parsed = kept ? (j(kept).find(j.ImportDeclaration).nodes()[0] as AnyNode | undefined) : undefined;
      if (parsed) path.replace(keepComments(parsed, path.node));
      else if (keep.length) path.node.specifiers = keep;
      else path.prune();
      removed = true;
    });
    if (!removed) return;
  }
}

/**
 * `const { a, b } = x` without b: the pattern's own text with b cut out (a multi-line list stays
 * multi-line, its trailing comma too), or else written as one template so it stays on one line.
 */
function rewritePattern(rewrite: FileRewrite, path: ASTPath<any>, keep: AnyNode[]): void {
  const declaration = path.parent as ASTPath<any>;
  const kept = declaration.node.declarations.length === 1 ? textWithoutElements(path.node.id, path.node.id.properties, keep) : undefined;
  if (kept) {
    const replacement = statement(rewrite.emit, [`${declaration.node.kind} ${kept} = `, path.node.init, ';']) as AnyNode;
    printAsWritten(replacement.declarations[0].id);
    declaration.replace(keepComments(replacement, declaration.node));
    return;
  }
  const simple = keep.every((property) => property.type === 'ObjectProperty' && !property.computed && property.key.type === 'Identifier' && property.value.type === 'Identifier');
  if (!simple || declaration.node.declarations.length !== 1 || declaration.parent?.node.type !== 'Program' && declaration.parent?.node.type !== 'BlockStatement') {
    path.node.id.properties = keep;
    return;
  }
  const text = keep.map((property) => (property.key.name === property.value.name ? property.key.name : `${property.key.name}: ${property.value.name}`)).join(', ');
  const replacement = statement(rewrite.emit, [`${declaration.node.kind} { ${text} } = `, path.node.init, ';']) as AnyNode;
  replacement.comments = declaration.node.comments;
  declaration.replace(replacement);
}

/** A memory store's declaration: retireStores removes it, saving its seed data first. */
function isStoreDeclaration(rewrite: FileRewrite, node: AnyNode): boolean {
  const scanner = rewrite.scannerPathOf(node);
  return Boolean(scanner && rewrite.analysis.targets.some((target) => target.origin === 'memory' && target.declarations.has(scanner.node)));
}

/** The original code referenced this binding (so the rewrite is what made it unused). */
/** TypeScript: a name still written in a type (`Promise<Venue>`, `implements Repo`) keeps its import. */
function usedAsType(rewrite: FileRewrite, name: string): boolean {
  const { j } = rewrite;
  return rewrite.root
    .find(j.Identifier, { name })
    .some((path: ASTPath<any>) => /^TS/.test(path.parent?.node.type ?? '') && !/^TS(Interface|TypeAlias|Enum|Module)Declaration$/.test(path.parent.node.type));
}

function usedBefore(rewrite: FileRewrite, node: AnyNode, name: string): boolean {
  const scanner = rewrite.scannerPathOf(node);
  if (!scanner) return false;
  const binding: Binding | undefined = scanner.scope.getBinding(name);
  return Boolean(binding && binding.referencePaths.length > 0);
}

function pruneDeclaration(path: ASTPath<any>): void {
  const declaration = path.parent as ASTPath<any>;
  if (declaration.node.declarations.length === 1) {
    if (declaration.parent?.node.type === 'ExportNamedDeclaration') return;
    declaration.prune();
  } else path.prune();
}

/** An initialiser that only computes a value: removing it changes nothing else. */
function isPure(rewrite: FileRewrite, node: AnyNode | null | undefined): boolean {
  if (!node) return true;
  switch (node.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
    case 'Literal':
    case 'Identifier':
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
    case 'ThisExpression':
    case 'MetaProperty': // import.meta
      return true;
    case 'TemplateLiteral':
      return node.expressions.every((item: AnyNode) => isPure(rewrite, item));
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return isPure(rewrite, node.object) && (!node.computed || isPure(rewrite, node.property));
    case 'ArrayExpression':
      return node.elements.every((item: AnyNode | null) => !item || isPure(rewrite, item.type === 'SpreadElement' ? item.argument : item));
    case 'ObjectExpression':
      return node.properties.every((item: AnyNode) => (item.type === 'SpreadElement' ? isPure(rewrite, item.argument) : item.type === 'ObjectMethod' || isPure(rewrite, item.value)));
    case 'BinaryExpression':
    case 'LogicalExpression':
      return isPure(rewrite, node.left) && isPure(rewrite, node.right);
    case 'UnaryExpression':
      return node.operator !== 'delete' && isPure(rewrite, node.argument);
    case 'ConditionalExpression':
      return isPure(rewrite, node.test) && isPure(rewrite, node.consequent) && isPure(rewrite, node.alternate);
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
      return isPure(rewrite, node.expression);
    case 'AwaitExpression':
      return isPure(rewrite, node.argument);
    case 'NewExpression':
      return node.callee.type === 'Identifier' && ['Map', 'Set', 'Date', 'URL'].includes(node.callee.name) && node.arguments.every((item: AnyNode) => isPure(rewrite, item));
    case 'CallExpression': {
      const callee = node.callee as AnyNode;
      if (callee.type === 'Identifier' && callee.name === 'require') return isPureModule(rewrite, String(node.arguments[0]?.value ?? ''));
      if (rewrite.referenceOf(node)?.kind === 'accessor-call') return true;
      const method = callee.type === 'MemberExpression' && !callee.computed ? callee.property.name : callee.type === 'Identifier' ? callee.name : undefined;
      if (!method || !PURE_CALLS.has(method)) return false;
      if (callee.type === 'MemberExpression' && !isPure(rewrite, callee.object)) return false;
      return node.arguments.every((item: AnyNode) => isPure(rewrite, item.type === 'SpreadElement' ? item.argument : item));
    }
    default:
      return false;
  }
}

/** Node built-ins, JSON files, and project modules whose top level only declares and exports. */
function isPureModule(rewrite: FileRewrite, specifier: string): boolean {
  if (/^(node:)?(fs|fs\/promises|path|url|crypto|util|os)$/.test(specifier)) return true;
  if (specifier.endsWith('.json')) return true;
  if (!specifier.startsWith('.')) return false;
  const from = rewrite.analysis.project.getSource(rewrite.rel);
  const target = from ? rewrite.analysis.project.resolveModule(from, specifier) : undefined;
  if (!target) return false;
  if (!('program' in target)) return true;
  return (target as SourceFile).ast.program.body.every((statement) => {
    if (/Declaration$/.test(statement.type) && statement.type !== 'ExpressionStatement') return true;
    if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const left = statement.expression.left;
      return left.type === 'MemberExpression' && ((left.object.type === 'Identifier' && (left.object.name === 'module' || left.object.name === 'exports')));
    }
    return false;
  });
}

export { lookupScope };

/** The replaced statement's comments, also on a parsed node's original (recast reuses its text only while they are equal). */
function keepComments(replacement: AnyNode, original: AnyNode): AnyNode {
  replacement.comments = original.comments;
  if (replacement.original) replacement.original.comments = original.comments;
  return replacement;
}
