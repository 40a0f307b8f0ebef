/**
 * Turns one evaluated alternative of a SQL string (text parts and holes) into parseable SQL:
 *  - a hole where a value goes (`= ${id}`, `'${name}'`, `IN (${ids})`, `LIMIT ${n}`) becomes the
 *    placeholder `:__iN` — the app interpolates a value, which the scan reports;
 *  - a hole bound by a SQL template tag (sql-template-strings) becomes `?`;
 *  - any other hole (an identifier or fragment: `ORDER BY ${col}`, `WHERE ${where}`) becomes
 *    `__dyn_N`, or `__dyn_N = NULL` where a whole condition / SET item is expected.
 */
import { skipQuotedOrComment } from '../sql/normaliseSql';
import type { StringHole, StringPart } from './evaluateString';

export interface AssembledSql {
  text: string;
  valueHoles: StringHole[];
  identifierHoles: StringHole[];
  /** The whole statement is a hole: nothing to parse. */
  opaque: boolean;
}

export const DYNAMIC_IDENTIFIER = /^__dyn_\d+$/;

export function assembleSql(parts: StringPart[]): AssembledSql {
  let out = '';
  let skippingQuoted = false;
  const valueHoles: StringHole[] = [];
  const identifierHoles: StringHole[] = [];
  let counter = 0;
  parts.forEach((part, index) => {
    if ('text' in part) {
      let text = part.text;
      if (skippingQuoted) {
        const close = closingQuote(text);
        if (close < 0) return;
        text = text.slice(close + 1);
        skippingQuoted = false;
      }
      out += text;
      return;
    }
    counter += 1;
    const hole = part.hole;
    if (hole.bound) {
      out += '?';
      return;
    }
    const openQuote = unclosedQuoteStart(out);
    if (openQuote >= 0) {
      // `'${name}'` or `'%${q}%'`: the whole quoted string is the value.
      out = `${out.slice(0, openQuote)}:__i${counter}`;
      skippingQuoted = true;
      valueHoles.push(hole);
      return;
    }
    const next = parts[index + 1];
    const nextText = next && 'text' in next ? next.text : '';
    if (isValuePosition(out)) {
      out += `:__i${counter}`;
      valueHoles.push(hole);
    } else {
      identifierHoles.push(hole);
      out += isConditionPosition(out, nextText) ? `__dyn_${counter} = NULL` : `__dyn_${counter}`;
    }
  });
  const opaque = parts.length > 0 && out.trim().replace(/^__dyn_\d+$/, '') === '';
  return { text: out, valueHoles, identifierHoles, opaque };
}

/** Index of the `'` that opens a string still open at the end of `sql`, or -1. */
function unclosedQuoteStart(sql: string): number {
  let i = 0;
  while (i < sql.length) {
    if (sql[i] === "'") {
      const close = closingQuote(sql.slice(i + 1));
      if (close < 0) return i;
      i += close + 2;
      continue;
    }
    const skipped = skipQuotedOrComment(sql, i);
    i = skipped > i ? skipped : i + 1;
  }
  return -1;
}

/** Index of the first `'` that closes a string (skipping `''` escapes), or -1. */
function closingQuote(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "'") continue;
    if (text[i + 1] === "'") {
      i += 1;
      continue;
    }
    return i;
  }
  return -1;
}

function isValuePosition(before: string): boolean {
  const trimmed = before.trimEnd();
  if (/(=|<|>|!=|<>|<=|>=|==|\+|-|\*|\/|\|\|)$/.test(trimmed)) return true;
  if (/\b(LIKE|GLOB|LIMIT|OFFSET|BETWEEN|IS|THEN|ELSE|WHEN)$/i.test(trimmed)) return true;
  if (/[(,]$/.test(trimmed)) {
    const open = unmatchedParen(trimmed);
    if (open < 0) return false;
    const head = trimmed.slice(0, open).trimEnd();
    if (/\b(VALUES|IN)$/i.test(head) || /\)\s*,$/.test(head)) return true;
    if (/\bINTO\s+[\w."`[\]]+$/i.test(head)) return false;
    return /[A-Za-z_]\w*$/.test(head) && !/\b(FROM|JOIN|ON|WHERE|AND|OR|SELECT|BY)$/i.test(head);
  }
  return false;
}

function isConditionPosition(before: string, after: string): boolean {
  const trimmed = before.trimEnd();
  const rest = after.trimStart();
  if (/^(=|<|>|!|IN\b|LIKE\b|IS\b|BETWEEN\b|NOT\b|GLOB\b)/i.test(rest)) return false;
  return /\b(WHERE|AND|OR|ON|HAVING|SET)$/i.test(trimmed) || (/,$/.test(trimmed) && /\bSET\b[^()]*$/i.test(trimmed));
}

function unmatchedParen(text: string): number {
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === ')') depth += 1;
    else if (text[i] === '(') {
      if (depth === 0) return i;
      depth -= 1;
    }
  }
  return -1;
}
