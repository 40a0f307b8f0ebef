/**
 * The collection step of the memory and JSON-file transforms: every use of a store in the file,
 * compound idioms first (lookup loops by index, findIndex + index uses, filter-and-compare deletes), then creates (so ids
 * computed from the collection go with them), then every other use; finally save calls, in-place
 * changes of items, and the snapshot variables.
 */
import type { ASTPath } from 'jscodeshift';
import type { ASTNode } from 'ast-types';
import { findVariableReferences } from '../bindings';
import { removeUnusedLocals } from '../removeUnusedBindings';
import { isConstructorSeed } from '../retireClassStores';
import type { FileRewrite, ItemVariable } from '../FileRewrite';
import { isAttached, methodCallOn } from '../treeUtils';
import { CollectionPass } from './context';
import { findCollectionUses, type CollectionUse } from './findCollectionUses';
import { findItemMutations, persistMutations } from './items';
import { scanExpression } from './reads';
import { normalizeForEachByKey } from './normalizeForEachByKey';
import { rewriteArrayUse } from './rewriteArrayUse';
import { rewriteCallerUniqueChecks } from './rewriteCallerUniqueChecks';
import { rewriteFilterDelete } from './rewriteFilterDelete';
import { rewriteFindIndex } from './rewriteFindIndex';
import { rewriteIndexLoop } from './rewriteIndexLoop';
import { isExportUse, rewriteMapUse, rewriteObjectMapUse } from './rewriteMapUse';
import { rewriteWriterCalls } from './rewriteWriterCalls';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export function rewriteCollections(rewrite: FileRewrite): void {
  normalizeForEachByKey(rewrite);
  const uses = findCollectionUses(rewrite);
  const pass = new CollectionPass(rewrite, uses);
  const open = (use: CollectionUse) => !pass.isConsumed(use) && isAttached(use.path);
  // exports, and module-level code (seed data: retireStores keeps it for migrate-data), are not data access
  for (const use of uses) if (open(use) && (isExportUse(use.path) || !rewrite.enclosingFunction(use.path))) pass.consume(use.path.node);
  // a class store filled by its constructor: seed data too (retireClassStores)
  for (const use of uses) if (open(use) && use.target.origin === 'memory' && isConstructorSeed(use.path)) pass.consume(use.path.node);
  const fresh = new Set<ItemVariable>();
  // items read from a fresh copy of a JSON file (`getOrders().find(…)`): changing them changed nothing stored
  const track = (use: CollectionUse, step: () => unknown) => {
    const before = rewrite.items.length;
    step();
    if (isFreshCopy(rewrite, use)) for (const item of rewrite.items.slice(before)) fresh.add(item);
  };
  for (const use of uses) if (open(use)) track(use, () => rewriteIndexLoop(pass, use));
  for (const use of uses) if (open(use)) track(use, () => rewriteFindIndex(pass, use));
  for (const use of uses) if (open(use)) rewriteFilterDelete(pass, use);
  for (const use of uses) if (open(use) && isCreate(use)) dispatch(pass, use);
  for (const use of uses) if (open(use)) track(use, () => dispatch(pass, use));
  const pending = rewriteWriterCalls(rewrite, findItemMutations(rewrite));
  // only a save call (handled above) made the app's change of a fresh copy last
  for (const item of fresh) pending.delete(item);
  persistMutations(rewrite, pending);
  finishSnapshots(rewrite);
  rewriteCallerUniqueChecks(rewrite);
}

function dispatch(pass: CollectionPass, use: CollectionUse): void {
  if (use.target.shape === 'map') rewriteMapUse(pass, use);
  else if (use.target.shape === 'object-map') rewriteObjectMapUse(pass, use);
  else rewriteArrayUse(pass, use);
}

/** A use worth a new copy of a JSON file's records on every call: a reader call, or a variable holding one. */
function isFreshCopy(rewrite: FileRewrite, use: CollectionUse): boolean {
  if (use.target.origin !== 'json-fs') return false;
  // a snapshot read once at module level is the app's shared copy
  if (use.snapshot) return Boolean(rewrite.enclosingFunction(use.snapshot.declarator));
  const node = use.path.node as AnyNode;
  const call = node.type === 'AwaitExpression' ? node.argument : node;
  return rewrite.referenceOf(call)?.kind === 'accessor-call';
}

/**
 * The snapshot's one remaining use can read the table itself: a plain read (not assigned, not
 * changed in place), in the same function, outside any loop, after a declaration that did nothing else.
 */
function canReadInPlace(rewrite: FileRewrite, declarator: ASTPath<any>, use: ASTPath<any>): boolean {
  if (declarator.parent?.node.type !== 'VariableDeclaration' || declarator.parent.node.declarations.length !== 1) return false;
  const fn = rewrite.enclosingFunction(declarator)?.node;
  const parent = use.parent?.node as AnyNode;
  if (!parent || (parent.type === 'AssignmentExpression' && parent.left === use.node) || parent.type === 'UpdateExpression') return false;
  if ((parent.type === 'MemberExpression' && parent.object === use.node) && !['length', 'map', 'filter', 'slice', 'find', 'some', 'every', 'reduce', 'forEach', 'includes'].includes(parent.property?.name)) return false;
  for (let current = use.parent; current && current.node !== fn; current = current.parent) {
    if (/^(For|ForIn|ForOf|While|DoWhile)Statement$/.test(current.node.type)) return false;
    if (/Function|Method/.test(current.node.type)) return false;
  }
  return true;
}

function isCreate(use: CollectionUse): boolean {
  const found = methodCallOn(use.path);
  if (use.target.shape === 'array') return found?.method === 'push';
  if (use.target.shape === 'map') return found?.method === 'set';
  const member = use.path.parent?.node as AnyNode | undefined;
  const outer = use.path.parent?.parent?.node as AnyNode | undefined;
  return Boolean(member?.type === 'MemberExpression' && member.computed && outer?.type === 'AssignmentExpression' && outer.left === member);
}

/** A snapshot still used reads every record (a Scan); one no longer used goes away. */
function finishSnapshots(rewrite: FileRewrite): void {
  // values derived from a snapshot that the rewrite made unused (`const last = bookmarks.reduce(…)`) go first
  removeUnusedLocals(rewrite);
  for (const snapshot of rewrite.snapshots) {
    const declarator = snapshot.declarator as ASTPath<any>;
    if (!isAttached(declarator)) continue;
    const fn = rewrite.enclosingFunction(declarator);
    const remaining = findVariableReferences(rewrite.j, fn ?? rewrite.root.paths()[0], snapshot.name, snapshot.scope);
    if (remaining.length === 1 && canReadInPlace(rewrite, declarator, remaining[0])) {
      // one use left (`if (!id) return reply(200, quotes)`): the Scan runs there, not on every request
      remaining[0].replace(scanExpression(rewrite, remaining[0], snapshot.target));
      rewrite.operationDone();
    } else if (remaining.length) {
      declarator.node.init = scanExpression(rewrite, declarator, snapshot.target);
      rewrite.operationDone();
      continue;
    }
    const declaration = declarator.parent as ASTPath<any>;
    if (declaration.node.declarations.length === 1) declaration.prune();
    else declarator.prune();
  }
}
