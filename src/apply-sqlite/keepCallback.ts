/**
 * A sqlite3 callback is inlined (inlineCallback) before its statement is rewritten; when the
 * rewrite then stays a TODO, the flattened form would leave the old call fire-and-forget with its
 * error branch dead and the code after it no longer waiting for it. So the inlining is undone and
 * the callback form kept as written: the TODO'd call still runs, and its callback still runs after
 * it, as before (inner calls already rewritten inside it make the callback async, which sqlite3
 * calls and does not wait for — the same as any code it called back).
 */
import type { ASTPath } from 'jscodeshift';
import { currentPath } from './currentPath';
import type { SiteContext } from './siteContext';

/** Taken before inlineCallback(ctx): undoes it (call, callback and the statements around it as they were). */
export function keepCallback(ctx: SiteContext): () => void {
  const call = ctx.call.node as { arguments: unknown[] };
  const args = [...call.arguments];
  const statement = ctx.call.parent as ASTPath<any> | null;
  const block = statement?.parent as ASTPath<any> | null;
  const body: unknown[] | undefined = Array.isArray(block?.node.body) ? [...block!.node.body] : undefined;
  // nodes, not paths: a replaced path is reused for the node now at its place
  const original = statement?.node;
  return () => {
    if (!original || !block || !body) return;
    const now = block.node.body as unknown[];
    const added = now.filter((node) => !body.includes(node));
    if (!added.length || now.includes(original)) return;
    call.arguments.splice(0, call.arguments.length, ...args);
    const first = currentPath(ctx.rewrite, added[0]);
    if (!first) return;
    for (const node of added.slice(1)) currentPath(ctx.rewrite, node)?.prune();
    first.replace(original);
  };
}
