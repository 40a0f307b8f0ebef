/** The formatting habits of a file, so inserted code looks like the code around it. */
import type { Collection, JSCodeshift } from 'jscodeshift';

export interface CodeStyle {
  quote: "'" | '"';
  semicolon: ';' | '';
  /** One level of indentation: a tab or some spaces. */
  indentUnit: string;
  /** Whether multi-line object literals end with a comma after the last property. */
  trailingComma: boolean;
  /** TypeScript file (types may be written). */
  typescript: boolean;
}

export function detectStyle(j: JSCodeshift, root: Collection, source: string, filePath: string): CodeStyle {
  let single = 0;
  let double = 0;
  root.find(j.StringLiteral).forEach((path) => {
    const raw = (path.node as { extra?: { raw?: string } }).extra?.raw ?? '';
    if (raw.startsWith("'")) single += 1;
    else if (raw.startsWith('"')) double += 1;
  });
  let withSemicolon = 0;
  let without = 0;
  const statementTypes = [j.ExpressionStatement, j.VariableDeclaration, j.ImportDeclaration, j.ReturnStatement] as const;
  for (const type of statementTypes) {
    root.find(type as typeof j.ExpressionStatement).forEach((path) => {
      const node = path.node as { end?: number; type: string };
      if (node.type === 'VariableDeclaration' && ['ForOfStatement', 'ForInStatement', 'ForStatement'].includes(path.parent?.node.type)) return;
      if (typeof node.end !== 'number') return;
      if (source[node.end - 1] === ';') withSemicolon += 1;
      else without += 1;
    });
  }
  const indents = source.split('\n').map((line) => /^[ \t]*/.exec(line)![0]).filter((indent) => indent.length > 0);
  const tabbed = indents.filter((indent) => indent.startsWith('\t')).length;
  const spaceWidths = indents.filter((indent) => indent.startsWith(' ')).map((indent) => indent.length);
  let indentUnit = '  ';
  if (tabbed > spaceWidths.length) indentUnit = '\t';
  else if (spaceWidths.length > 0 && Math.min(...spaceWidths) >= 4 && spaceWidths.every((width) => width % 4 === 0)) indentUnit = '    ';
  const multiLineEnds = source.match(/[^\s{[(,]\s*\n\s*[}\]]/g)?.length ?? 0;
  const commaEnds = source.match(/,\s*\n\s*[}\]]/g)?.length ?? 0;
  return {
    quote: double > single ? '"' : "'",
    semicolon: without > withSemicolon ? '' : ';',
    indentUnit,
    trailingComma: commaEnds >= multiLineEnds && commaEnds > 0,
    typescript: /\.(ts|tsx|mts|cts)$/.test(filePath),
  };
}

export function quoteText(text: string, style: Pick<CodeStyle, 'quote'>): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(new RegExp(style.quote, 'g'), `\\${style.quote}`);
  return `${style.quote}${escaped}${style.quote}`;
}

export function propertyKeyText(key: string, style: Pick<CodeStyle, 'quote'>): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : quoteText(key, style);
}
