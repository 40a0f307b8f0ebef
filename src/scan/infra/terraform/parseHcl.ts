/**
 * Just enough HCL for Lambda wiring: top-level blocks (`resource "aws_lambda_function" "api" { … }`,
 * `data`, `module`) with their labels, line and top-level attributes as raw text. Nested blocks,
 * heredocs and comments are skipped; values are not evaluated (see `hclString`).
 */
export interface HclBlock {
  type: string;
  labels: string[];
  line: number;
  attributes: Map<string, string>;
}

export function parseHclBlocks(text: string): HclBlock[] {
  const blocks: HclBlock[] = [];
  const source = stripComments(text);
  const header = /^[ \t]*([A-Za-z_][\w-]*)((?:[ \t]+"[^"\n]*")*)[ \t]*\{/gm;
  let match: RegExpExecArray | null;
  let resumeAt = 0;
  while ((match = header.exec(source))) {
    if (match.index < resumeAt) continue;
    const open = match.index + match[0].length - 1;
    const close = matchingBrace(source, open);
    const body = source.slice(open + 1, close < 0 ? source.length : close);
    blocks.push({
      type: match[1],
      labels: [...match[2].matchAll(/"([^"]*)"/g)].map((m) => m[1]),
      line: lineAt(source, match.index + (match[0].length - match[0].trimStart().length)),
      attributes: topLevelAttributes(body),
    });
    resumeAt = close < 0 ? source.length : close + 1;
    header.lastIndex = resumeAt;
  }
  return blocks;
}

/** A quoted HCL string with `${path.module}`-style references replaced by `vars`; undefined when other interpolations remain. */
export function hclString(raw: string | undefined, vars: Record<string, string>): string | undefined {
  if (raw === undefined) return undefined;
  const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(raw.trim());
  if (!quoted) return undefined;
  let unresolved = false;
  const value = quoted[1].replace(/\$\{([^}]*)\}/g, (_, name: string) => {
    const key = name.trim();
    if (key in vars) return vars[key];
    unresolved = true;
    return '';
  });
  return unresolved ? undefined : value.replace(/\\(.)/g, '$1');
}

function topLevelAttributes(body: string): Map<string, string> {
  const attributes = new Map<string, string>();
  let depth = 0;
  let lineStart = 0;
  let depthAtLineStart = 0;
  const readAttribute = (line: string): void => {
    const attribute = /^\s*([A-Za-z_][\w-]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (attribute && depthAtLineStart === 0 && !attributes.has(attribute[1])) attributes.set(attribute[1], attribute[2]);
  };
  for (let i = 0; i <= body.length; i++) {
    const ch = body[i];
    if (ch === '"') i = skipString(body, i);
    else if (ch === '<' && body.startsWith('<<', i)) {
      // `name = <<EOF … EOF`: the attribute line ends at the marker; the heredoc body is skipped.
      const lineEnd = body.indexOf('\n', i);
      readAttribute(body.slice(lineStart, lineEnd < 0 ? body.length : lineEnd));
      i = skipHeredoc(body, i);
      lineStart = i + 1;
      depthAtLineStart = depth;
    } else if (ch === '{' || ch === '[' || ch === '(') depth++;
    else if (ch === '}' || ch === ']' || ch === ')') depth--;
    else if (ch === '\n' || i === body.length) {
      readAttribute(body.slice(lineStart, i));
      lineStart = i + 1;
      depthAtLineStart = depth;
    }
  }
  return attributes;
}

function matchingBrace(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const ch = source[i];
    if (ch === '"') i = skipString(source, i);
    else if (ch === '<' && source.startsWith('<<', i)) i = skipHeredoc(source, i);
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return -1;
}

function skipString(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === '"') return i;
    else if (source[i] === '\n') return i;
  }
  return source.length;
}

function skipHeredoc(source: string, start: number): number {
  const marker = /^<<-?([A-Za-z_]\w*)\n/.exec(source.slice(start));
  if (!marker) return start + 1;
  const end = new RegExp(`^\\s*${marker[1]}\\s*$`, 'm');
  const rest = source.slice(start + marker[0].length);
  const found = end.exec(rest);
  return found ? start + marker[0].length + found.index + found[0].length : source.length;
}

/** Comments become spaces (line numbers and offsets are kept). */
function stripComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      const end = skipString(text, i);
      out += text.slice(i, end + 1);
      i = end;
    } else if (ch === '#' || (ch === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n') {
        out += ' ';
        i++;
      }
      if (i < text.length) out += '\n';
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop - 1;
    } else {
      out += ch;
    }
  }
  return out;
}

function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (source[i] === '\n') line++;
  return line;
}
