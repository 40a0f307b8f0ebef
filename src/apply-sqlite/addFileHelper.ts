import { statements } from '../emit';
import type { FileRewrite } from '../apply/rewrite/FileRewrite';

/** How the file is written, for a helper's text: one indent, the statement end, TypeScript or not. */
export interface HelperStyle {
  indent: string;
  end: string;
  typed: boolean;
}

const addedHelpers = new WeakMap<FileRewrite, Map<string, string>>();

/**
 * A small function the rewritten code of this file calls (`sqlOrder`, `sqlPage`, `deleteRows`),
 * appended to the file on first use under a name free in it; later calls get the same name.
 */
export function addFileHelper(rewrite: FileRewrite, baseName: string, render: (name: string, style: HelperStyle) => string): string {
  let names = addedHelpers.get(rewrite);
  if (!names) addedHelpers.set(rewrite, (names = new Map()));
  const existing = names.get(baseName);
  if (existing) return existing;
  const name = rewrite.freshName([baseName]);
  names.set(baseName, name);
  const style = { indent: rewrite.style.indent, end: rewrite.style.semicolons ? ';' : '', typed: rewrite.rel.endsWith('ts') };
  const body = rewrite.root.find(rewrite.j.Program).paths()[0].node.body as unknown[];
  body.push(...statements(rewrite.emit, [render(name, style)]));
  return name;
}
