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
  const { code, single, double } = stripLiterals(source);
  return { quote: double > single ? '"' : "'", indent: detectIndent(source), semicolons: usesSemicolons(code) };
}

/**
 * The source without comments and with every string and template literal emptied (`''`, `` `` ``),
 * a template's lines included: the lines of a multi-line SQL template are not statements, so they
 * must not count for or against semicolons. Also counts the single- and double-quoted strings.
 */
function stripLiterals(source: string): { code: string; single: number; double: number } {
  let code = '';
  let single = 0;
  let double = 0;
  // open template literals / `${` holes, innermost last: 'template' or the brace depth of a hole
  const stack: Array<'template' | number> = [];
  let i = 0;
  const inTemplate = () => stack[stack.length - 1] === 'template';
  while (i < source.length) {
    const char = source[i];
    if (inTemplate()) {
      if (char === '\\') i += 2;
      else if (char === '`') {
        stack.pop();
        code += '`';
        i += 1;
      } else if (char === '$' && source[i + 1] === '{') {
        stack.push(0);
        code += '${';
        i += 2;
      } else i += 1;
      continue;
    }
    if (char === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i += 1;
      continue;
    }
    if (char === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
      continue;
    }
    if (char === "'" || char === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== char && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      if (char === "'") single += 1;
      else double += 1;
      code += char + char;
      i = j + 1;
      continue;
    }
    if (char === '`') {
      stack.push('template');
      code += '`';
      i += 1;
      continue;
    }
    const depth = stack[stack.length - 1];
    if (typeof depth === 'number') {
      if (char === '{') stack[stack.length - 1] = depth + 1;
      else if (char === '}') {
        if (depth === 0) {
          stack.pop();
          code += '}';
          i += 1;
          continue;
        }
        stack[stack.length - 1] = depth - 1;
      }
    }
    code += char;
    i += 1;
  }
  return { code, single, double };
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
