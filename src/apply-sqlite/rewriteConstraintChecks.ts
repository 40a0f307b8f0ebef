import type { ASTPath } from 'jscodeshift';
import type { FileRewrite } from '../apply/rewrite/FileRewrite';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The app's test for a SQLite constraint error — `err.code === 'SQLITE_CONSTRAINT_UNIQUE'`,
 * `err instanceof Database.SqliteError && err.code === …`, `err.code === 'SQLITE_CONSTRAINT' &&
 * /UNIQUE/.test(err.message)` — becomes `isConditionFailed(err)`: a taken UNIQUE value (guard
 * item) or primary key (attribute_not_exists) now fails as ConditionalCheckFailedException, so
 * the app's own answer (409, its own error class) stays.
 */
export function rewriteConstraintChecks(rewrite: FileRewrite): void {
  const { j } = rewrite;
  const tests: ASTPath<any>[] = [];
  rewrite.root.find(j.BinaryExpression).forEach((path: ASTPath<any>) => {
    if (constraintSubject(path.node)) tests.push(path);
  });
  for (const test of tests) {
    const subject = constraintSubject(test.node)!;
    // the whole `&&` chain about the same error value goes
    let replaced: ASTPath<any> = test;
    while (replaced.parent?.node.type === 'LogicalExpression' && replaced.parent.node.operator === '&&' && mentionsOnly(replaced.parent.node, subject)) replaced = replaced.parent;
    if (!mentionsOnly(replaced.node, subject)) continue;
    replaced.replace(j.callExpression(j.identifier(rewrite.emit.name('isConditionFailed')), [j.identifier(subject)]));
    rewrite.modified = true;
  }
}

/** `x.code === 'SQLITE_CONSTRAINT…'` (either side): the name of `x`. */
function constraintSubject(node: AnyNode): string | undefined {
  if (!['===', '=='].includes(node.operator)) return undefined;
  for (const [member, other] of [[node.left, node.right], [node.right, node.left]]) {
    const literal = other?.type === 'StringLiteral' || (other?.type === 'Literal' && typeof other.value === 'string');
    if (!literal || !String(other.value).startsWith('SQLITE_CONSTRAINT')) continue;
    if (member?.type === 'MemberExpression' && !member.computed && member.property.name === 'code' && member.object.type === 'Identifier') return member.object.name;
  }
  return undefined;
}

/** Every operand of an `&&` chain is about `name` only (`name instanceof …`, `name.code …`, `/x/.test(name.message)`). */
function mentionsOnly(node: AnyNode, name: string): boolean {
  if (node.type === 'LogicalExpression' && node.operator === '&&') return mentionsOnly(node.left, name) && mentionsOnly(node.right, name);
  const identifiers = new Set<string>();
  const visit = (value: AnyNode, parent?: AnyNode): void => {
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((item) => visit(item, parent));
    if (typeof value.type !== 'string') return;
    if (value.type === 'CallExpression' || value.type === 'AssignmentExpression' || value.type === 'UpdateExpression' || value.type === 'AwaitExpression') identifiers.add('\0effect');
    if (value.type === 'Identifier' && !(parent?.type === 'MemberExpression' && parent.property === value && !parent.computed)) identifiers.add(value.name);
    for (const key of Object.keys(value)) if (!['loc', 'comments', 'tokens', 'original', 'type'].includes(key)) visit(value[key], value);
  };
  // `/UNIQUE/.test(err.message)` is the one call allowed: a regex literal's test
  const isRegexTest = node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && ['RegExpLiteral', 'Literal'].includes(node.callee.object.type) && node.callee.object.regex !== undefined || node.callee?.object?.type === 'RegExpLiteral';
  if (isRegexTest) node.arguments.forEach((argument: AnyNode) => visit(argument));
  else visit(node);
  if (node.type === 'BinaryExpression' && node.operator === 'instanceof') identifiers.clear(), visit(node.left);
  return identifiers.size === 1 && identifiers.has(name);
}
