/**
 * "Seed the table the first time": `const { count } = db.prepare('SELECT COUNT(*) AS count FROM t').get();`
 * followed by `if (count === 0) { …INSERTs of constant rows… }`. The seeded rows are in the
 * database file like every other row, and migrate-data copies them, so the check and the block go
 * (a module-level read could not be awaited in CommonJS anyway). Only when the block does nothing
 * but prepare and run INSERTs whose values are all literals (in a transaction or not). The same
 * holds for the early-return form, `if (count > 0) return;` followed by the seeding statements up
 * to the end of the function, whose INSERTs may read rows a transaction is called with, as long as
 * every value comes from a literal in those statements.
 */
import type { ASTPath } from 'jscodeshift';
import type { FileRewrite } from '../apply/rewrite/FileRewrite';
import type { SqlCallSite } from '../scan/sqlite';
import { findRewritePath } from './findRewritePath';

/** The parts of a file's jscodeshift rewrite the recogniser reads. */
export type SeedTree = Pick<FileRewrite, 'j' | 'root' | 'source'>;

/** A seed block: its count site, the INSERT sites inside, and the statements that go (body[index…index+length-1]). */
export interface SeedBlock {
  count: SqlCallSite;
  inserts: SqlCallSite[];
  body: unknown[];
  index: number;
  length: number;
}

/** The seed-if-empty blocks among a file's SQL sites (nothing changes). */
export function findSeedBlocks(tree: SeedTree, sites: SqlCallSite[]): SeedBlock[] {
  const blocks: SeedBlock[] = [];
  const taken = new Set<SqlCallSite>();
  for (const site of sites) {
    if (taken.has(site) || !isCountOfTable(site)) continue;
    const call = findRewritePath(tree as FileRewrite, site.path.node);
    const declaration = call && countDeclaration(call);
    if (!declaration) continue;
    const body = declaration.statement.parent?.node.body as unknown[] | undefined;
    const index = body ? body.indexOf(declaration.statement.node) : -1;
    const next = index >= 0 ? (body![index + 1] as any) : undefined;
    if (!next || next.type !== 'IfStatement' || next.alternate) continue;
    const region = seedRegion(declaration.statement, index, next, declaration.name);
    if (!region) continue;
    const inside = sites.filter((other) => other !== site && region.some((statement) => within(other.path.node, statement)));
    if (!inside.length || !inside.every((insert) => isConstantInsert(insert, region)) || !onlySeedCalls(tree, region, inside)) continue;
    if (!readsOnlyLiterals(tree, region, declaration.name) || usedElsewhere(tree, declaration.name, declaration.statement, region)) continue;
    blocks.push({ count: site, inserts: inside, body: body!, index, length: 1 + region.length });
    taken.add(site);
    for (const other of inside) taken.add(other);
  }
  return blocks;
}

/** Removes each seed-if-empty block of the file; returns the SQL sites that went with them. */
export function retireSeedBlocks(rewrite: FileRewrite, sites: SqlCallSite[]): Set<SqlCallSite> {
  const retired = new Set<SqlCallSite>();
  const blocks = findSeedBlocks(rewrite, sites);
  // last first, so the positions of earlier blocks in the same body still hold
  for (const block of [...blocks].sort((a, b) => b.index - a.index)) block.body.splice(block.index, block.length);
  for (const { count, inserts } of blocks) {
    rewrite.modified = true;
    retired.add(count);
    for (const other of inserts) retired.add(other);
    const table = count.variants[0].statements[0]!.table;
    rewrite.report.diagnostics.push({
      severity: 'info',
      code: 'apply-sqlite-seed-retired',
      file: rewrite.rel,
      line: count.path.node.loc?.start.line ?? 0,
      message: `the rows seeded when ${table} is empty were removed with their check: they are in the database file, which migrate-data copies (a new environment is seeded with migrate-data too)`,
    });
  }
  return retired;
}

/**
 * The statements that go with the count: `if (empty) { … }`, or after `if (notEmpty) return;` at the
 * top of a function body the whole rest of that body (the return included).
 */
function seedRegion(statement: ASTPath<any>, index: number, check: any, name: string): any[] | undefined {
  if (testsEmpty(check.test, name)) return [check];
  const container = statement.parent;
  const isFunctionBody = container?.node.type === 'BlockStatement' && /Function|Method/.test(container.parent?.node.type ?? '');
  if (!isFunctionBody || !testsNotEmpty(check.test, name) || !returnsNothing(check.consequent)) return undefined;
  const rest = (container!.node.body as any[]).slice(index + 1);
  return rest.length > 1 ? rest : undefined;
}

/** `n > 0`, `n !== 0`, `n != 0`, `n >= 1`, `n`. */
function testsNotEmpty(test: any, name: string): boolean {
  const isName = (node: any) => node?.type === 'Identifier' && node.name === name;
  const isNumber = (node: any, value: number) => (node?.type === 'NumericLiteral' || node?.type === 'Literal') && node.value === value;
  if (isName(test)) return true;
  if (test.type !== 'BinaryExpression') return false;
  if (['!==', '!=', '>'].includes(test.operator)) return isName(test.left) && isNumber(test.right, 0);
  return test.operator === '>=' && isName(test.left) && isNumber(test.right, 1);
}

function returnsNothing(node: any): boolean {
  if (node.type === 'BlockStatement') return node.body.length === 1 && returnsNothing(node.body[0]);
  return node.type === 'ReturnStatement' && !node.argument;
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
  if (expression.parent?.node.type === 'TSAsExpression' && expression.parent.node.expression === expression.node) expression = expression.parent;
  const declarator = expression.parent;
  const statement = declarator?.parent;
  if (declarator?.node.type !== 'VariableDeclarator' || declarator.node.init !== expression.node || statement?.node.type !== 'VariableDeclaration' || statement.node.declarations.length !== 1) return undefined;
  const id = declarator.node.id;
  const read = expression.node.type === 'TSAsExpression' ? expression.node.expression : expression.node;
  if (read === call.node && id.type === 'ObjectPattern' && id.properties.length === 1 && id.properties[0].value?.type === 'Identifier') return { statement, name: id.properties[0].value.name };
  if (read !== call.node && id.type === 'Identifier') return { statement, name: id.name };
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

/**
 * An INSERT run with literal values only (positional literals or an object of literals), or with a
 * row a name of the region holds (readsOnlyLiterals checks where the region's names get values).
 */
function isConstantInsert(site: SqlCallSite, region: any[]): boolean {
  if (site.method !== 'run' || site.variants.length !== 1 || site.dynamic) return false;
  const [variant] = site.variants;
  if (!variant.statements.length || !variant.statements.every((summary) => summary?.kind === 'insert')) return false;
  const args = site.path.node.arguments as any[];
  if (args.length === 1 && args[0].type === 'Identifier' && declaredNames(region).has(args[0].name)) return true;
  return variant.bindings.every((binding) => isLiteral(binding.argument?.node));
}

/** Names the region declares: variables, function names and parameters. */
function declaredNames(region: any[]): Set<string> {
  const names = new Set<string>();
  const visit = (node: any): void => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier') names.add(node.id.name);
    if (/Function/.test(node.type)) {
      if (node.id?.type === 'Identifier') names.add(node.id.name);
      for (const param of node.params) if (param.type === 'Identifier') names.add(param.name);
    }
    for (const key of Object.keys(node)) {
      if (key === 'loc' || key === 'comments' || key === 'tokens') continue;
      const value = node[key];
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  region.forEach(visit);
  return names;
}

/**
 * Every name the region reads is the count, one the region declares, or the connection it prepares on: the rows can
 * only come from literals written in the region (no parameter, environment or outer variable).
 */
function readsOnlyLiterals(tree: SeedTree, region: any[], count: string): boolean {
  const { j } = tree;
  const declared = declaredNames(region).add(count);
  return region.every((statement) =>
    j(statement)
      .find(j.Identifier)
      .every((path: ASTPath<any>) => {
        const parent = path.parent?.node;
        if (declared.has(path.node.name)) return true;
        if ((parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && parent.property === path.node && !parent.computed) return true;
        if ((parent?.type === 'ObjectProperty' || parent?.type === 'Property') && parent.key === path.node && !parent.computed && parent.value !== path.node) return true;
        if (isConnectionOfPrepare(parent, path.node)) return true;
        for (let current: ASTPath<any> | null = path.parent; current; current = current.parent) if (/^TS/.test(current.node.type) && !/^TS(As|NonNull|Satisfies)Expression$/.test(current.node.type)) return true;
        return path.node.name === 'undefined';
      }),
  ) && !returnsValue(tree, region);
}

/** A `return <value>` of the seeding function itself (not of a callback) in the region: removing it would change what the function returns. */
function returnsValue(tree: SeedTree, region: any[]): boolean {
  const { j } = tree;
  return region.some((statement) =>
    (statement.type === 'ReturnStatement' && statement.argument) ||
    j(statement)
      .find(j.ReturnStatement)
      .some((path: ASTPath<any>) => {
        if (!path.node.argument) return false;
        for (let current: ASTPath<any> | null = path.parent; current && current.node !== statement; current = current.parent) if (/Function/.test(current.node.type)) return false;
        return !/Function/.test(statement.type);
      }),
  );
}

function isConnectionOfPrepare(parent: any, node: any): boolean {
  return parent?.type === 'MemberExpression' && parent.object === node && !parent.computed && ['prepare', 'transaction'].includes(parent.property.name);
}

function isLiteral(node: any): boolean {
  if (!node) return false;
  if (['StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'NullLiteral'].includes(node.type)) return true;
  if (node.type === 'UnaryExpression' && node.operator === '-') return isLiteral(node.argument);
  return node.type === 'TemplateLiteral' && node.expressions.length === 0;
}

/** Every call in the region is a seed INSERT, a prepare/transaction, or a call of a function the region declares. */
function onlySeedCalls(tree: SeedTree, region: any[], inserts: SqlCallSite[]): boolean {
  const { j } = tree;
  const insertLines = new Set(inserts.map((site) => `${site.path.node.loc?.start.line}:${site.path.node.loc?.start.column}`));
  const declared = declaredNames(region);
  return region.every((block) => j(block)
    .find(j.CallExpression)
    .every((path: ASTPath<any>) => {
      const { callee, loc } = path.node;
      if (loc && insertLines.has(`${loc.start.line}:${loc.start.column}`)) return true;
      if (callee.type === 'Identifier') return declared.has(callee.name);
      return callee.type === 'MemberExpression' && !callee.computed && ['prepare', 'transaction'].includes(callee.property.name);
    }));
}

/** The count is read outside the declaration and the region (within the block that scopes it). */
function usedElsewhere(tree: SeedTree, name: string, declaration: ASTPath<any>, region: any[]): boolean {
  const { j } = tree;
  return j(declaration.parent)
    .find(j.Identifier, { name })
    .some((path: ASTPath<any>) => {
      for (let current: ASTPath<any> | null = path; current; current = current.parent) if (current.node === declaration.node || region.includes(current.node)) return false;
      return !(path.parent?.node.type === 'MemberExpression' && path.parent.node.property === path.node && !path.parent.node.computed);
    });
}
