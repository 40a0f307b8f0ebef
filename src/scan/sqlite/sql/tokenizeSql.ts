/** A token of SQL text: a bare word, a quoted name (`"x"`, `` `x` ``, `[x]`), a string, a number or one character. */
export interface SqlToken {
  kind: 'word' | 'name' | 'string' | 'number' | 'punct';
  /** The word as written, the name or string unquoted, the number or character as written. */
  text: string;
  /** Offset of the token in the SQL text. */
  start: number;
  end: number;
}

/** Splits SQL into tokens; comments and white space are skipped. Undefined when a quote is never closed. */
export function tokenizeSql(sql: string): SqlToken[] | undefined {
  const tokens: SqlToken[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) {
      i++;
    } else if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      let text = '';
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) return undefined;
        if (sql[j] === close) {
          // a doubled quote stands for itself (`'it''s'`); `[` names have no escape
          if (close !== ']' && sql[j + 1] === close) {
            text += close;
            j += 2;
            continue;
          }
          break;
        }
        text += sql[j++];
      }
      tokens.push({ kind: c === "'" ? 'string' : 'name', text, start: i, end: j + 1 });
      i = j + 1;
    } else {
      const number = /^(0x[0-9a-f]+|(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?)/i.exec(sql.slice(i, i + 64));
      const word = /^[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*/.exec(sql.slice(i, i + 256));
      if (number) tokens.push({ kind: 'number', text: number[0], start: i, end: (i += number[0].length) });
      else if (word) tokens.push({ kind: 'word', text: word[0], start: i, end: (i += word[0].length) });
      else tokens.push({ kind: 'punct', text: c, start: i, end: ++i });
    }
  }
  return tokens;
}
