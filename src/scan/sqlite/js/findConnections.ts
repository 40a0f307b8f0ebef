import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { DiagnosticSink, ProjectIndex, SourceFile } from '../../types';
import type { SqlConnection, SqliteDriver } from '../types';
import { unwrapPath } from './astUtils';
import { StringEvaluator, toProjectRelative } from './evaluateString';
import { perFile } from './perFile';
import { walkPaths } from '../../walkPaths';

export interface PackageRef {
  module: string;
  members: string[];
}

/**
 * The package member an expression stands for, seeing through `require('sqlite3').verbose()`,
 * variables holding it and `default` (ESM interop).
 */
export function packageOf(project: ProjectIndex, file: SourceFile, path: NodePath, depth = 0): PackageRef | undefined {
  if (depth > 10 || !path.node) return undefined;
  const inner = unwrapPath(path);
  if (inner.isCallExpression()) {
    const callee = inner.get('callee');
    // `sqlite3.verbose()` returns the module itself.
    if (callee.isMemberExpression() && t.isIdentifier(callee.node.property, { name: 'verbose' })) {
      return packageOf(project, file, callee.get('object'), depth + 1);
    }
  }
  // TypeScript `import Database = require('better-sqlite3')`.
  const declaration = inner.isIdentifier() ? inner.scope.getBinding(inner.node.name)?.path : undefined;
  if (declaration?.isTSImportEqualsDeclaration() && t.isTSExternalModuleReference(declaration.node.moduleReference)) {
    return { module: declaration.node.moduleReference.expression.value.replace(/^node:/, ''), members: [] };
  }
  const origin = project.resolveExpression(file, inner);
  if (origin?.kind === 'package') return { module: origin.module, members: origin.members.filter((m) => m !== 'default') };
  if (origin?.kind === 'declaration' && origin.path.isVariableDeclarator() && t.isIdentifier(origin.path.node.id)) {
    const init = origin.path.get('init');
    if (init.node) return packageOf(project, origin.file, init as NodePath, depth + 1);
  }
  // Sloppy-mode global: `Database = require('better-sqlite3')`.
  if (origin?.kind === 'declaration' && origin.path.isAssignmentExpression() && origin.path.node.right !== inner.node) {
    return packageOf(project, origin.file, origin.path.get('right'), depth + 1);
  }
  if (inner.isMemberExpression() && !inner.node.computed && t.isIdentifier(inner.node.property)) {
    const object = packageOf(project, file, inner.get('object'), depth + 1);
    if (object) return { module: object.module, members: [...object.members, inner.node.property.name].filter((m) => m !== 'default') };
  }
  return undefined;
}

/** Which driver a `new X(...)` / `X(...)` opening a database belongs to, if any. */
export function driverOfOpening(project: ProjectIndex, file: SourceFile, path: NodePath<t.NewExpression | t.CallExpression>): SqliteDriver | undefined {
  const callee = packageOf(project, file, path.get('callee') as NodePath);
  if (!callee) return undefined;
  const members = callee.members.join('.');
  if (callee.module === 'better-sqlite3' && (members === '' || members === 'Database')) return 'better-sqlite3';
  if (callee.module === 'sqlite3' && path.isNewExpression() && /(^|\.)Database$/.test(members)) return 'sqlite3-callback';
  if (callee.module === 'sqlite' && (members === 'open' || (path.isNewExpression() && members === 'Database'))) return 'sqlite-wrapper';
  return undefined;
}

/** Every place the project opens a SQLite database. */
export function findConnections(project: ProjectIndex, evaluator: StringEvaluator, diagnostics?: DiagnosticSink): SqlConnection[] {
  const connections: SqlConnection[] = [];
  for (const file of project.sources) {
    if (!mentionsSqlitePackage(file.text)) continue;
    perFile(file, diagnostics, () => walkPaths(file.program, {
      'NewExpression|CallExpression'(anyPath) {
        const path = anyPath as NodePath<t.NewExpression | t.CallExpression>;
        if (path.isCallExpression() && t.isIdentifier(path.node.callee, { name: 'require' })) return;
        const driver = driverOfOpening(project, file, path);
        if (!driver) return;
        const { dbFile, resolved } = readDbFile(project, evaluator, file, path, driver);
        const connection: SqlConnection = { driver, dbFile, dbFileResolved: resolved, file, path, line: project.lineOf(path) };
        const declaration = declarationHolding(path);
        if (declaration) connection.declaration = declaration;
        connections.push(connection);
      },
    }));
  }
  return connections;
}

/** Cheap pre-filter: only files that mention a SQLite package (or import a project module) can open one. */
function mentionsSqlitePackage(text: string): boolean {
  return /better-sqlite3|['"]sqlite3?['"]|['"]sqlite\/|sqlite/.test(text);
}

function readDbFile(
  project: ProjectIndex,
  evaluator: StringEvaluator,
  file: SourceFile,
  path: NodePath<t.NewExpression | t.CallExpression>,
  driver: SqliteDriver,
): { dbFile: string; resolved: boolean } {
  const args = path.get('arguments') as NodePath[];
  let target: NodePath | undefined = args[0];
  if (driver === 'sqlite-wrapper' && target) target = propertyValue(project, file, target, 'filename');
  if (!target || !target.node) return { dbFile: ':memory:', resolved: true };
  const evaluated = evaluator.evaluate(file, target);
  const texts = evaluated.alternatives
    .filter((alternative) => alternative.every((part) => 'text' in part))
    .map((alternative) => alternative.map((part) => (part as { text: string }).text).join(''));
  // `NODE_ENV === 'test' ? ':memory:' : dbPath`: the file is where the app's data lives
  const onDisk = texts.find((text) => text !== ':memory:' && text !== '');
  if (onDisk !== undefined) return { dbFile: toProjectRelative(project.root, onDisk), resolved: true };
  if (texts.length > 0) return { dbFile: ':memory:', resolved: true };
  const written = file.text.slice(target.node.start ?? 0, target.node.end ?? 0).replace(/\s+/g, ' ');
  return { dbFile: written.length > 80 ? `${written.slice(0, 77)}...` : written, resolved: false };
}

/** `{ filename: x }` (directly or through a variable) → the `x` path. */
function propertyValue(project: ProjectIndex, file: SourceFile, path: NodePath, name: string): NodePath | undefined {
  let object = unwrapPath(path);
  if (object.isIdentifier()) {
    const origin = project.resolveExpression(file, object);
    if (origin?.kind === 'declaration' && origin.path.isVariableDeclarator() && origin.path.node.init) object = unwrapPath(origin.path.get('init') as NodePath);
    else if (origin?.kind === 'expression') object = origin.path;
  }
  if (!object.isObjectExpression()) return undefined;
  for (const property of object.get('properties')) {
    if (!property.isObjectProperty()) continue;
    const key = property.node.key;
    if ((t.isIdentifier(key) && key.name === name && !property.node.computed) || (t.isStringLiteral(key) && key.value === name)) {
      return property.get('value') as NodePath;
    }
  }
  return undefined;
}

/** The declaration or assignment the opened database is stored in. */
export function declarationHolding(path: NodePath): NodePath | undefined {
  let current: NodePath = path;
  for (let i = 0; i < 6 && current.parentPath; i++) {
    const parent: NodePath = current.parentPath;
    if (parent.isAwaitExpression() || parent.isParenthesizedExpression() || parent.isTSAsExpression() || parent.isTSNonNullExpression()) {
      current = parent;
      continue;
    }
    if (parent.isVariableDeclarator() && parent.node.init === current.node) return parent;
    if (parent.isAssignmentExpression() && parent.node.right === current.node) return parent;
    if ((parent.isClassProperty() || parent.isObjectProperty()) && (parent.node as t.ClassProperty).value === current.node) return parent;
    return undefined;
  }
  return undefined;
}
