/**
 * The app's own uniqueness check before an INSERT, with guard items in the plan:
 *
 *   const existing = await db.get('SELECT id FROM customers WHERE email = ?', email);
 *   if (existing) return reply.code(409).send(…);
 *   …
 *   await putUnique({ TableName: CUSTOMERS_TABLE_NAME, Item: { …, email } });   // the INSERT, already rewritten
 *
 * becomes the put inside `try { … } catch (error) { if (isConditionFailed(error)) { <the 409 branch> } throw error; }`:
 * the guard's conditional put is the check (race-free, as UNIQUE was), and no Scan by a column the
 * plan has no index for is left (the plan grants that handler no Scan). The check may test the read
 * directly (`if (getPostBySlug.get(slug)) return 409`), and the INSERT may run in a function called
 * after it (`const id = q.createPostWithTags({ …, slug })`, another file): that call goes in the try
 * (`let id; try { id = … }`). Undefined when the shape differs.
 */
import type { ASTPath } from 'jscodeshift';
import { statements } from '../emit';
import type { SiteContext, SiteOutcome } from './siteContext';
import { findGuardedInsertCall } from './findGuardedInsertCall';

type AnyNode = any;

export function retireUniqueCheck(ctx: SiteContext): SiteOutcome | undefined {
  const { summary, target, rewrite } = ctx;
  const { j } = rewrite;
  const condition = summary.where.length === 1 ? summary.where[0] : undefined;
  const column = condition?.column.column;
  if (ctx.site.method !== 'get' || !condition || condition.operator !== '=' || condition.inOr || !column) return undefined;
  if (!(target.entity.uniqueAttributes ?? []).some((unique) => unique.attribute === column)) return undefined;
  const found = findCheck(ctx);
  if (!found) return undefined;
  const { block, at, removed, answer } = found;
  const body: AnyNode[] = block.node.body;
  // (asked only when this file emitted a putUnique: asking for the name imports it)
  const putName = rewrite.used.has('putUnique') ? rewrite.localName('putUnique') : undefined;
  const later = body.slice(at + removed);
  let put = putName ? later.find((statement) => j(statement).find(j.CallExpression, { callee: { type: 'Identifier', name: putName } }).size() > 0 && writesColumn(j, statement, column)) : undefined;
  // the INSERT runs in a function called here (`q.createPostWithTags({ …, slug })`, another file): the call is the put
  const called = put ? undefined : later.find((statement) => findGuardedInsertCall(rewrite, statement, summary.table ?? '', column));
  if (!put && !called) return undefined;
  const assigned = called ? assignedDeclaration(j, called) : undefined;
  put = called ? (assigned ? assigned.assignment : called) : put;
  const e = rewrite.emit;
  const i = e.style.indent;
  const end = e.style.semicolons ? ';' : '';
  const guarded = statements(e, [`try {\n${i}void 0${end}\n} catch (error) {\n${i}if (${e.name('isConditionFailed')}(error)) {\n${i}}\n${i}throw error${end}\n}`]);
  const tryStatement = guarded[0] as AnyNode;
  // the app's own answer for a taken value, as written (comments and formatting kept)
  tryStatement.block.body = [put];
  tryStatement.handler.body.body[0].consequent.body = answer;
  const original = called ?? put;
  body.splice(at, removed);
  body.splice(body.indexOf(original), 1, ...(assigned ? [assigned.declaration, tryStatement] : [tryStatement]));
  return { done: true };
}

/**
 * The check: `const existing = <read>; if (existing) { …return/throw }` (the row only tested), or
 * `if (<read>) { …return/throw }`. Its block, where it starts, how many statements it takes, and the answer.
 */
function findCheck(ctx: SiteContext): { block: ASTPath<any>; at: number; removed: number; answer: AnyNode[] } | undefined {
  const { j } = ctx.rewrite;
  const parent = ctx.call.parent as ASTPath<any> | undefined;
  let block: ASTPath<any> | undefined;
  let check: AnyNode;
  let at: number;
  let removed: number;
  if (parent?.node.type === 'IfStatement' && parent.node.test === ctx.call.node) {
    block = parent.parent as ASTPath<any> | undefined;
    check = parent.node;
    at = block?.node.body?.indexOf(check) ?? -1;
    removed = 1;
  } else {
    const declaration = parent?.parent as ASTPath<any> | undefined;
    block = declaration?.parent as ASTPath<any> | undefined;
    if (parent?.node.type !== 'VariableDeclarator' || parent.node.id.type !== 'Identifier' || declaration?.node.type !== 'VariableDeclaration' || declaration.node.declarations.length !== 1) return undefined;
    if (block?.node.type !== 'BlockStatement') return undefined;
    const name: string = parent.node.id.name;
    at = block.node.body.indexOf(declaration.node);
    check = block.node.body[at + 1];
    if (check?.type !== 'IfStatement' || check.test.type !== 'Identifier' || check.test.name !== name) return undefined;
    // the row is only tested, never read
    const uses = j(block).find(j.Identifier, { name }).filter((path: ASTPath<any>) => path.node !== parent.node.id && path.node !== check.test);
    if (uses.size()) return undefined;
    removed = 2;
  }
  if (!block || block.node.type !== 'BlockStatement' || at < 0 || check.alternate) return undefined;
  const answer: AnyNode[] = check.consequent.type === 'BlockStatement' ? check.consequent.body : [check.consequent];
  const last = answer[answer.length - 1];
  if (last?.type !== 'ReturnStatement' && last?.type !== 'ThrowStatement') return undefined;
  return { block, at, removed, answer };
}

/** `const id = f(…)` → `let id;` and `id = f(…);` (the assignment goes in the try, the name stays visible after it). */
function assignedDeclaration(j: any, statement: AnyNode): { declaration: AnyNode; assignment: AnyNode } | undefined {
  if (statement.type !== 'VariableDeclaration' || statement.declarations.length !== 1) return undefined;
  const [declarator] = statement.declarations;
  if (declarator.id.type !== 'Identifier' || !declarator.init) return undefined;
  const declaration = j.variableDeclaration('let', [j.variableDeclarator(j.identifier(declarator.id.name))]);
  declaration.comments = statement.comments;
  const assignment = j.expressionStatement(j.assignmentExpression('=', j.identifier(declarator.id.name), declarator.init));
  return { declaration, assignment };
}

/** The statement's put writes `column` (its Item names it). */
function writesColumn(j: any, statement: AnyNode, column: string): boolean {
  return j(statement).find(j.Property).filter((path: ASTPath<any>) => keyName(path.node) === column).size() + j(statement).find(j.ObjectProperty).filter((path: ASTPath<any>) => keyName(path.node) === column).size() > 0;
}

function keyName(property: AnyNode): string | undefined {
  return property.key?.type === 'Identifier' ? property.key.name : typeof property.key?.value === 'string' ? property.key.value : undefined;
}
