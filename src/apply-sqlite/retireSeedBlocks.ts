/**
 * "Seed the table the first time": `const { count } = db.prepare('SELECT COUNT(*) AS count FROM t').get();`
 * followed by `if (count === 0) { …INSERTs of constant rows… }`. The seeded rows are in the
 * database file like every other row, and migrate-data copies them, so the check and the block go
 * (a module-level read could not be awaited in CommonJS anyway). Only when the block does nothing
 * but prepare and run INSERTs whose values are all literals (in a transaction or not).
 */
import type { ASTPath } from 'jscodeshift';
import type { FileRewrite } from '../apply/rewrite/FileRewrite';
import type { SqlCallSite } from '../scan/sqlite';
import { findRewritePath } from './findRewritePath';

/** Removes each seed-if-empty block of the file; returns the SQL sites that went with them. */
export function retireSeedBlocks(rewrite: FileRewrite, sites: SqlCallSite[]): Set<SqlCallSite> {
  const retired = new Set<SqlCallSite>();
  for (const site of sites) {
    if (retired.has(site) || !isCountOfTable(site)) continue;
    const call = findRewritePath(rewrite, site.path.node);
    const declaration = call && countDeclaration(call);
    if (!declaration) continue;
    const body = declaration.statement.parent?.node.body as unknown[] | undefined;
    const index = body ? body.indexOf(declaration.statement.node) : -1;
    const next = index >= 0 ? (body![index + 1] as any) : undefined;
    if (!next || next.type !== 'IfStatement' || next.alternate || !testsEmpty(next.test, declaration.name)) continue;
    const inside = sites.filter((other) => other !== site && within(other.path.node, next));
    if (!inside.length || !inside.every(isConstantInsert) || !onlySeedCalls(rewrite, next, inside)) continue;
    if (usedElsewhere(rewrite, declaration.name, declaration.statement.node, next)) continue;
    body!.splice(index, 2);
    rewrite.modified = true;
    retired.add(site);
    for (const other of inside) retired.add(other);
    const table = site.variants[0].statements[0]!.table;
    rewrite.report.diagnostics.push({
      severity: 'info',
      code: 'apply-sqlite-seed-retired',
      file: rewrite.rel,
      line: site.path.node.loc?.start.line ?? 0,
      message: `the rows seeded when ${table} is empty were removed with their check: they are in the database file, which migrate-data copies (a new environment is seeded with migrate-data too)`,
    });
  }
  return retired;
}

/** `SELECT COUNT(*) [AS n] FROM t` with no WHERE, read with get(). */
function isCountOfTable(site: SqlCallSite): boolean {
  if (site.method !== 'get' || site.variants.length !== 1 || site.dynamic) return false;
  const [summary] = site.variants[0].statements;
  return Boolean(summary && summary.kind === 'select' && !summary.where.length && !summary.joins.length && summary.selectColumns.length === 1 && summary.selectColumns[0].aggregate?.toUpperCase() === 'COUNT');
}

/** `const { count } = <call>` / `const count = <call>.count`: the declaration and the name it binds. */
function countDeclaration(call: ASTPath<any>): { statement: ASTPath<any>; name: string } | undefined {
  let expression = call;
  if (expression.parent?.node.type === 'MemberExpression' && expression.parent.node.object === expression.node) expression = expression.parent;
  const declarator = expression.parent;
  const statement = declarator?.parent;
  if (declarator?.node.type !== 'VariableDeclarator' || declarator.node.init !== expression.node || statement?.node.type !== 'VariableDeclaration' || statement.node.declarations.length !== 1) return undefined;
  const id = declarator.node.id;
  if (expression === call && id.type === 'ObjectPattern' && id.properties.length === 1 && id.properties[0].value?.type === 'Identifier') return { statement, name: id.properties[0].value.name };
  if (expression !== call && id.type === 'Identifier') return { statement, name: id.name };
  return undefined;
}

/** `n === 0`, `n == 0`, `!n`, `n < 1`. */
function testsEmpty(test: any, name: string): boolean {
  const isName = (node: any) => node?.type === 'Identifier' && node.name === name;
  const isNumber = (node: any, value: number) => (node?.type === 'NumericLiteral' || node?.type === 'Literal') && node.value === value;
  if (test.type === 'UnaryExpression' && test.operator === '!') return isName(test.argument);
  if (test.type !== 'BinaryExpression') return false;
  if (['===', '=='].includes(test.operator)) return (isName(test.left) && isNumber(test.right, 0)) || (isName(test.right) && isNumber(test.left, 0));
  return test.operator === '<' && isName(test.left) && isNumber(test.right, 1);
}

function within(node: { start?: number | null; end?: number | null; loc?: any }, container: any): boolean {
  const { loc } = node;
  const outer = container.loc;
  if (!loc || !outer) return false;
  const after = loc.start.line > outer.start.line || (loc.start.line === outer.start.line && loc.start.column >= outer.start.column);
  const before = loc.end.line < outer.end.line || (loc.end.line === outer.end.line && loc.end.column <= outer.end.column);
  return after && before;
}

/** An INSERT run with literal values only (positional literals or an object of literals). */
function isConstantInsert(site: SqlCallSite): boolean {
  if (site.method !== 'run' || site.variants.length !== 1 || site.dynamic) return false;
  const [variant] = site.variants;
  if (!variant.statements.length || !variant.statements.every((summary) => summary?.kind === 'insert')) return false;
  return variant.bindings.every((binding) => isLiteral(binding.argument?.node));
}

function isLiteral(node: any): boolean {
  if (!node) return false;
  if (['StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'NullLiteral'].includes(node.type)) return true;
  if (node.type === 'UnaryExpression' && node.operator === '-') return isLiteral(node.argument);
  return node.type === 'TemplateLiteral' && node.expressions.length === 0;
}

/** Every call in the block is a seed INSERT, a prepare/transaction, or a call of a function the block declares. */
function onlySeedCalls(rewrite: FileRewrite, block: any, inserts: SqlCallSite[]): boolean {
  const { j } = rewrite;
  const insertLines = new Set(inserts.map((site) => `${site.path.node.loc?.start.line}:${site.path.node.loc?.start.column}`));
  const declared = new Set(j(block).find(j.VariableDeclarator).nodes().flatMap((node: any) => (node.id.type === 'Identifier' ? [node.id.name] : [])));
  return j(block)
    .find(j.CallExpression)
    .every((path: ASTPath<any>) => {
      const { callee, loc } = path.node;
      if (loc && insertLines.has(`${loc.start.line}:${loc.start.column}`)) return true;
      if (callee.type === 'Identifier') return declared.has(callee.name);
      return callee.type === 'MemberExpression' && !callee.computed && ['prepare', 'transaction'].includes(callee.property.name);
    });
}

function usedElsewhere(rewrite: FileRewrite, name: string, declaration: unknown, block: unknown): boolean {
  const { j } = rewrite;
  return rewrite.root
    .find(j.Identifier, { name })
    .some((path: ASTPath<any>) => {
      for (let current: ASTPath<any> | null = path; current; current = current.parent) if (current.node === declaration || current.node === block) return false;
      return !(path.parent?.node.type === 'MemberExpression' && path.parent.node.property === path.node && !path.parent.node.computed);
    });
}
