/**
 * The places in one file where a store's collection is used: direct references (the store
 * variable, `db.notes`, an imported JSON file, a reader call used in place) and the uses of
 * snapshot variables (`const bookmarks = readBookmarks()`). Reader calls that initialise a
 * variable become snapshots; writer calls are set aside for the end of the rewrite.
 */
import type { ASTPath } from 'jscodeshift';
import type { ASTNode } from 'ast-types';
import type { StoreTarget } from '../../analysis/findStoreTargets';
import { declaratorOfInit, findVariableReferences, lookupScope } from '../bindings';
import { addTodo } from '../addTodo';
import type { FileRewrite, Snapshot } from '../FileRewrite';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface CollectionUse {
  path: ASTPath<any>;
  target: StoreTarget;
  snapshot?: Snapshot;
}

export function findCollectionUses(rewrite: FileRewrite): CollectionUse[] {
  const { j, root } = rewrite;
  const direct: CollectionUse[] = [];
  const seen = new Set<ASTNode>();
  root.find(j.Node).forEach((path: ASTPath<any>) => {
    const type = path.node.type;
    if (type !== 'Identifier' && type !== 'MemberExpression' && type !== 'CallExpression') return;
    if (seen.has(path.node) || rewrite.consumed.has(path.node)) return;
    const reference = rewrite.referenceOf(path.node);
    if (!reference) return;
    seen.add(path.node);
    if (reference.kind === 'accessor-call') {
      if (reference.accessor.role === 'writer') {
        rewrite.writerCalls.push({ path, target: reference.target });
        return;
      }
      if (reference.accessor.wholeWrapper) {
        // the list inside the wrapper is what the table holds: read it as `JSON.parse(…).key` to have it rewritten
        const key = reference.target.wrapperKey;
        addTodo(rewrite, path, `this reads the whole { "${key}": [...] } object of ${reference.target.dataFile}; apply rewrites reads of its list (\`JSON.parse(fs.readFileSync(…)).${key}\`, saved with \`JSON.stringify({ ${key} })\`): change the code to that form or to DynamoDB calls, then re-run`);
        rewrite.analysis.keptTargets.add(reference.target);
        rewrite.consumed.add(path.node);
        return;
      }
      // a read still given its callback is rewriteCallbackReads' (it left a TODO); without it, a plain read
      const last = path.node.arguments?.[path.node.arguments.length - 1]; // (none: `JSON.parse(…).quotes`)
      if (reference.accessor.style === 'callback' && last && /FunctionExpression$/.test(last.type)) return;
      const declarator = declaratorOfInit(path);
      if (declarator && declarator.node.id.type === 'Identifier') {
        addSnapshot(rewrite, declarator, reference.target);
        rewrite.consumed.add(path.node);
        return;
      }
    }
    direct.push({ path: unwrapAwait(path, reference.kind === 'accessor-call'), target: reference.target });
  });
  const uses = [...direct];
  for (const snapshot of rewrite.snapshots) {
    const fn = rewrite.enclosingFunction(snapshot.declarator);
    const within = fn ?? root.paths()[0];
    for (const reference of findVariableReferences(j, within, snapshot.name, snapshot.scope)) {
      uses.push({ path: reference, target: snapshot.target, snapshot });
    }
  }
  return uses.sort((a, b) => start(a.path) - start(b.path));
}

export function addSnapshot(rewrite: FileRewrite, declarator: ASTPath<any>, target: StoreTarget): Snapshot {
  const name: string = declarator.node.id.name;
  const snapshot: Snapshot = { name, declarator, target, scope: lookupScope(declarator, name), needsAll: false };
  rewrite.snapshots.push(snapshot);
  return snapshot;
}

/** `await loadLinks()` is one collection expression: the await goes with the call. */
function unwrapAwait(path: ASTPath<any>, isCall: boolean): ASTPath<any> {
  return isCall && path.parent?.node.type === 'AwaitExpression' ? (path.parent as ASTPath<any>) : path;
}

function start(path: ASTPath<any>): number {
  return ((path.node as AnyNode).start as number | undefined) ?? Number.MAX_SAFE_INTEGER;
}
