/**
 * The original text of a list container (`{ a, b, c, }` in a require pattern, an import's
 * specifiers, a `module.exports = { … }` object) with some elements cut out, the rest exactly as
 * written: line breaks, indentation and a trailing comma stay. Assigning a shorter list to the
 * node instead makes recast print the container anew (one line, or no trailing comma).
 *
 * An element that has a kept element after it is cut up to that element's start (`a,\n  `); the
 * elements after the last kept one are cut from the end of that kept one (`,\n  c`), so whatever
 * followed the list's last element (a trailing comma, the closing brace) is kept.
 * Undefined when the container is not the original code any more, or holds comments (a cut could
 * take a comment that belongs to a kept element): the caller then edits the list as before.
 */
type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Position {
  line: number;
  column: number;
}

export function textWithoutElements(container: AnyNode, elements: AnyNode[], keep: AnyNode[]): string | undefined {
  const lines = container.loc?.lines;
  if (!lines || !keep.length || keep.length === elements.length) return undefined;
  if (!elements.every((element) => element.loc?.lines === lines)) return undefined;
  const text = (from: Position, to: Position): string => lines.slice(from, to).toString();
  const whole = text(container.loc.start, container.loc.end);
  if (/\/\/|\/\*/.test(whole)) return undefined;
  const offset = (position: Position): number => text(container.loc.start, position).length;
  const cuts: [number, number][] = [];
  const lastKept = Math.max(...keep.map((element) => elements.indexOf(element)));
  if (lastKept < 0) return undefined;
  elements.forEach((element, index) => {
    if (keep.includes(element) || index > lastKept) return;
    cuts.push([offset(element.loc.start), offset(elements[index + 1].loc.start)]);
  });
  if (lastKept < elements.length - 1) cuts.push([offset(elements[lastKept].loc.end), offset(elements[elements.length - 1].loc.end)]);
  let result = '';
  let at = 0;
  for (const [from, to] of cuts) {
    result += whole.slice(at, from);
    at = to;
  }
  return result + whole.slice(at);
}

/**
 * A node parsed from such a text prints as that text: recast reuses the source of a node that
 * has an `original` (a new node would be printed by recast's own layout). Needs the node's loc.
 */
export function printAsWritten<T>(node: T): T {
  const target = node as AnyNode;
  if (target.loc?.lines) target.original = target;
  return node;
}
