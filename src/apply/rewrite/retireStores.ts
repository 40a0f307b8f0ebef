/**
 * Removes a memory store once nothing in the project reads it: its declaration, the module-level
 * code that filled it with seed data, and its export. The seed records are kept for migrate-data
 * (reported as SeedData, written to .migration/seed/<Entity>.json), so no data is lost. A store
 * still used (here, or by a file not yet migrated) stays; seed data that is not a plain literal
 * gets a TODO.
 */
import type { ASTPath } from 'jscodeshift';
import type { ASTNode } from 'ast-types';
import type { StoreTarget } from '../analysis/findStoreTargets';
import { addTodo } from './addTodo';
import { findVariableReferences, isInTree, lookupScope } from './bindings';
import { evaluateLiteral } from './evaluateLiteral';
import { findConstant, readSeedValue } from './readSeedValue';
import { retireClassStores } from './retireClassStores';
import type { FileRewrite } from './FileRewrite';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export function retireStores(rewrite: FileRewrite): void {
  const { j } = rewrite;
  retireClassStores(rewrite);
  if (!rewrite.origins.includes('memory')) return;
  // one walk for every target: the project's other files declare most of them
  const declarators = new Map<object, ASTPath<any>>();
  rewrite.root.find(j.VariableDeclarator).forEach((path) => {
    const scanner = rewrite.scannerPathOf(path.node);
    if (scanner && !declarators.has(scanner.node)) declarators.set(scanner.node, path);
  });
  if (!declarators.size) return;
  for (const target of rewrite.analysis.targets) {
    if (target.origin !== 'memory') continue;
    const declarator = declaratorOf(target, declarators);
    if (!declarator || declarator.node.id.type !== 'Identifier') continue;
    let declaration = declarator.parent as ASTPath<any>;
    if (declaration.node.declarations.length !== 1) continue;
    const exported = declaration.parent?.node.type === 'ExportNamedDeclaration';
    if (exported) declaration = declaration.parent as ASTPath<any>;
    if (declaration.parent?.node.type !== 'Program') continue;
    retire(rewrite, target, declarator, declaration, exported);
  }
}

/** The first declarator in tree order whose scanner node declares the target (the tree is unchanged between targets unless one is retired, which only removes). */
function declaratorOf(target: StoreTarget, declarators: Map<object, ASTPath<any>>): ASTPath<any> | undefined {
  for (const [node, path] of declarators) if (target.declarations.has(node as never) && isInTree(path)) return path;
  return undefined;
}

function retire(rewrite: FileRewrite, target: StoreTarget, declarator: ASTPath<any>, declaration: ASTPath<any>, exported: boolean): void {
  const name: string = declarator.node.id.name;
  const references = findVariableReferences(rewrite.j, rewrite.root, name, lookupScope(declarator, name));
  const seedStatements: ASTPath<any>[] = [];
  const exports: ASTPath<any>[] = [];
  for (const reference of references) {
    const top = topStatement(reference);
    if (!top) return; // used inside a function: still in use
    if (isExportEntry(reference)) exports.push(reference);
    else if (isSeedStatement(top.node, name)) {
      if (!seedStatements.includes(top)) seedStatements.push(top);
    } else return;
  }
  if ((exports.length || exported) && usedElsewhere(rewrite, target)) return;
  const records = readSeed(rewrite, declarator.node.init, seedStatements, target);
  if (!records) {
    addTodo(rewrite, declaration, `the seed data of ${name} is not a plain literal; save it as .migration/seed/${target.entityName}.json (an array of items) for migrate-data, then delete it here and re-run`);
    return;
  }
  if (records.length) rewrite.report.seeds.push({ entity: target.entityName, table: target.table.name, from: target.record.id, records });
  for (const statement of seedStatements) statement.prune();
  for (const entry of exports) removeExportEntry(entry);
  declaration.prune();
}

function topStatement(path: ASTPath<any>): ASTPath<any> | undefined {
  let current: ASTPath<any> = path;
  while (current.parent && current.parent.node.type !== 'Program') {
    if (/Function|Method/.test(current.node.type)) return undefined;
    current = current.parent;
  }
  return current.parent ? (current as ASTPath<any>) : undefined;
}

/** Module-level code that only puts literal data into the store. */
function isSeedStatement(node: AnyNode, store: string): boolean {
  const text = JSON.stringify(node, (key, value) => (key === 'loc' || key === 'tokens' || key === 'original' || key === 'comments' ? undefined : value));
  if (!text.includes(`"name":"${store}"`)) return false;
  if (node.type === 'ForOfStatement') return true;
  if (node.type === 'ExpressionStatement') {
    const expression = node.expression as AnyNode;
    if (expression.type === 'CallExpression' && expression.callee.type === 'MemberExpression') {
      const method = expression.callee.property.name;
      return ['set', 'push', 'forEach'].includes(method);
    }
    if (expression.type === 'AssignmentExpression' && expression.left.type === 'MemberExpression' && expression.left.object.name === store) return true;
  }
  return false;
}

function readSeed(rewrite: FileRewrite, init: AnyNode | null | undefined, statements: ASTPath<any>[], target: StoreTarget): unknown[] | undefined {
  const lookup = (name: string) => findConstant(rewrite, name);
  const records: unknown[] = [];
  if (init) {
    if (init.type === 'NewExpression' && init.callee.name === 'Map') {
      if (init.arguments.length) {
        const entries = readSeedValue(rewrite, init.arguments[0]);
        if (!entries.ok || !Array.isArray(entries.value)) return undefined;
        records.push(...entries.value.map((entry) => (Array.isArray(entry) ? entry[1] : entry)));
      }
    } else {
      const value = readSeedValue(rewrite, init);
      if (!value.ok) return undefined;
      if (Array.isArray(value.value)) records.push(...value.value);
      else if (value.value && typeof value.value === 'object') records.push(...Object.values(value.value));
      else return undefined;
    }
  }
  for (const statement of statements) {
    const values = readSeedStatement(statement.node, lookup);
    if (!values) return undefined;
    records.push(...values);
  }
  return records.filter((record) => record && typeof record === 'object' && target.key.name in (record as object));
}

/** The records one module-level seed statement puts into the store. */
function readSeedStatement(node: AnyNode, lookup: (name: string) => AnyNode | undefined): unknown[] | undefined {
  const many = (source: AnyNode | undefined) => {
    const value = evaluateLiteral(source, lookup);
    return value.ok && Array.isArray(value.value) ? value.value : undefined;
  };
  const one = (source: AnyNode | undefined) => {
    const value = evaluateLiteral(source, lookup);
    return value.ok ? [value.value] : undefined;
  };
  if (node.type === 'ForOfStatement') return many(node.right); // for (const todo of seed) todos.set(todo.id, todo)
  const expression = node.expression as AnyNode;
  if (expression.type === 'AssignmentExpression') return one(expression.right); // users['1'] = { … }
  const method = expression.callee.property.name;
  if (method === 'forEach') return many(expression.callee.object); // seed.forEach((t) => todos.set(t.id, t))
  if (method === 'push') return many({ type: 'ArrayExpression', elements: expression.arguments }); // notes.push(a, b) / push(...seed)
  return one(expression.arguments[1]); // todos.set(id, { … })
}

function isExportEntry(path: ASTPath<any>): boolean {
  const parent = path.parent?.node as AnyNode;
  if (parent?.type === 'ExportSpecifier' || parent?.type === 'ExportDefaultDeclaration') return true;
  if ((parent?.type === 'ObjectProperty' || parent?.type === 'Property') && parent.value === path.node) {
    const assignment = path.parent.parent?.parent?.node as AnyNode | undefined;
    return assignment?.type === 'AssignmentExpression' && /^module\.exports$|^exports$/.test(describe(assignment.left));
  }
  return false;
}

function describe(node: AnyNode): string {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed) return `${describe(node.object)}.${node.property.name}`;
  return '';
}

function removeExportEntry(path: ASTPath<any>): void {
  const entry = path.parent as ASTPath<any>;
  const container = entry.parent as ASTPath<any>;
  entry.prune();
  const list = (container.node.properties ?? container.node.specifiers) as AnyNode[] | undefined;
  if (list && !list.length && container.node.type === 'ExportNamedDeclaration') container.prune();
}

/** Whether another file still references the store (it is migrated on this run; the next run retires the store). */
export function usedElsewhere(rewrite: FileRewrite, target: StoreTarget): boolean {
  if (rewrite.analysis.keptTargets.has(target)) return true;
  for (const reference of rewrite.analysis.references.values()) {
    if (reference.target === target && reference.file.rel !== rewrite.rel && !rewrite.analysis.processed.has(reference.file.rel)) return true;
  }
  return false;
}
