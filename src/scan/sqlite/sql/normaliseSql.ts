/**
 * Rewrites every bind placeholder of a SQL text (`?`, `?3`, `:name`, `@name`, `$name`) to one
 * canonical named form `:__pN`, which node-sql-parser's SQLite grammar accepts everywhere (it
 * rejects `?` after LIMIT/OFFSET and `?NNN` entirely), and splits the text into statements.
 * Strings, quoted identifiers and comments are skipped, so a `?` or `;` inside them is left alone.
 */

export type PlaceholderStyle = 'positional' | 'numbered' | 'named' | 'interpolated';

export interface Placeholder {
  /** Canonical name in the normalised text, without the colon: `__p1`, `__p2`, … */
  canonical: string;
  /** As written: `?`, `?2`, `:email`, `@title`, `$id` (interpolation holes: `${…}`). */
  written: string;
  style: PlaceholderStyle;
  /** `email` for `:email`/`@email`/`$email`. */
  name?: string;
  /** SQLite's 1-based parameter index (what positional arguments bind to). */
  position: number;
  /** For interpolation holes: the hole number given by the JS side. */
  hole?: number;
}

export interface SqlStatementText {
  /** Normalised statement text, without the trailing semicolon. */
  text: string;
  /** Offset of the statement in the normalised text. */
  offset: number;
  /** 0-based line of the statement start within the SQL text. */
  lineOffset: number;
}

export interface NormalisedSql {
  text: string;
  placeholders: Placeholder[];
  statements: SqlStatementText[];
}

/** Interpolated values arrive from the JS side as `:__iN`; they keep their hole number. */
const HOLE_NAME = /^__i(\d+)$/;

export function normaliseSql(sql: string): NormalisedSql {
  const placeholders: Placeholder[] = [];
  const byName = new Map<string, Placeholder>();
  let out = '';
  let maxPosition = 0;
  let i = 0;
  const add = (written: string, style: PlaceholderStyle, name: string | undefined, explicit?: number): string => {
    const key = name !== undefined ? `${written[0]}${name}` : explicit !== undefined ? `?${explicit}` : undefined;
    const existing = key ? byName.get(key) : undefined;
    if (existing) return `:${existing.canonical}`;
    const position = explicit ?? maxPosition + 1;
    maxPosition = Math.max(maxPosition, position);
    const placeholder: Placeholder = { canonical: `__p${placeholders.length + 1}`, written, style, position };
    if (name !== undefined) placeholder.name = name;
    placeholders.push(placeholder);
    if (key) byName.set(key, placeholder);
    return `:${placeholder.canonical}`;
  };

  while (i < sql.length) {
    const ch = sql[i];
    const next = sql[i + 1];
    const skipped = skipQuotedOrComment(sql, i);
    if (skipped > i) {
      out += sql.slice(i, skipped);
      i = skipped;
      continue;
    }
    if (ch === '?') {
      const digits = /^\d+/.exec(sql.slice(i + 1))?.[0];
      if (digits) {
        out += add(`?${digits}`, 'numbered', undefined, Number(digits));
        i += 1 + digits.length;
      } else {
        out += add('?', 'positional', undefined);
        i += 1;
      }
      continue;
    }
    if ((ch === ':' || ch === '@' || ch === '$') && next !== undefined && /[A-Za-z0-9_]/.test(next) && sql[i - 1] !== ':' && !(ch === ':' && next === ':')) {
      const name = /^[A-Za-z0-9_]+/.exec(sql.slice(i + 1))![0];
      const hole = HOLE_NAME.exec(name);
      if (ch === ':' && hole) {
        const placeholder: Placeholder = { canonical: `__p${placeholders.length + 1}`, written: '${…}', style: 'interpolated', position: maxPosition + 1, hole: Number(hole[1]) };
        placeholders.push(placeholder);
        out += `:${placeholder.canonical}`;
      } else {
        out += add(`${ch}${name}`, 'named', name);
      }
      i += 1 + name.length;
      continue;
    }
    out += ch;
    i += 1;
  }
  return { text: out, placeholders, statements: splitStatements(out) };
}

/** End offset of a string, quoted identifier or comment starting at `i`, or `i` when none starts there. */
export function skipQuotedOrComment(sql: string, i: number): number {
  const ch = sql[i];
  if (ch === "'" || ch === '"' || ch === '`') {
    let j = i + 1;
    while (j < sql.length) {
      if (sql[j] === ch) {
        if (sql[j + 1] === ch) j += 2;
        else return j + 1;
      } else j += 1;
    }
    return sql.length;
  }
  if (ch === '[') {
    const end = sql.indexOf(']', i + 1);
    return end < 0 ? sql.length : end + 1;
  }
  if (ch === '-' && sql[i + 1] === '-') {
    const end = sql.indexOf('\n', i);
    return end < 0 ? sql.length : end;
  }
  if (ch === '/' && sql[i + 1] === '*') {
    const end = sql.indexOf('*/', i + 2);
    return end < 0 ? sql.length : end + 2;
  }
  return i;
}

/** Splits at top-level semicolons; a CREATE TRIGGER body (`BEGIN … END;`) stays whole. */
export function splitStatements(sql: string): SqlStatementText[] {
  const statements: SqlStatementText[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number): void => {
    const raw = sql.slice(start, end);
    const text = stripComments(raw).trim();
    if (text.length > 0) {
      // The statement starts at its first keyword, after blank lines and leading comments.
      let offset = start;
      while (offset < end) {
        if (/\s/.test(sql[offset])) offset += 1;
        else if (sql.startsWith('--', offset) || sql.startsWith('/*', offset)) offset = skipQuotedOrComment(sql, offset);
        else break;
      }
      statements.push({ text: sql.slice(offset, end).trim(), offset, lineOffset: countNewlines(sql, offset) });
    }
  };
  while (i < sql.length) {
    const skipped = skipQuotedOrComment(sql, i);
    if (skipped > i) {
      i = skipped;
      continue;
    }
    if (sql[i] === ';') {
      const current = stripComments(sql.slice(start, i));
      const isTrigger = /^\s*CREATE\s+(TEMP\w*\s+)?TRIGGER\b/i.test(current);
      if (!isTrigger || /\bEND\s*$/i.test(current)) {
        push(i);
        start = i + 1;
      }
    }
    i += 1;
  }
  push(sql.length);
  return statements;
}

/** The text with comments removed (strings kept), for keyword checks. */
export function stripComments(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const skipped = skipQuotedOrComment(sql, i);
    if (skipped > i) {
      const piece = sql.slice(i, skipped);
      out += piece.startsWith('--') || piece.startsWith('/*') ? ' ' : piece;
      i = skipped;
    } else {
      out += sql[i];
      i += 1;
    }
  }
  return out;
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = 0; i < end; i++) if (text[i] === '\n') count += 1;
  return count;
}
