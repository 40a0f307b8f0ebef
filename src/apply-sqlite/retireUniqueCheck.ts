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
 * plan has no index for is left (the plan grants that handler no Scan). Undefined when the shape differs.
 */
import type { ASTPath } from 'jscodeshift';
import { statements } from '../emit';
import type { SiteContext, SiteOutcome } from './siteContext';

type AnyNode = any;

export function retireUniqueCheck(ctx: SiteContext): SiteOutcome | undefined {
  const { summary, target, rewrite } = ctx;
  const { j } = rewrite;
  const condition = summary.where.length === 1 ? summary.where[0] : undefined;
  const column = condition?.column.column;
  if (ctx.site.method !== 'get' || !condition || condition.operator !== '=' || condition.inOr || !column) return undefined;
  if (!(target.entity.uniqueAttributes ?? []).some((unique) => unique.attribute === column)) return undefined;
  const declarator = ctx.call.parent as ASTPath<any> | undefined;
  const declaration = declarator?.parent as ASTPath<any> | undefined;
  const block = declaration?.parent as ASTPath<any> | undefined;
  if (declarator?.node.type !== 'VariableDeclarator' || declarator.node.id.type !== 'Identifier' || declaration?.node.type !== 'VariableDeclaration' || declaration.node.declarations.length !== 1) return undefined;
  if (block?.node.type !== 'BlockStatement') return undefined;
  const name: string = declarator.node.id.name;
  const body: AnyNode[] = block.node.body;
  const at = body.indexOf(declaration.node);
  const check = body[at + 1];
  if (check?.type !== 'IfStatement' || check.alternate || check.test.type !== 'Identifier' || check.test.name !== name) return undefined;
  const answer: AnyNode[] = check.consequent.type === 'BlockStatement' ? check.consequent.body : [check.consequent];
  const last = answer[answer.length - 1];
  if (last?.type !== 'ReturnStatement' && last?.type !== 'ThrowStatement') return undefined;
  // the row is only tested, never read
  const uses = j(block).find(j.Identifier, { name }).filter((path: ASTPath<any>) => path.node !== declarator.node.id && path.node !== check.test);
  if (uses.size()) return undefined;
  const putName = rewrite.localName('putUnique');
  const put = body.slice(at + 2).find((statement) => j(statement).find(j.CallExpression, { callee: { type: 'Identifier', name: putName } }).size() > 0 && writesColumn(j, statement, column));
  if (!put) return undefined;
  const e = rewrite.emit;
  const i = e.style.indent;
  const end = e.style.semicolons ? ';' : '';
  const guarded = statements(e, [`try {\n${i}void 0${end}\n} catch (error) {\n${i}if (${e.name('isConditionFailed')}(error)) {\n${i}}\n${i}throw error${end}\n}`]);
  const tryStatement = guarded[0] as AnyNode;
  // the app's own answer for a taken value, as written (comments and formatting kept)
  tryStatement.block.body = [put];
  tryStatement.handler.body.body[0].consequent.body = answer;
  body.splice(at, 2);
  body.splice(body.indexOf(put), 1, tryStatement);
  return { done: true };
}

/** The statement's put writes `column` (its Item names it). */
function writesColumn(j: any, statement: AnyNode, column: string): boolean {
  return j(statement).find(j.Property).filter((path: ASTPath<any>) => keyName(path.node) === column).size() + j(statement).find(j.ObjectProperty).filter((path: ASTPath<any>) => keyName(path.node) === column).size() > 0;
}

function keyName(property: AnyNode): string | undefined {
  return property.key?.type === 'Identifier' ? property.key.name : typeof property.key?.value === 'string' ? property.key.value : undefined;
}
