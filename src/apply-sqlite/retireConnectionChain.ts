/**
 * A connection handed through the app (`openDatabase()` → `createApp(db)` →
 * `new UserRepository(db)`, or `module.exports = db` → `require('./db')`) is retired holder by
 * holder once its SQL is rewritten: a holder (findConnectionHolders) goes when every use left of
 * it is a life-cycle call (`db.pragma(…)`, `db.close()`) or hands it to a holder already retired.
 * With it go the parameter and the argument of every call passing it, the field, `this.db = db`,
 * `return db` (the whole function: it only opened the connection), `module.exports = db`, and then
 * the driver imports and declarations only that code used. A holder still used otherwise (SQL left
 * as a TODO, a library it is passed to) stays, and so does everything handing it the connection.
 *
 * Files hand-on happens in are rewritten last, consumers first (connectionFiles, selectFiles), so
 * a supplier knows what its consumers retired; that is carried like keptStatements (also across
 * worker processes). A parameter goes only while no file passing it has been rewritten yet.
 */
import type { ASTPath } from 'jscodeshift';
import { addTodo } from '../apply/rewrite/addTodo';
import type { FileRewrite } from '../apply/rewrite/FileRewrite';
import { removeUnusedBindings } from '../apply/rewrite/removeUnusedBindings';
import { findConnectionHolders, type ConnectionHolder, type HolderUse } from './findConnectionHolders';
import { findRewritePath } from './findRewritePath';
import { keptStatements } from './keptStatements';
import { retireDriverImports } from './retireConnections';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const RETIRED = 'retired-connection-holder:';

/** Holders some file's rewrite retired (ids carried with keptStatements, see rewriteSourceFile). */
export function isRetiredHolder(analysis: object, id: string): boolean {
  return keptStatements(analysis).has(RETIRED + id);
}

/** Files holding a connection (they must be rewritten), and the ones handing it to other files in the order to rewrite them last. */
export function connectionFiles(analysis: { root: string; project: Parameters<typeof findConnectionHolders>[1] }): { holders: Set<string>; suppliers: string[] } {
  const found = findConnectionHolders(analysis.root, analysis.project);
  return { holders: new Set(found.byFile.keys()), suppliers: found.suppliers };
}

export function retireConnectionChain(rewrite: FileRewrite): void {
  const found = findConnectionHolders(rewrite.analysis.root, rewrite.analysis.project);
  const holders = found.byFile.get(rewrite.rel);
  if (!holders?.length) return;
  let retiredAny = false;
  // within the file, a holder can wait for one it hands to: repeat until nothing more goes
  for (let changed = true; changed; ) {
    changed = false;
    for (const holder of holders) {
      if (isRetiredHolder(rewrite.analysis, holder.id) || !retireHolder(rewrite, holder)) continue;
      keptStatements(rewrite.analysis).add(RETIRED + holder.id);
      changed = true;
      retiredAny = true;
    }
  }
  // a parameter that went loses its argument at every call, also where the connection passed stays
  for (const holder of holders) {
    if (isRetiredHolder(rewrite.analysis, holder.id)) continue;
    for (const { use, path } of findReferences(rewrite, holder).found) {
      if (use.kind !== 'argument' || !isRetiredHolder(rewrite.analysis, use.to)) continue;
      removeArgument(path);
      retiredAny = true;
    }
  }
  markLibraryUses(rewrite, holders);
  if (!retiredAny) return;
  rewrite.modified = true;
  retireDriverImports(rewrite);
  removeUnusedBindings(rewrite);
  // a module that only opened the connection: say where its job went, rather than leave it blank
  const program = rewrite.root.get().node.program;
  if (!program.body.length && !program.comments?.length) {
    program.comments = [rewrite.j.commentLine(' The SQLite connection opened here was retired by dynamodb-codemod: the data is in DynamoDB now.', true, false)];
  }
}

/**
 * A holder kept only because the connection is passed to a function apply cannot follow (a
 * library: `new SqliteStore({ client: db })`, `attach(db)`): no SQL of it is left here and nothing
 * it hands the connection to still needs it, so that call is what keeps SQLite open — a TODO says so.
 */
function markLibraryUses(rewrite: FileRewrite, holders: ConnectionHolder[]): void {
  for (const holder of holders) {
    if (isRetiredHolder(rewrite.analysis, holder.id)) continue;
    const { found, unknown } = findReferences(rewrite, holder);
    if (unknown) continue;
    const stillNeeded = found.some(({ use, path }) => {
      if (use.kind === 'argument' || use.kind === 'field') return !isRetiredHolder(rewrite.analysis, use.to);
      if (use.kind === 'return' || use.kind === 'export') return !use.to.every((id) => isRetiredHolder(rewrite.analysis, id));
      // `db.prepare(…)` and any other method: SQL (a TODO of its own) or something it still does
      return use.kind === 'other' && !isPassedToCall(path);
    });
    if (stillNeeded) continue;
    for (const { use, path } of found) {
      if (use.kind !== 'other' || isAppRegistration(path)) continue;
      addTodo(rewrite, path, `the SQLite connection \`${holder.name}\` is passed here to code apply does not follow, and nothing else uses it: once that code no longer needs SQLite, remove this and the connection, then re-run`);
    }
  }
}

/**
 * `fastify.decorate('db', db)`, `app.set('db', db)`: how the app's own code reaches the connection
 * (`fastify.db.all(…)`), whose SQL has its own rewrite or TODO. Not followed yet: the open stays,
 * without a TODO of its own.
 */
function isAppRegistration(path: ASTPath<any>): boolean {
  const call = path.parent?.node;
  const callee = call?.type === 'CallExpression' ? call.callee : undefined;
  return callee?.type === 'MemberExpression' && !callee.computed && ['decorate', 'set'].includes(callee.property?.name) && /^(StringLiteral|Literal)$/.test(call.arguments[0]?.type ?? '');
}

/** `f(db)`, `new Store({ client: db })`: the connection handed to a call (possibly inside an object or array argument). */
function isPassedToCall(path: ASTPath<any>): boolean {
  let current: ASTPath<any> = path;
  while (current.parent && /^(ObjectProperty|Property|ObjectExpression|ArrayExpression)$/.test(current.parent.node.type)) current = current.parent;
  const parent = current.parent?.node;
  return Boolean(parent && (parent.type === 'CallExpression' || parent.type === 'NewExpression') && parent.callee !== current.node);
}

interface Removal {
  use: HolderUse;
  path: ASTPath<any>;
}

function retireHolder(rewrite: FileRewrite, holder: ConnectionHolder): boolean {
  const retired = (id: string) => isRetiredHolder(rewrite.analysis, id);
  if (holder.kind === 'parameter') {
    // every call must lose its argument: none may have been rewritten already (other than this file)
    if (!holder.callFiles || holder.callFiles.some((rel) => rel !== rewrite.rel && rewrite.analysis.processed.has(rel))) return false;
  }
  const references = currentReferences(rewrite, holder);
  if (!references) return false;
  for (const { use } of references) {
    if (use.kind === 'lifecycle') continue;
    if ((use.kind === 'argument' || use.kind === 'field') && retired(use.to)) continue;
    if ((use.kind === 'return' || use.kind === 'export') && use.to.every(retired)) continue;
    return false;
  }
  const declaration = holder.kind === 'field' ? undefined : findRewritePath(rewrite, holder.declaration as never);
  if (holder.kind !== 'field' && !declaration) return false;
  const functions: ASTPath<any>[] = [];
  const done = new Set<unknown>();
  for (const { use, path } of references) {
    // a shorthand `{ db }` is found twice (key and value)
    if (done.has(path.parent?.node)) continue;
    done.add(path.parent?.node);
    if (use.kind === 'export' && use.property) removeExportedProperty(path);
    else if (use.kind === 'lifecycle' || use.kind === 'field' || use.kind === 'export') pruneStatement(path);
    else if (use.kind === 'argument') removeArgument(path);
    else if (use.kind === 'return') {
      const fn = findDeclared(rewrite, use.fn);
      if (fn) functions.push(fn);
    }
  }
  if (holder.kind === 'variable' && holder.property) removePatternProperty(rewrite, declaration!, holder);
  else if (holder.kind === 'variable') pruneDeclarator(declaration!);
  else if (holder.kind === 'parameter') removeParameter(rewrite, declaration!, holder);
  else removeFieldDeclaration(rewrite, holder);
  // `return db` to callers that no longer call: the function only opened the connection
  for (const fn of functions) pruneFunction(fn);
  return true;
}

/** The holder's references in the rewritten tree with their uses; undefined when one cannot be told (new code naming it). */
function currentReferences(rewrite: FileRewrite, holder: ConnectionHolder): Removal[] | undefined {
  const { found, unknown } = findReferences(rewrite, holder);
  return unknown ? undefined : found;
}

function findReferences(rewrite: FileRewrite, holder: ConnectionHolder): { found: Removal[]; unknown: boolean } {
  const { j } = rewrite;
  const found: Removal[] = [];
  let unknown = false;
  const consider = (path: ASTPath<any>) => {
    const scanner = rewrite.scannerPathOf(path.node);
    const use = scanner ? holder.uses.get(scanner.node) : undefined;
    if (use) found.push({ use, path });
    else if (!scanner) unknown = true;
  };
  if (holder.kind !== 'field') {
    const scope = holder.kind === 'parameter' ? findDeclared(rewrite, holder.fn) : undefined;
    const within = scope ? j(scope) : rewrite.root;
    within.find(j.Identifier, { name: holder.name }).forEach((path: ASTPath<any>) => {
      if (!isValueReference(path) || path.node === (holder.declaration as AnyNode)) return;
      const scanner = rewrite.scannerPathOf(path.node);
      // another binding of the same name (scanner knows), or code the rewrite wrote
      if (scanner && holder.binding && scanner.scope.getBinding(holder.name) !== holder.binding) return;
      if (scanner && scanner.parentPath?.node === holder.declaration) return;
      consider(path);
    });
  }
  if (holder.classNode) {
    const classPath = findClass(rewrite, holder);
    if (!classPath) return { found, unknown: true };
    j(classPath)
      .find(j.MemberExpression, { object: { type: 'ThisExpression' }, property: { name: holder.name } })
      .forEach((path: ASTPath<any>) => {
        if (path.parent?.node.type === 'AssignmentExpression' && path.parent.node.left === path.node) {
          // `this.db = db`: the supplier's use (a field), or the parameter property's own field written
          return;
        }
        consider(path);
      });
  }
  return { found, unknown };
}

/** An identifier that reads a variable: not a property name, an import's name, or a type. */
function isValueReference(path: ASTPath<any>): boolean {
  const parent = path.parent?.node;
  if (!parent) return false;
  if (/^(Import|Export)/.test(parent.type) || /^TS/.test(parent.type)) return false;
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === path.node && !parent.computed) return false;
  if ((parent.type === 'ObjectProperty' || parent.type === 'Property') && parent.key === path.node && !parent.computed && !parent.shorthand) return false;
  if ((parent.type === 'ClassProperty' || parent.type === 'ClassMethod' || parent.type === 'MethodDefinition') && parent.key === path.node) return false;
  return true;
}

function statementOf(path: ASTPath<any>): ASTPath<any> | undefined {
  for (let current: ASTPath<any> | null = path; current; current = current.parent) {
    if (current.node.type === 'ExpressionStatement') return current;
  }
  return undefined;
}

function pruneStatement(path: ASTPath<any>): void {
  statementOf(path)?.prune();
}

function removeArgument(path: ASTPath<any>): void {
  const call = path.parent;
  const args = call?.node.arguments as AnyNode[] | undefined;
  const index = args ? args.indexOf(path.node) : -1;
  if (index >= 0) args!.splice(index, 1);
}

/** `{ db, other }` of `module.exports = …` loses `db`; the statement goes with its last property. */
function removeExportedProperty(path: ASTPath<any>): void {
  const property = path.parent as ASTPath<any>;
  const object = property?.parent as ASTPath<any>;
  if (!object || object.node.type !== 'ObjectExpression') return;
  if (object.node.properties.length > 1) property.prune();
  else pruneStatement(object);
}

/** `const { db, other } = require(…)` loses `db`; the declaration goes with its last property. */
function removePatternProperty(rewrite: FileRewrite, declarator: ASTPath<any>, holder: ConnectionHolder): void {
  const pattern = declarator.node.id;
  if (pattern?.type !== 'ObjectPattern') return;
  const original = holder.property as AnyNode;
  const index = (pattern.properties as AnyNode[]).findIndex((property) => property.loc && rewrite.scannerPathOf(property)?.node === original);
  if (index < 0) return;
  if (pattern.properties.length > 1) pattern.properties.splice(index, 1);
  else pruneDeclarator(declarator);
}

function pruneDeclarator(declarator: ASTPath<any>): void {
  const statement = declarator.parent as ASTPath<any>;
  if (statement?.node.type !== 'VariableDeclaration') return;
  if (statement.node.declarations.length > 1) {
    declarator.prune();
    return;
  }
  if (statement.parent?.node.type === 'ExportNamedDeclaration') statement.parent.prune();
  else statement.prune();
}

/** The parameter goes; a constructor left with neither parameters nor statements goes too. */
function removeParameter(rewrite: FileRewrite, param: ASTPath<any>, holder: ConnectionHolder): void {
  const fn = findDeclared(rewrite, holder.fn);
  if (!fn) return;
  const owner = fn.node.value ?? fn.node; // MethodDefinition holds a FunctionExpression
  const index = (owner.params as AnyNode[]).indexOf(param.node);
  if (index >= 0) owner.params.splice(index, 1);
  if ((fn.node.type === 'ClassMethod' || fn.node.type === 'MethodDefinition') && fn.node.kind === 'constructor' && !owner.params.length && !owner.body.body.length) fn.prune();
}

/** `private db: Database;` (no value) in the class. */
function removeFieldDeclaration(rewrite: FileRewrite, holder: ConnectionHolder): void {
  const { j } = rewrite;
  const classPath = findClass(rewrite, holder);
  if (!classPath) return;
  j(classPath)
    .find(j.ClassProperty, { key: { name: holder.name } })
    .filter((path: ASTPath<any>) => !path.node.value && path.parent?.parent?.node === classPath.node)
    .forEach((path: ASTPath<any>) => path.prune());
}

function pruneFunction(fn: ASTPath<any>): void {
  if (fn.node.type === 'FunctionDeclaration') {
    if (fn.parent?.node.type === 'ExportNamedDeclaration' || fn.parent?.node.type === 'ExportDefaultDeclaration') fn.parent.prune();
    else fn.prune();
    return;
  }
  const declarator = fn.parent;
  if (declarator?.node.type === 'VariableDeclarator' && declarator.node.init === fn.node) pruneDeclarator(declarator);
}

/** The holder's class in the rewritten tree. */
function findClass(rewrite: FileRewrite, holder: ConnectionHolder): ASTPath<any> | undefined {
  return findDeclared(rewrite, holder.classNode as AnyNode);
}

/**
 * A function or class of the original code in the rewritten tree. One declared in an `export`
 * has no position of its own there (recast gives it to the export), so it is then found by name.
 */
function findDeclared(rewrite: FileRewrite, original: AnyNode): ASTPath<any> | undefined {
  const direct = findRewritePath(rewrite, original);
  if (direct) return direct;
  const name = original?.id?.name;
  if (!name || !/Declaration$/.test(original.type)) return undefined;
  const { j } = rewrite;
  const candidates = rewrite.root.find(j.Node).filter((path: ASTPath<any>) => path.node.type === original.type && path.node.id?.name === name).paths() as ASTPath<any>[];
  return candidates.length === 1 ? candidates[0] : undefined;
}
