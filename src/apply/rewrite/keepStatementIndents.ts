/**
 * recast reprints a changed statement list (new imports at the top of the file) by reusing each
 * statement's original text, but moves it to column 0 and strips the first line's indentation from
 * every later line: ` export class X {` with members at 4 spaces came back at column 0 with
 * members at 3. Starting such a statement's location at the beginning of its line (the leading
 * whitespace becomes part of the statement's own text) keeps it byte-identical.
 *
 * A class whose members are not one indent deeper than the `class` line (` export class X {` at
 * column 1, members at 4) has the same problem when a member goes (a retired `#videos = new Map()`):
 * recast puts the members one indent in from the `class` line. Its body is told where the members
 * really are.
 */
type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

interface RecastLines {
  slice(start: { line: number; column: number }, end: { line: number; column: number }): { toString(): string };
}

export function keepStatementIndents(file: AnyNode): void {
  const lines = file?.loc?.lines as RecastLines | undefined;
  const body = (file?.program ?? file)?.body as AnyNode[] | undefined;
  if (!lines || !Array.isArray(body)) return;
  for (const statement of body) {
    const loc = statement?.loc;
    if (!loc || loc.start.column === 0) continue;
    const before = lines.slice({ line: loc.start.line, column: 0 }, loc.start).toString();
    if (!/^[ \t]+$/.test(before)) continue; // another statement or a comment before it on the line
    loc.start = { line: loc.start.line, column: 0 };
    loc.indent = 0;
  }
}

/** Class bodies whose members sit at `indent + tabWidth` from a column other than the `class` line's: recast's reprint uses that column. */
export function keepClassMemberIndents(file: AnyNode, tabWidth: number): void {
  const lines = file?.loc?.lines as RecastLines | undefined;
  if (!lines) return;
  visit(file, (node) => {
    if (node.type !== 'ClassBody' || !node.loc || !node.body?.length) return;
    const first = node.body[0].loc;
    if (!first || first.start.line === node.loc.start.line) return;
    const before = lines.slice({ line: first.start.line, column: 0 }, first.start).toString();
    if (!/^ *$/.test(before)) return; // tabs, or something else before the member on its line
    const outer = first.start.column - tabWidth;
    if (outer >= 0 && outer !== node.loc.indent) node.loc.indent = outer;
  });
}

function visit(node: AnyNode, fn: (node: AnyNode) => void): void {
  if (!node || typeof node.type !== 'string') return;
  fn(node);
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'tokens' || key === 'comments' || key === 'original') continue;
    const value = node[key];
    if (Array.isArray(value)) for (const item of value) visit(item, fn);
    else if (value && typeof value === 'object' && typeof value.type === 'string') visit(value, fn);
  }
}
