/**
 * The formatting habits of a file, so that emitted code reads like the code around it:
 * quote character, indentation unit, and whether statements end with semicolons.
 */
export interface CodeStyle {
  quote: "'" | '"';
  indent: string;
  semicolons: boolean;
}

export function detectCodeStyle(source: string): CodeStyle {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  const single = (code.match(/'(?:[^'\\\n]|\\.)*'/g) ?? []).length;
  const double = (code.match(/"(?:[^"\\\n]|\\.)*"/g) ?? []).length;
  return { quote: double > single ? '"' : "'", indent: detectIndent(source), semicolons: usesSemicolons(code) };
}

function detectIndent(source: string): string {
  const lines = source.split('\n');
  if (lines.filter((line) => line.startsWith('\t')).length > lines.filter((line) => line.startsWith('  ')).length) return '\t';
  const widths = new Map<number, number>();
  let previous = 0;
  for (const line of lines) {
    if (!line.trim()) continue;
    const width = /^ */.exec(line)![0].length;
    const step = Math.abs(width - previous);
    if (step === 2 || step === 4) widths.set(step, (widths.get(step) ?? 0) + 1);
    previous = width;
  }
  return (widths.get(4) ?? 0) > (widths.get(2) ?? 0) ? '    ' : '  ';
}

/** Lines that end a statement: a majority with `;` means the file uses semicolons. */
function usesSemicolons(code: string): boolean {
  let withSemicolon = 0;
  let without = 0;
  for (const raw of code.split('\n')) {
    const line = raw.trimEnd();
    if (!line.trim() || /[{(,[]$/.test(line) || /^\s*[}\])]/.test(line) && !/[;)]$/.test(line)) continue;
    if (line.endsWith(';')) withSemicolon += 1;
    else if (/[\w)'"`\]]$/.test(line)) without += 1;
  }
  return withSemicolon >= without;
}
