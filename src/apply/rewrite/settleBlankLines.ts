/**
 * recast spaces a statement list from each statement's position in the original file, and puts a
 * blank line around every new multi-line statement. After a rewrite that gives blank lines the
 * original never had: a replaced `forEach` comes back as a paragraph of its own, and a write-back
 * inserted after a mutation gets a blank line on both sides when the mutation was followed by one.
 *
 * New statements follow the original layout instead:
 * - replacing original statements, they take the place of what they replace: the blank lines
 *   before and after the replaced statements stay, none appear between the new ones;
 * - inserted between two statements that were next to each other, they attach to the statement
 *   before them (a write-back follows its mutation), and the blank line, if any, moves after them.
 * New function and class declarations keep recast's blank lines around them.
 *
 * recast reads these gaps from `stmt.loc` (lines, start, end); a statement whose spacing is set
 * here gets a small made-up `loc` for the print only (see `printWithSettledBlankLines`).
 */
import { fromString } from 'recast/lib/lines';
import { getTrueLoc } from 'recast/lib/util';

type AnyNode = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const LIST_KEYS: Record<string, string> = {
  Program: 'body',
  BlockStatement: 'body',
  StaticBlock: 'body',
  TSModuleBlock: 'body',
  SwitchCase: 'consequent',
};

interface Position {
  line: number;
  column: number;
}

/** Prints the tree with settled blank lines; every `loc` changed for the print is put back after. */
export function printWithSettledBlankLines(root: AnyNode, fileLines: unknown, print: () => string): string {
  const changed = new Map<AnyNode, { had: boolean; loc: unknown }>();
  const setGaps = (node: AnyNode, leading: number, trailing: number) => {
    if (!changed.has(node)) changed.set(node, { had: Object.prototype.hasOwnProperty.call(node, 'loc'), loc: node.loc });
    node.loc = spacedLoc(leading, trailing);
  };
  try {
    visitLists(root, (list) => settleList(list, fileLines, setGaps));
    return print();
  } finally {
    for (const [node, { had, loc }] of changed) {
      if (had) node.loc = loc;
      else delete node.loc;
    }
  }
}

function settleList(list: AnyNode[], fileLines: unknown, setGaps: (node: AnyNode, leading: number, trailing: number) => void): void {
  const isOwn = (node: AnyNode) => node?.loc?.lines !== undefined && node.loc.lines === fileLines;
  for (let start = 0; start < list.length; start += 1) {
    if (isOwn(list[start])) continue;
    let end = start;
    while (end + 1 < list.length && !isOwn(list[end + 1])) end += 1;
    const run = list.slice(start, end + 1);
    const before = list[start - 1] as AnyNode | undefined;
    const after = list[end + 1] as AnyNode | undefined;
    start = end;
    if (run.some(isDeclarationBlock) || run.some(hasPlacedComments) || !before && !after) continue;
    for (const node of run) setGaps(node, 1, 1);
    // inserted between two statements that were next to each other: attach to the one before
    if (before && after && !hasPlacedComments(before) && wereNextToEachOther(before, after)) {
      setGaps(before, gapsOf(before).leading, 1);
    }
  }
}

/** Blank lines before and after a statement of the original file, as recast measures them. */
function gapsOf(node: AnyNode): { leading: number; trailing: number } {
  const lines = node.loc.lines;
  const trueLoc = getTrueLoc(node, lines) as { start: Position; end: Position };
  const beforeStart = lines.skipSpaces(trueLoc.start, true) as Position | null;
  const afterEnd = lines.skipSpaces(trueLoc.end) as Position | null;
  return {
    leading: trueLoc.start.line - (beforeStart ? beforeStart.line : 1),
    trailing: (afterEnd ? afterEnd.line : lines.length) - trueLoc.end.line,
  };
}

/** Nothing but whitespace stood between the two statements in the original file. */
function wereNextToEachOther(first: AnyNode, second: AnyNode): boolean {
  const lines = first.loc.lines;
  const end = (getTrueLoc(first, lines) as { end: Position }).end;
  const start = (getTrueLoc(second, lines) as { start: Position }).start;
  const next = lines.skipSpaces(end) as Position | null;
  return Boolean(next && next.line === start.line && next.column === start.column);
}

/** Comments placed in the original file: recast measures the gaps from them, so a made-up loc would not hold. */
function hasPlacedComments(node: AnyNode): boolean {
  return (node.comments ?? []).some((comment: AnyNode) => comment.loc);
}

function isDeclarationBlock(node: AnyNode): boolean {
  const declaration = /^Export(Named|Default)Declaration$/.test(node.type) ? node.declaration : node;
  return /^(FunctionDeclaration|ClassDeclaration|TSInterfaceDeclaration|TSModuleDeclaration)$/.test(declaration?.type ?? '');
}

/** A `loc` recast reads as `leading` line breaks before the statement and `trailing` after it. */
function spacedLoc(leading: number, trailing: number): unknown {
  const lines = fromString(`a${'\n'.repeat(leading)}b${'\n'.repeat(trailing)}c`);
  const line = leading + 1;
  return { start: { line, column: 0 }, end: { line, column: 1 }, lines, indent: 0 };
}

function visitLists(node: AnyNode, visit: (list: AnyNode[]) => void, seen = new Set<AnyNode>()): void {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const item of node) visitLists(item, visit, seen);
    return;
  }
  if (typeof node.type !== 'string') return;
  const listKey = LIST_KEYS[node.type];
  if (listKey && Array.isArray(node[listKey])) visit(node[listKey]);
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'comments' || key === 'tokens' || key === 'original') continue;
    const value = node[key];
    if (value && typeof value === 'object') visitLists(value, visit, seen);
  }
}
