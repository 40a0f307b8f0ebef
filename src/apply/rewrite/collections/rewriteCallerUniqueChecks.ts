/**
 * A uniqueness check one layer above the create (service → repository):
 *
 *   if (repository.findByEmail(data.email)) throw new ConflictError(…);
 *   return repository.create(data);
 *
 * The scan counts it (the create keeps email unique), so the plan guards email with guard items
 * and grants the create nothing to look the email up with. The repository's create claims the
 * guard (putUnique), which is that check, race-free: here the `if` goes and its branch becomes the
 * answer to a failed claim, as findUniqueCheck does when check and create share one function.
 * Kept, the check read the table (a Scan the create is not granted) and two racing requests got a
 * 500 from the claim instead of the app's conflict.
 */
import type { ASTPath } from 'jscodeshift';
import type { NodePath } from '@babel/traverse';
import type { OperationRecord } from '../../../model/access-model';
import type { StoreTarget } from '../../analysis/findStoreTargets';
import type { FileRewrite } from '../FileRewrite';
import { rejectsAsConflict } from './findUniqueCheck';
import { wrapInConditionCatch } from './wrapInConditionCatch';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What a function called here does to a guarded entity, read from the scan's operations in its lines. */
type Role = { kind: 'check' | 'create'; target: StoreTarget };

export function rewriteCallerUniqueChecks(rewrite: FileRewrite): void {
  const guarded = rewrite.analysis.targets.filter((target) => rewrite.origins.includes(target.origin) && rewrite.tableOf(target).guarded);
  if (!guarded.length) return;
  const file = rewrite.analysis.project.getSource(rewrite.rel);
  if (!file) return;
  const roles = new Map<AnyNode, Role | undefined>();
  const roleOf = (call: AnyNode): Role | undefined => {
    if (roles.has(call)) return roles.get(call);
    const scanner = rewrite.scannerPathOf(call.callee);
    const fn = scanner ? rewrite.analysis.project.resolveFunction(file, scanner as NodePath) : undefined;
    const role = fn ? findRole(rewrite, guarded, fn.file.rel, fn.path.node) : undefined;
    roles.set(call, role);
    return role;
  };
  rewrite.root.find(rewrite.j.IfStatement).forEach((path: ASTPath<any>) => {
    const node = path.node as AnyNode;
    if (node.alternate || !endsByLeaving(node.consequent) || !rejectsAsConflict(node.consequent)) return;
    const check = findCall(rewrite, node.test, (call) => roleOf(call)?.kind === 'check');
    if (!check) return;
    const target = roleOf(check)!.target;
    const create = findCreateAfter(rewrite, path, (call) => {
      const role = roleOf(call);
      return role?.kind === 'create' && role.target === target;
    });
    const response = rewrite.originalText(node.consequent);
    if (!create || !response) return;
    if (!wrapInConditionCatch(rewrite, create, response)) return;
    path.prune();
    rewrite.modified = true;
  });
}

/** `return` or `throw` last: the branch leaves the function, as the scan's uniqueness recogniser reads it. */
function endsByLeaving(consequent: AnyNode): boolean {
  const last = consequent.type === 'BlockStatement' ? consequent.body[consequent.body.length - 1] : consequent;
  return last?.type === 'ReturnStatement' || last?.type === 'ThrowStatement';
}

/**
 * 'create' when the function holds a create of a guarded entity that keeps an attribute unique;
 * 'check' when it looks the entity up by one of its unique attributes (filter-by-attr).
 */
function findRole(rewrite: FileRewrite, guarded: StoreTarget[], rel: string, fn: AnyNode): Role | undefined {
  const lines = fn.loc ? { start: fn.loc.start.line, end: fn.loc.end.line } : undefined;
  if (!lines) return undefined;
  const inside = (op: OperationRecord) => op.file === rel && op.line >= lines.start && op.line <= lines.end;
  const ops = rewrite.analysis.model.operations.filter(inside);
  for (const target of guarded) {
    const unique = new Set((target.entity.uniqueAttributes ?? []).map((attribute) => attribute.attribute));
    const mine = ops.filter((op) => op.entity === target.entityName);
    if (mine.some((op) => op.op === 'create' && (op.unique ?? []).some((attribute) => unique.has(attribute)))) return { kind: 'create', target };
    if (mine.length && mine.every((op) => op.op === 'filter-by-attr' && (op.attributes ?? []).some((attribute) => unique.has(attribute)))) return { kind: 'check', target };
  }
  return undefined;
}

function findCall(rewrite: FileRewrite, within: AnyNode, matches: (call: AnyNode) => boolean): AnyNode | undefined {
  let found: AnyNode | undefined;
  rewrite.j(within).find(rewrite.j.CallExpression).forEach((path: ASTPath<any>) => {
    if (!found && matches(path.node)) found = path.node;
  });
  if (!found && within.type === 'CallExpression' && matches(within)) found = within;
  return found;
}

/** The statement after the check, in the same block, that calls the create. */
function findCreateAfter(rewrite: FileRewrite, check: ASTPath<any>, matches: (call: AnyNode) => boolean): ASTPath<any> | undefined {
  const block = check.parent?.node as AnyNode;
  if (!block || !Array.isArray(block.body)) return undefined;
  const siblings = block.body as AnyNode[];
  for (const sibling of siblings.slice(siblings.indexOf(check.node) + 1)) {
    if (!findCall(rewrite, sibling, matches)) continue;
    const paths = rewrite.j(check.parent as ASTPath<any>).find(rewrite.j.Statement).filter((p: ASTPath<any>) => p.node === sibling).paths();
    return paths[0] as ASTPath<any> | undefined;
  }
  return undefined;
}
