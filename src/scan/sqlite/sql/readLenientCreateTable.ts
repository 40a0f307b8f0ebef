import { buildTableSchema, type ColumnDefinition, type ConstraintDefinition, type TableDefinition } from './buildTableSchema';
import type { SqlForeignKey, SqlTableSchema } from './readCreateTable';
import { exprText, isNode, nodeList } from './sqlAst';
import { tokenizeSql, type SqlToken } from './tokenizeSql';

/** Parses `SELECT …` text into node-sql-parser's AST; undefined when it cannot. */
export type ParseSelect = (sql: string) => Record<string, unknown> | undefined;

/** Words that end a column's type name: the start of a column constraint. */
const CONSTRAINT_START = new Set(['CONSTRAINT', 'PRIMARY', 'NOT', 'NULL', 'UNIQUE', 'CHECK', 'DEFAULT', 'COLLATE', 'REFERENCES', 'GENERATED', 'AS']);
const NOW_WORDS = new Set(['CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME']);

class Unreadable extends Error {}

/**
 * Reads a CREATE TABLE with SQLite's own grammar (https://www.sqlite.org/lang_createtable.html),
 * which is more lenient than node-sql-parser's: a type name is any run of words (`text UNIQE`,
 * `UNSIGNED BIG INT`), names may be quoted `"x"`, `` `x` `` or `[x]`, and clauses the parser lacks
 * (conflict clauses, DEFERRABLE, GENERATED, STRICT) are understood. Expressions in DEFAULT (…) and
 * CHECK (…) go through `parseSelect`, so they read as they do from the parser. Undefined when the
 * text is not a CREATE TABLE this grammar reads whole.
 */
export function readLenientCreateTable(sql: string, parseSelect: ParseSelect): SqlTableSchema | undefined {
  const tokens = tokenizeSql(sql);
  if (!tokens) return undefined;
  try {
    const definition = new TableReader(sql, tokens, parseSelect).read();
    return definition.columns.length > 0 ? buildTableSchema(definition) : undefined;
  } catch (error) {
    if (error instanceof Unreadable) return undefined;
    throw error;
  }
}

class TableReader {
  private at = 0;

  constructor(
    private readonly sql: string,
    private readonly tokens: SqlToken[],
    private readonly parseSelect: ParseSelect,
  ) {}

  read(): TableDefinition {
    this.expect('CREATE');
    this.accept('TEMP') || this.accept('TEMPORARY');
    this.expect('TABLE');
    if (this.accept('IF')) {
      this.expect('NOT');
      this.expect('EXISTS');
    }
    let name = this.name();
    if (this.acceptPunct('.')) name = this.name();
    const definition: TableDefinition = { name, columns: [], constraints: [], withoutRowid: false };
    this.expectPunct('(');
    do {
      if (this.isTableConstraint()) definition.constraints.push(this.tableConstraint());
      else if (definition.constraints.length === 0) definition.columns.push(this.column());
      else throw new Unreadable();
    } while (this.acceptPunct(','));
    this.expectPunct(')');
    // table options: WITHOUT ROWID, STRICT
    while (this.at < this.tokens.length) {
      if (this.accept('WITHOUT')) {
        this.expect('ROWID');
        definition.withoutRowid = true;
      } else if (!this.accept('STRICT') && !this.acceptPunct(',') && !this.acceptPunct(';')) throw new Unreadable();
    }
    return definition;
  }

  private isTableConstraint(): boolean {
    return ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN'].some((word) => this.isWord(word));
  }

  private column(): ColumnDefinition {
    const column: ColumnDefinition = { name: this.name(), primaryKey: false, autoincrement: false, notNull: false, unique: false, checks: [] };
    const typeWords: string[] = [];
    while (this.peek()?.kind === 'name' || (this.peek()?.kind === 'word' && !CONSTRAINT_START.has(this.peek()!.text.toUpperCase()))) typeWords.push(this.next().text.toUpperCase());
    if (typeWords.length > 0) {
      column.sqlType = typeWords.join(' ');
      if (this.isPunct('(')) this.skipParenthesised();
    }
    while (!this.isPunct(',') && !this.isPunct(')')) this.columnConstraint(column);
    return column;
  }

  private columnConstraint(column: ColumnDefinition): void {
    if (this.accept('CONSTRAINT')) this.name();
    if (this.accept('PRIMARY')) {
      this.expect('KEY');
      column.primaryKey = true;
      if (this.accept('DESC')) column.primaryKeyDesc = true;
      else this.accept('ASC');
      this.conflictClause();
      if (this.accept('AUTOINCREMENT')) column.autoincrement = true;
    } else if (this.accept('NOT')) {
      this.expect('NULL');
      column.notNull = true;
      this.conflictClause();
    } else if (this.accept('NULL')) {
      this.conflictClause();
    } else if (this.accept('UNIQUE')) {
      column.unique = true;
      this.conflictClause();
    } else if (this.accept('CHECK')) {
      const check = this.expression('SELECT 1 WHERE ', (ast) => ast.where);
      if (check) column.checks.push(check);
    } else if (this.accept('DEFAULT')) {
      column.default = this.defaultValue();
    } else if (this.accept('COLLATE')) {
      this.name();
    } else if (this.isWord('REFERENCES')) {
      column.references = this.foreignKeyClause().references;
    } else if (this.accept('GENERATED') || this.isWord('AS')) {
      this.accept('ALWAYS');
      this.expect('AS');
      this.skipParenthesised();
      this.accept('STORED') || this.accept('VIRTUAL');
    } else {
      throw new Unreadable();
    }
  }

  private tableConstraint(): ConstraintDefinition {
    if (this.accept('CONSTRAINT')) this.name();
    if (this.accept('PRIMARY')) {
      this.expect('KEY');
      const columns = this.indexedColumns();
      this.conflictClause();
      return { kind: 'primary key', columns };
    }
    if (this.accept('UNIQUE')) {
      const columns = this.indexedColumns();
      this.conflictClause();
      return { kind: 'unique', columns };
    }
    if (this.accept('CHECK')) return { kind: 'check', check: this.expression('SELECT 1 WHERE ', (ast) => ast.where) };
    this.expect('FOREIGN');
    this.expect('KEY');
    const columns = this.nameList();
    return { kind: 'foreign key', columns, ...this.foreignKeyClause() };
  }

  /** `REFERENCES table [(columns)]` and its ON DELETE/UPDATE actions, MATCH and DEFERRABLE clauses. */
  private foreignKeyClause(): { references: SqlForeignKey; referencedColumns: (string | undefined)[] } {
    this.expect('REFERENCES');
    const references: SqlForeignKey = { table: this.name() };
    const referencedColumns = this.isPunct('(') ? this.nameList() : [];
    if (referencedColumns[0] !== undefined) references.column = referencedColumns[0];
    for (;;) {
      if (this.accept('ON')) {
        const event = this.accept('DELETE') ? 'onDelete' : (this.expect('UPDATE'), 'onUpdate');
        references[event] = this.referenceAction();
      } else if (this.accept('MATCH')) {
        this.name();
      } else if (this.isWord('DEFERRABLE') || (this.isWord('NOT') && this.isWord('DEFERRABLE', 1))) {
        this.accept('NOT');
        this.expect('DEFERRABLE');
        if (this.accept('INITIALLY')) this.accept('DEFERRED') || this.expect('IMMEDIATE');
      } else {
        return { references, referencedColumns };
      }
    }
  }

  private referenceAction(): string {
    if (this.accept('SET')) return this.accept('NULL') ? 'SET NULL' : (this.expect('DEFAULT'), 'SET DEFAULT');
    if (this.accept('NO')) return (this.expect('ACTION'), 'NO ACTION');
    for (const action of ['CASCADE', 'RESTRICT']) if (this.accept(action)) return action;
    throw new Unreadable();
  }

  private conflictClause(): void {
    if (!this.isWord('ON') || !this.isWord('CONFLICT', 1)) return;
    this.at += 2;
    this.next();
  }

  /** DEFAULT's value as SQL text, spelled as the AST reader spells it (`'x'`, `1.5`, `null`, `CURRENT_TIMESTAMP`). */
  private defaultValue(): string {
    if (this.isPunct('(')) {
      const start = this.tokens[this.at].start;
      const value = this.expression('SELECT ', (ast) => nodeList(ast.columns)[0]?.expr, true);
      // an expression the parser cannot read either is kept as written
      return value ? exprText(value) : this.sql.slice(start, this.tokens[this.at - 1].end);
    }
    const sign = this.isPunct('-') || this.isPunct('+') ? this.next().text : '';
    const token = this.next();
    if (token.kind === 'number') {
      const value = Number(`${sign}${token.text}`);
      return Number.isNaN(value) ? `${sign}${token.text}` : String(value);
    }
    if (sign) throw new Unreadable();
    if (token.kind === 'string' || token.kind === 'name') return `'${token.text}'`;
    if (token.kind !== 'word') throw new Unreadable();
    const word = token.text.toUpperCase();
    if (word === 'NULL' || word === 'TRUE' || word === 'FALSE') return word.toLowerCase();
    return NOW_WORDS.has(word) ? word : `'${token.text}'`;
  }

  /**
   * A parenthesised expression read by node-sql-parser inside `prefix` (with its parentheses when
   * `keepParentheses`), then picked out of its AST; undefined when the parser cannot read it either.
   */
  private expression(prefix: string, pick: (ast: Record<string, unknown>) => unknown, keepParentheses = false): Record<string, unknown> | undefined {
    const open = this.tokens[this.at];
    const close = this.tokens[this.skipParenthesised() - 1];
    const text = keepParentheses ? this.sql.slice(open.start, close.end) : this.sql.slice(open.end, close.start);
    const ast = this.parseSelect(`${prefix}${text}`);
    const node = ast ? pick(ast) : undefined;
    return isNode(node) ? node : undefined;
  }

  /** `( name [COLLATE x] [ASC|DESC], … )` of PRIMARY KEY and UNIQUE. */
  private indexedColumns(): string[] {
    this.expectPunct('(');
    const names: string[] = [];
    do {
      names.push(this.name());
      if (this.accept('COLLATE')) this.name();
      this.accept('ASC') || this.accept('DESC');
    } while (this.acceptPunct(','));
    this.expectPunct(')');
    return names;
  }

  private nameList(): string[] {
    this.expectPunct('(');
    const names: string[] = [];
    do names.push(this.name());
    while (this.acceptPunct(','));
    this.expectPunct(')');
    return names;
  }

  /** Skips `( … )` with what it nests; returns the index after the closing parenthesis. */
  private skipParenthesised(): number {
    this.expectPunct('(');
    let depth = 1;
    while (depth > 0) {
      const token = this.next();
      if (token.kind === 'punct' && token.text === '(') depth++;
      if (token.kind === 'punct' && token.text === ')') depth--;
    }
    return this.at;
  }

  private name(): string {
    const token = this.next();
    if (token.kind === 'punct' || token.kind === 'number') throw new Unreadable();
    return token.text;
  }

  private peek(offset = 0): SqlToken | undefined {
    return this.tokens[this.at + offset];
  }

  private next(): SqlToken {
    const token = this.tokens[this.at++];
    if (!token) throw new Unreadable();
    return token;
  }

  private isWord(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token?.kind === 'word' && token.text.toUpperCase() === word;
  }

  private isPunct(text: string): boolean {
    const token = this.peek();
    return token?.kind === 'punct' && token.text === text;
  }

  private accept(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.at++;
    return true;
  }

  private acceptPunct(text: string): boolean {
    if (!this.isPunct(text)) return false;
    this.at++;
    return true;
  }

  private expect(word: string): void {
    if (!this.accept(word)) throw new Unreadable();
  }

  private expectPunct(text: string): void {
    if (!this.acceptPunct(text)) throw new Unreadable();
  }
}
