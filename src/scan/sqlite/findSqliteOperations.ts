import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { ScanContext, OperationFinding, StoreFinding } from '../types';
import { analyseSqlite, type SqliteAnalysisWithHints } from './analyseSqlite';
import { classifyStatement, type ClassifiedOp, type ClassifyContext } from './classifyStatement';
import { unwrapPath } from './js/astUtils';
import { isExistenceTest } from './js/isExistenceTest';
import type { SqlValue } from './sql/summariseStatement';
import type { SqlCallSite, SqlVariant } from './types';
import { walkPaths } from '../walkPaths';

/** The operations each SQL call site performs, merged across its variants, reported at the call site. */
export function findSqliteOperations(ctx: ScanContext, stores: StoreFinding[]): OperationFinding[] {
  const analysis = analyseSqlite(ctx);
  const storeByKey = new Map(stores.map((s) => [storeKeyOf(s), s]));
  const findings: OperationFinding[] = [];
  for (const site of analysis.callSites) {
    for (const op of classifyCallSite(site, analysis)) {
      const table = analysis.tableOf(op.table, site.connection.dbFile);
      const store = table ? storeByKey.get(`${table.dbFile}#${table.name}`) : undefined;
      if (!store) continue;
      const finding: OperationFinding = { op: op.op, entity: store.entity, store: store.id, sourceFile: site.file, path: site.path };
      if (op.attributes && op.attributes.length > 0) finding.attributes = op.attributes;
      if (op.order) finding.order = op.order;
      if (op.pagination) finding.pagination = op.pagination;
      if (op.unique) finding.unique = op.unique;
      if (op.match) finding.match = op.match;
      if (op.removes) finding.removes = op.removes;
      if (op.op === 'filter-by-attr' && readsUniqueMatch(site, op.attributes, table?.schema?.uniques)) finding.readsMatch = true;
      findings.push(finding);
    }
  }
  return findings;
}

/** A filter on one UNIQUE column whose row the code reads (`tag.id`), not only tests (`if (row) return 409`). */
function readsUniqueMatch(site: SqlCallSite, attributes: string[] | undefined, uniques: string[][] | undefined): boolean {
  if (attributes?.length !== 1 || !(uniques ?? []).some((columns) => columns.length === 1 && columns[0] === attributes[0])) return false;
  return !isExistenceTest(site.path, site.result.style === 'callback' ? site.result.callback : undefined);
}

function storeKeyOf(store: StoreFinding): string {
  return store.id.replace(/^sqlite:/, '');
}

/** Operations of one call site: every statement of every variant, merged by (op, table). */
export function classifyCallSite(site: SqlCallSite, analysis: SqliteAnalysisWithHints): ClassifiedOp[] {
  const merged = new Map<string, ClassifiedOp & { orders: Set<string> }>();
  for (const variant of site.variants) {
    const ctx = classifyContext(site, variant, analysis);
    for (const summary of variant.statements) {
      if (!summary) continue;
      for (const op of classifyStatement(summary, ctx)) {
        const key = `${op.op}|${op.table.toLowerCase()}|${op.match ?? ''}|${op.removes ?? ''}`;
        const existing = merged.get(key);
        if (!existing) {
          merged.set(key, { ...op, ...(op.attributes ? { attributes: [...op.attributes] } : {}), orders: new Set(op.order ? [op.order] : []) });
          continue;
        }
        for (const attribute of op.attributes ?? []) {
          existing.attributes ??= [];
          if (!existing.attributes.includes(attribute)) existing.attributes.push(attribute);
        }
        if (op.order) existing.orders.add(op.order);
        if (op.pagination && existing.pagination !== op.pagination) existing.pagination = existing.pagination === 'page' || op.pagination === 'page' ? 'page' : 'offset';
      }
    }
  }
  return [...merged.values()].map(({ orders, ...op }) => {
    // Variants that sort both ways (`ORDER BY x ${direction}`) have no single order.
    if (orders.size !== 1) delete op.order;
    return op;
  });
}

function classifyContext(site: SqlCallSite, variant: SqlVariant, analysis: SqliteAnalysisWithHints): ClassifyContext {
  const dbFile = site.connection.dbFile;
  const argumentOf = (value: SqlValue): NodePath | undefined =>
    value.kind === 'param' ? variant.bindings.find((b) => b.canonical === value.canonical)?.argument : undefined;
  return {
    schemaOf: (name) => analysis.tableOf(name, dbFile)?.schema ?? analysis.tableOf(name)?.schema,
    tableNames: analysis.tables.filter((t) => t.dbFile === dbFile).map((t) => t.name),
    isNow: (value) => {
      if (value.kind === 'now') return true;
      const argument = argumentOf(value);
      return argument ? isNowExpression(argument) : false;
    },
    offsetStyle: (value) => {
      const argument = argumentOf(value);
      return argument && isPageArithmetic(argument) ? 'page' : 'offset';
    },
    foreignKeysOn: analysis.foreignKeysOn,
    textOf: (value) => {
      if (value.kind === 'literal') return typeof value.value === 'string' ? value.value : undefined;
      const argument = argumentOf(value);
      return argument?.isStringLiteral() ? argument.node.value : undefined;
    },
  };
}

/** `Date.now()`, `new Date()`, `Math.floor(Date.now() / 1000)`, `new Date().toISOString()`, or a local holding one. */
function isNowExpression(path: NodePath, depth = 0): boolean {
  const inner = unwrapPath(path);
  if (depth < 3 && inner.isIdentifier()) {
    const binding = inner.scope.getBinding(inner.node.name);
    const init = binding?.path.isVariableDeclarator() ? binding.path.get('init') : undefined;
    if (init?.node) return isNowExpression(init as NodePath, depth + 1);
    return /^now$/i.test(inner.node.name);
  }
  let found = false;
  const check = (node: t.Node): void => {
    if (t.isNewExpression(node) && t.isIdentifier(node.callee, { name: 'Date' }) && node.arguments.length === 0) found = true;
    if (t.isCallExpression(node) && t.isMemberExpression(node.callee) && t.isIdentifier(node.callee.object, { name: 'Date' }) && t.isIdentifier(node.callee.property, { name: 'now' })) found = true;
  };
  check(inner.node);
  if (!found) walkPaths(inner, { enter: (p) => check(p.node) });
  return found;
}

/** `(page - 1) * pageSize`: the offset is computed from a page number. */
function isPageArithmetic(path: NodePath, depth = 0): boolean {
  const inner = unwrapPath(path);
  if (inner.isIdentifier() && depth < 3) {
    const binding = inner.scope.getBinding(inner.node.name);
    const init = binding?.path.isVariableDeclarator() ? binding.path.get('init') : undefined;
    return init?.node ? isPageArithmetic(init as NodePath, depth + 1) : false;
  }
  let multiplies = inner.isBinaryExpression({ operator: '*' });
  let mentionsPage = false;
  const check = (node: t.Node): void => {
    if (t.isIdentifier(node) && /page/i.test(node.name)) mentionsPage = true;
    if (t.isMemberExpression(node) && t.isIdentifier(node.property) && /page/i.test(node.property.name)) mentionsPage = true;
    if (t.isBinaryExpression(node, { operator: '*' })) multiplies = true;
  };
  check(inner.node);
  walkPaths(inner, { enter: (p) => check(p.node) });
  return multiplies && mentionsPage;
}
