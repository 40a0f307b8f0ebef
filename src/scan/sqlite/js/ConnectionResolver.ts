import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { ProjectIndex, SourceFile } from '../../types';
import type { SqlConnection, SqliteDriver } from '../types';
import { memberPropertyName, unwrapPath } from './astUtils';
import { walkPaths } from '../../walkPaths';

const STATEMENT_MODIFIERS = new Set(['pluck', 'raw', 'expand', 'bind', 'safeIntegers', 'columns']);
const MAX_DEPTH = 12;

export interface PreparedStatementRef {
  file: SourceFile;
  /** The `db.prepare(sql)` call. */
  path: NodePath<t.CallExpression>;
  /** The declaration holding the statement (`const insertPost = db.prepare(…)`), when any. */
  declaration?: NodePath;
}

/**
 * Decides what a receiver expression is: one of the project's database connections (followed
 * through variables, modules, factory functions, `this.db`, typed parameters) or a prepared
 * statement (`db.prepare(sql)`, directly or held in a variable/property anywhere in the project).
 */
export class ConnectionResolver {
  private readonly byNode = new Map<t.Node, SqlConnection>();

  constructor(
    private readonly project: ProjectIndex,
    readonly connections: SqlConnection[],
  ) {
    for (const connection of connections) this.byNode.set(connection.path.node, connection);
  }

  connectionOf(file: SourceFile, path: NodePath, depth = 0, seen = new Set<t.Node>()): SqlConnection | undefined {
    if (depth > MAX_DEPTH || !path.node || seen.has(path.node)) return undefined;
    seen.add(path.node);
    const inner = unwrapPath(path);
    const direct = this.byNode.get(inner.node);
    if (direct) return direct;
    if (inner.isCallExpression()) return this.returnedConnection(file, inner, depth, seen);
    if (inner.isIdentifier()) {
      const binding = inner.scope.getBinding(inner.node.name);
      if (binding?.kind === 'param') return this.connectionFromType(file, binding.identifier);
      for (const violation of binding?.constantViolations ?? []) {
        if (violation.isAssignmentExpression()) {
          const found = this.connectionOf(file, violation.get('right'), depth + 1, seen);
          if (found) return found;
        }
      }
    }
    const origin = this.project.resolveExpression(file, inner);
    if (!origin) return undefined;
    switch (origin.kind) {
      case 'declaration': {
        const declaration = origin.path;
        if (declaration.isVariableDeclarator()) {
          const init = declaration.get('init');
          if (init.node && init.node !== inner.node) {
            const found = this.connectionOf(origin.file, init as NodePath, depth + 1, seen);
            if (found) return found;
          }
          const id = declaration.node.id;
          const binding = t.isIdentifier(id) ? declaration.scope.getBinding(id.name) : undefined;
          for (const violation of binding?.constantViolations ?? []) {
            if (violation.isAssignmentExpression()) {
              const found = this.connectionOf(origin.file, violation.get('right'), depth + 1, seen);
              if (found) return found;
            }
          }
          return undefined;
        }
        if (declaration.isClassProperty() || declaration.isObjectProperty()) {
          const value = (declaration as NodePath<t.ClassProperty>).get('value') as NodePath;
          if (value.node) return this.connectionOf(origin.file, value, depth + 1, seen);
          // `private db: Database;` declared, then `this.db = …` in the constructor.
          for (const assigned of assignmentsToDeclaredField(declaration)) {
            const found = this.connectionOf(origin.file, assigned, depth + 1, seen);
            if (found) return found;
          }
          return this.connectionFromType(origin.file, declaration.node);
        }
        if (declaration.isAssignmentExpression()) return this.connectionOf(origin.file, declaration.get('right'), depth + 1, seen);
        if (declaration.isIdentifier()) return this.connectionFromType(origin.file, declaration.node);
        return undefined;
      }
      case 'this-member':
        for (const assigned of thisAssignments(origin.classPath, origin.name)) {
          const found = this.connectionOf(origin.file, assigned, depth + 1, seen);
          if (found) return found;
        }
        return undefined;
      case 'expression':
        return origin.path.node !== inner.node ? this.connectionOf(origin.file, origin.path, depth + 1, seen) : undefined;
      default:
        return undefined;
    }
  }

  /** The prepared statement an execution receiver (`stmt`, `q.insertPost`, `db.prepare(sql)`) stands for. */
  statementOf(file: SourceFile, path: NodePath, depth = 0): PreparedStatementRef | undefined {
    if (depth > MAX_DEPTH || !path.node) return undefined;
    let inner = unwrapPath(path);
    while (inner.isCallExpression() && STATEMENT_MODIFIERS.has(memberPropertyName(inner.node.callee) ?? '')) {
      inner = unwrapPath((inner.get('callee') as NodePath<t.MemberExpression>).get('object'));
    }
    if (inner.isCallExpression() && memberPropertyName(inner.node.callee) === 'prepare') return { file, path: inner };
    if (!inner.isIdentifier() && !inner.isMemberExpression() && !inner.isOptionalMemberExpression()) return undefined;
    const origin = this.project.resolveExpression(file, inner);
    if (!origin) return undefined;
    if (origin.kind === 'declaration') {
      const declaration = origin.path;
      const value = declaration.isVariableDeclarator()
        ? declaration.get('init')
        : declaration.isClassProperty() || declaration.isObjectProperty()
          ? ((declaration as NodePath<t.ClassProperty>).get('value') as NodePath)
          : undefined;
      if (!value?.node) {
        // `private readonly byId: Statement;` declared, then `this.byId = db.prepare(…)` in the constructor.
        for (const assigned of assignmentsToDeclaredField(declaration)) {
          const found = this.statementOf(origin.file, assigned, depth + 1);
          if (found) return { ...found, declaration: found.declaration ?? assigned.parentPath ?? undefined };
        }
        return undefined;
      }
      const found = this.statementOf(origin.file, value as NodePath, depth + 1);
      return found ? { ...found, declaration: found.declaration ?? declaration } : undefined;
    }
    if (origin.kind === 'expression' && origin.path.node !== inner.node) {
      const found = this.statementOf(origin.file, origin.path, depth + 1);
      if (found && !found.declaration && origin.path.parentPath?.isObjectProperty()) found.declaration = origin.path.parentPath;
      return found;
    }
    if (origin.kind === 'this-member') {
      for (const assigned of thisAssignments(origin.classPath, origin.name)) {
        const found = this.statementOf(origin.file, assigned, depth + 1);
        if (found) return { ...found, declaration: found.declaration ?? assigned.parentPath ?? undefined };
      }
    }
    return undefined;
  }

  /** `openDatabase()` / `await getDb()`: the connection the project function returns. */
  private returnedConnection(file: SourceFile, call: NodePath<t.CallExpression>, depth: number, seen: Set<t.Node>): SqlConnection | undefined {
    const fn = this.project.resolveFunction(file, call.get('callee'));
    if (!fn) return undefined;
    const body = fn.path.get('body') as NodePath;
    if (!body.isBlockStatement()) return this.connectionOf(fn.file, body, depth + 1, seen);
    let found: SqlConnection | undefined;
    walkPaths(body, {
      Function(inner) {
        inner.skip();
      },
      ReturnStatement: (ret) => {
        const argument = ret.get('argument');
        if (!found && argument.node) found = this.connectionOf(fn.file, argument as NodePath, depth + 1, seen);
      },
    });
    return found;
  }

  /** A parameter or property typed `Database` from a SQLite package: the project's connection of that driver. */
  private connectionFromType(file: SourceFile, node: t.Node | null | undefined): SqlConnection | undefined {
    const driver = node ? driverOfTypeAnnotation(node, file) : undefined;
    return driver ? this.connections.find((c) => c.driver === driver) : undefined;
  }
}

/** Values assigned to `this.<name>` anywhere in a class. */
export function thisAssignments(classPath: NodePath<t.Class>, name: string): NodePath[] {
  const values: NodePath[] = [];
  walkPaths(classPath, {
    AssignmentExpression(path) {
      const left = path.node.left;
      if (t.isMemberExpression(left) && t.isThisExpression(left.object) && memberPropertyName(left) === name) values.push(path.get('right'));
    },
  });
  return values;
}

/** Values assigned to `this.<field>` in the class that declares the (uninitialised) class property. */
function assignmentsToDeclaredField(declaration: NodePath): NodePath[] {
  if (!declaration.isClassProperty() || declaration.node.computed) return [];
  const key = declaration.node.key;
  const name = t.isIdentifier(key) ? key.name : t.isStringLiteral(key) ? key.value : undefined;
  const classPath = declaration.findParent((p) => p.isClass()) as NodePath<t.Class> | null;
  return name && classPath ? thisAssignments(classPath, name) : [];
}

/**
 * Driver of a `db: Database` annotation whose type is imported from a SQLite package in `file`
 * (`Database`, `Database.Database`, `sqlite3.Database`); other types of those packages
 * (`Database.Statement`, `Statement`) are not connections.
 */
function driverOfTypeAnnotation(node: t.Node, file: SourceFile): SqliteDriver | undefined {
  const annotation = (node as t.Identifier).typeAnnotation;
  if (!annotation || !t.isTSTypeAnnotation(annotation)) return undefined;
  const type = annotation.typeAnnotation;
  if (!t.isTSTypeReference(type)) return undefined;
  const qualified = t.isTSQualifiedName(type.typeName);
  if (qualified && (type.typeName as t.TSQualifiedName).right.name !== 'Database') return undefined;
  let left: t.TSEntityName = type.typeName;
  while (t.isTSQualifiedName(left)) left = left.left;
  if (!t.isIdentifier(left)) return undefined;
  for (const statement of file.ast.program.body) {
    if (!t.isImportDeclaration(statement)) continue;
    const specifier = statement.specifiers.find((s) => s.local.name === (left as t.Identifier).name);
    if (!specifier) continue;
    // `import { Statement } from 'sqlite'` is not a connection type; default/namespace imports are the package.
    if (!qualified && t.isImportSpecifier(specifier)) {
      const imported = t.isIdentifier(specifier.imported) ? specifier.imported.name : specifier.imported.value;
      if (imported !== 'Database') return undefined;
    }
    return driverOfModule(statement.source.value);
  }
  return undefined;
}

export function driverOfModule(source: string): SqliteDriver | undefined {
  if (source === 'better-sqlite3') return 'better-sqlite3';
  if (source === 'sqlite') return 'sqlite-wrapper';
  if (source === 'sqlite3') return 'sqlite3-callback';
  return undefined;
}
