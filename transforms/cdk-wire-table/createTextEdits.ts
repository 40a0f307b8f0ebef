/**
 * Edits are collected as text splices against the original source and applied once at the end.
 * Everything not covered by an edit is copied byte for byte, and inserted code follows the file's
 * own indentation, quotes, semicolons and trailing commas. (Reprinting changed nodes with recast
 * re-indents sibling statements in tab-indented files and expands one-line objects.)
 */
import type { CodeStyle } from './detectStyle';
import { propertyKeyText } from './detectStyle';

interface Positioned {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
  start?: number | null;
  end?: number | null;
  properties?: Positioned[];
  leadingComments?: Positioned[] | null;
  /** recast attaches comments here, with `leading: true` for the ones above a node. */
  comments?: (Positioned & { leading?: boolean })[] | null;
}

interface Splice {
  start: number;
  end: number;
  text: string;
  order: number;
}

export interface TextEdits {
  /** Adds `key: value` to an object literal (grouped per object, rendered in its layout). */
  addProperty(object: Positioned, key: string, valueText: string): void;
  insertStatementsAfter(statement: Positioned, lines: string[]): void;
  insertStatementsBefore(statement: Positioned, lines: string[]): void;
  replace(node: Positioned, text: string): void;
  insertAt(position: number, text: string): void;
  /** Leading whitespace of the line a node starts on. */
  indentOf(node: Positioned): string;
  readonly count: number;
  apply(): string;
}

function pos(value: number | null | undefined, what: string): number {
  if (typeof value !== 'number') throw new Error(`internal: ${what} has no source position`);
  return value;
}

export function createTextEdits(source: string, style: CodeStyle): TextEdits {
  const splices: Splice[] = [];
  const pendingProperties = new Map<Positioned, string[]>();
  let order = 0;

  const lineStart = (position: number) => source.lastIndexOf('\n', position - 1) + 1;
  const lineEnd = (position: number) => {
    const end = source.indexOf('\n', position);
    return end === -1 ? source.length : end;
  };
  const indentAt = (position: number) => /^[ \t]*/.exec(source.slice(lineStart(position)))![0];
  /** After `position`, past a `// comment` that ends the same line, so inserted lines never split a comment from its code. */
  const afterTrailingComment = (position: number) => {
    const rest = source.slice(position, lineEnd(position));
    return /^\s*(\/\/.*|\/\*.*\*\/\s*)$/.test(rest) ? lineEnd(position) : position;
  };
  const push = (start: number, end: number, text: string) => splices.push({ start, end, text, order: order++ });

  function renderProperties(object: Positioned, entries: string[]): void {
    const start = pos(object.start, 'object');
    const end = pos(object.end, 'object');
    const properties = object.properties ?? [];
    if (properties.length === 0) {
      push(start, end, `{ ${entries.join(', ')} }`);
      return;
    }
    const last = properties[properties.length - 1];
    const lastEnd = pos(last.end, 'property');
    const multiLine = source.slice(start, end).includes('\n');
    if (!multiLine) {
      push(lastEnd, lastEnd, entries.map((entry) => `, ${entry}`).join(''));
      return;
    }
    const indent = indentAt(pos(last.start, 'property'));
    const commaMatch = /^\s*,/.exec(source.slice(lastEnd, end));
    if (commaMatch) {
      const at = afterTrailingComment(lastEnd + commaMatch[0].length);
      push(at, at, entries.map((entry) => `\n${indent}${entry},`).join(''));
    } else {
      const tail = style.trailingComma ? ',' : '';
      push(lastEnd, lastEnd, entries.map((entry, index) => `,\n${indent}${entry}${index === entries.length - 1 ? tail : ''}`).join(''));
    }
  }

  return {
    addProperty(object, key, valueText) {
      const entries = pendingProperties.get(object) ?? [];
      entries.push(`${propertyKeyText(key, style)}: ${valueText}`);
      pendingProperties.set(object, entries);
    },
    insertStatementsAfter(statement, lines) {
      if (lines.length === 0) return;
      const end = afterTrailingComment(pos(statement.end, 'statement'));
      const indent = indentAt(pos(statement.start, 'statement'));
      push(end, end, lines.map((line) => `\n${line.length > 0 ? indent : ''}${line}`).join(''));
    },
    insertStatementsBefore(statement, lines) {
      if (lines.length === 0) return;
      const first = statement.comments?.find((comment) => comment.leading) ?? statement.leadingComments?.[0] ?? statement;
      const at = lineStart(pos(first.start, 'statement'));
      const indent = indentAt(pos(statement.start, 'statement'));
      push(at, at, lines.map((line) => `${line.length > 0 ? indent : ''}${line}\n`).join(''));
    },
    replace(node, text) {
      push(pos(node.start, 'node'), pos(node.end, 'node'), text);
    },
    insertAt(position, text) {
      push(position, position, text);
    },
    indentOf(node) {
      return indentAt(pos(node.start, 'node'));
    },
    get count() {
      return splices.length + pendingProperties.size;
    },
    apply() {
      for (const [object, entries] of pendingProperties) renderProperties(object, entries);
      pendingProperties.clear();
      const sorted = [...splices].sort((a, b) => a.start - b.start || a.order - b.order);
      let output = '';
      let cursor = 0;
      for (const splice of sorted) {
        if (splice.start < cursor) throw new Error(`internal: overlapping edits at offset ${splice.start}`);
        output += source.slice(cursor, splice.start) + splice.text;
        cursor = splice.end;
      }
      return output + source.slice(cursor);
    },
  };
}
