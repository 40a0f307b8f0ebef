import type { ASTPath } from 'jscodeshift';
import type { FileRewrite } from '../apply/rewrite/FileRewrite';

const indexes = new WeakMap<FileRewrite, Map<string, ASTPath<any>>>();
const TAB_WIDTH = 4;

interface Located {
  type: string;
  loc?: { start: { line: number; column: number }; end: { line: number; column: number } } | null;
}

/**
 * The jscodeshift path of a node the scanner found, matched by type and position. Offsets cannot
 * be compared: recast re-renders leading tabs as spaces before parsing, so in tab-indented files
 * its `start`/`end` drift from the scanner's. Lines agree, and columns agree once the leading
 * indentation is expanded the way recast does (tab stops of 4).
 */
export function findRewritePath(rewrite: FileRewrite, node: Located): ASTPath<any> | undefined {
  let index = indexes.get(rewrite);
  if (!index) {
    const built = new Map<string, ASTPath<any>>();
    rewrite.root.find(rewrite.j.Node).forEach((path: ASTPath<any>) => {
      const loc = (path.node as Located).loc;
      if (!loc) return;
      const key = `${path.node.type}:${loc.start.line}:${loc.start.column}:${loc.end.line}:${loc.end.column}`;
      if (!built.has(key)) built.set(key, path);
    });
    index = built;
    indexes.set(rewrite, index);
  }
  if (!node.loc) return undefined;
  const lines = rewrite.source.split(/\r?\n/);
  const start = expandColumn(lines[node.loc.start.line - 1] ?? '', node.loc.start.column);
  const end = expandColumn(lines[node.loc.end.line - 1] ?? '', node.loc.end.column);
  return index.get(`${node.type}:${node.loc.start.line}:${start}:${node.loc.end.line}:${end}`);
}

/** A column of the original line, counted after expanding its leading whitespace's tabs. */
function expandColumn(line: string, column: number): number {
  let visual = 0;
  let index = 0;
  for (; index < line.length && (line[index] === ' ' || line[index] === '\t'); index += 1) {
    if (index >= column) break;
    visual = line[index] === '\t' ? (Math.floor(visual / TAB_WIDTH) + 1) * TAB_WIDTH : visual + 1;
  }
  return visual + (column - index);
}
