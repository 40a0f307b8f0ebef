import type { ASTPath } from 'jscodeshift';
import type { FileRewrite } from '../apply/rewrite/FileRewrite';
import type { SqlCallSite } from '../scan/sqlite';

const SCHEMA_KINDS = new Set(['create-table', 'create-index']);

/**
 * Start-up SQL that has no DynamoDB counterpart, run as a statement of its own: CREATE TABLE /
 * CREATE INDEX (the tables and indexes are in .migration/dynamodb.json and the stack), PRAGMAs,
 * and seed INSERTs with nothing bound (their rows are in the database file, which migrate-data
 * copies). The statement is removed, and a `db.serialize(() => { … })` left empty with it.
 * Returns false (nothing changed) for anything else.
 */
export function retireSchemaStatement(rewrite: FileRewrite, site: SqlCallSite, call: ASTPath<any>): boolean {
  if (site.variants.length !== 1 || site.dynamic || site.helpers.length) return false;
  const [variant] = site.variants;
  // node-sql-parser has no PRAGMA grammar: one PRAGMA alone is recognised by its keyword
  const pragma = /^\s*PRAGMA\s[^;]*;?\s*$/i.test(variant.text);
  const retirable = pragma || (variant.statements.length > 0 && variant.statements.every((summary) => summary && (SCHEMA_KINDS.has(summary.kind) || (summary.kind === 'insert' && !variant.bindings.length && !site.bindings.length))));
  if (!retirable) return false;
  let expression: ASTPath<any> = call;
  if (expression.parent?.node.type === 'AwaitExpression') expression = expression.parent;
  const statement = expression.parent as ASTPath<any> | null;
  if (statement?.node.type !== 'ExpressionStatement') return false;
  const block = statement.parent as ASTPath<any> | null;
  statement.prune();
  rewrite.modified = true;
  // `if (err) {…} else { db.run('CREATE TABLE …') }`: the emptied else goes too
  const branch = block?.parent as ASTPath<any> | null | undefined;
  if (block?.node.type === 'BlockStatement' && block.node.body.length === 0 && branch?.node.type === 'IfStatement' && branch.node.alternate === block.node) branch.node.alternate = null;
  // `db.serialize(() => { … })` with nothing left inside
  const fn = block?.node.type === 'BlockStatement' && block.node.body.length === 0 ? (block.parent as ASTPath<any> | null) : null;
  const serialize = fn?.parent as ASTPath<any> | null | undefined;
  const callee = serialize?.node.type === 'CallExpression' ? serialize.node.callee : undefined;
  if (callee?.type === 'MemberExpression' && callee.property.name === 'serialize' && serialize?.parent?.node.type === 'ExpressionStatement') serialize.parent.prune();
  return true;
}
