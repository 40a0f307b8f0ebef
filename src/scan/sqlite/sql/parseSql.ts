import { REPAIRED_PK_COLUMN, type SqlTableSchema } from './readCreateTable';
import { readLenientCreateTable } from './readLenientCreateTable';
import { normaliseSql, stripComments, type NormalisedSql, type Placeholder } from './normaliseSql';

/** A node of node-sql-parser's AST, read through the accessors in sqlAst.ts. */
export type SqlNode = Record<string, unknown>;

export type SqlDialect = 'sqlite' | 'postgresql' | 'mysql';

export interface ParsedStatement {
  /** Normalised text (placeholders as `:__pN`). */
  text: string;
  /** 0-based line of the statement within the SQL text. */
  lineOffset: number;
  /** First keyword, upper case: SELECT, INSERT, PRAGMA, … */
  keyword: string;
  /** Statements that change no data and need no parse: PRAGMA, BEGIN, COMMIT, … */
  control: boolean;
  ast?: SqlNode;
  /** The grammar that accepted it: SQLite first; PostgreSQL/MySQL for SQLite syntax the SQLite grammar lacks. */
  dialect?: SqlDialect;
  error?: { message: string; line: number; column: number };
  /** A CREATE TABLE no grammar parsed (`error` says why), read by SQLite's own lenient grammar instead. */
  lenientSchema?: SqlTableSchema;
}

export interface ParsedSql extends NormalisedSql {
  /** The SQL as given (before placeholder normalisation). */
  source: string;
  parsed: ParsedStatement[];
}

const CONTROL_KEYWORDS = new Set(['PRAGMA', 'BEGIN', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'VACUUM', 'ANALYZE', 'ATTACH', 'DETACH', 'REINDEX']);

/*
 * node-sql-parser's SQLite grammar (5.4) lacks a few things SQLite accepts; these statements are
 * retried with another grammar whose AST has the same shape for what we read:
 *  - `INSERT … ON CONFLICT (…) DO UPDATE/NOTHING` (upserts)          → postgresql
 *  - `SELECT COUNT(*) AS count` (keyword used as alias)              → postgresql
 *  - `INSERT … SELECT * FROM (VALUES …)`                             → postgresql
 *  - `… = :x COLLATE NOCASE`                                         → mysql
 */
const FALLBACKS: SqlDialect[] = ['postgresql', 'mysql'];

type ParserLike = { astify(sql: string, options: { database: string }): unknown };
const parsers = new Map<SqlDialect, ParserLike>();

function parserFor(dialect: SqlDialect): ParserLike {
  let parser = parsers.get(dialect);
  if (!parser) {
    // Each dialect build is loaded only when needed: the all-dialect bundle is 2.5 MB.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const loaded =
      dialect === 'sqlite'
        ? require('node-sql-parser/build/sqlite')
        : dialect === 'postgresql'
          ? require('node-sql-parser/build/postgresql')
          : require('node-sql-parser/build/mysql');
    parser = new loaded.Parser() as ParserLike;
    parsers.set(dialect, parser);
  }
  return parser;
}

const cache = new Map<string, ParsedSql>();

/** Normalises and parses a SQL text, statement by statement. Never throws; errors are kept per statement. */
export function parseSql(sql: string): ParsedSql {
  const cached = cache.get(sql);
  if (cached) return cached;
  const normalised = normaliseSql(sql);
  const parsed = normalised.statements.map((statement) => parseStatement(statement.text, statement.lineOffset));
  const result: ParsedSql = { ...normalised, source: sql, parsed };
  if (cache.size > 5000) cache.clear();
  cache.set(sql, result);
  return result;
}

function parseStatement(text: string, lineOffset: number): ParsedStatement {
  const clean = stripComments(text).trim();
  const keyword = (/^[A-Za-z]+/.exec(clean)?.[0] ?? '').toUpperCase();
  if (CONTROL_KEYWORDS.has(keyword)) return { text, lineOffset, keyword, control: true };
  let firstError: ParsedStatement['error'];
  const candidates = [clean, ...REPAIRS.map((repair) => repair(clean)).filter((repaired) => repaired !== clean)];
  for (const candidate of candidates) {
    const read = astify(candidate);
    if ('ast' in read) return { text, lineOffset, keyword, control: false, ...read };
    if (read.error !== undefined) firstError ??= describeError(read.error);
  }
  const error = firstError ?? { message: 'not a single statement', line: 1, column: 1 };
  const lenientSchema = keyword === 'CREATE' ? readLenientCreateTable(clean, parseSelect) : undefined;
  return { text, lineOffset, keyword, control: false, error, ...(lenientSchema ? { lenientSchema } : {}) };
}

/** The AST from the first grammar that reads `sql` as one statement, or the first grammar's error. */
function astify(sql: string): { ast: SqlNode; dialect: SqlDialect } | { error?: unknown } {
  let firstError: unknown;
  for (const dialect of ['sqlite' as const, ...FALLBACKS]) {
    try {
      const ast = parserFor(dialect).astify(sql, { database: dialect });
      const single = Array.isArray(ast) ? (ast.length === 1 ? ast[0] : undefined) : ast;
      if (single && typeof single === 'object') return { ast: single as SqlNode, dialect };
    } catch (error) {
      firstError ??= error;
    }
  }
  return { error: firstError };
}

/** A SELECT's AST (for expressions inside a CREATE TABLE read leniently). */
function parseSelect(sql: string): SqlNode | undefined {
  const read = astify(sql);
  return 'ast' in read ? read.ast : undefined;
}

/** Rewrites of valid SQLite that no grammar accepts, tried after the plain text fails. */
const REPAIRS: ((sql: string) => string)[] = [
  // `REFERENCES users ON DELETE …` (no column list: the referenced table's primary key)
  (sql) => sql.replace(/\bREFERENCES\s+("[^"]+"|`[^`]+`|\[[^\]]+\]|\w+)(?![\w.])(?!\s*\()/gi, `REFERENCES $1(${REPAIRED_PK_COLUMN})`),
];

function describeError(error: unknown): NonNullable<ParsedStatement['error']> {
  const e = error as { message?: string; found?: string | null; location?: { start?: { line?: number; column?: number } } };
  const line = e.location?.start?.line ?? 1;
  const column = e.location?.start?.column ?? 1;
  const found = e.found === null ? 'end of input' : e.found !== undefined ? `"${e.found}"` : undefined;
  const message = found !== undefined ? `unexpected ${found} at column ${column}` : String(e.message ?? error).replace(/^Error:\s*/, '').slice(0, 160);
  return { message, line, column };
}

/** The placeholder a canonical `__pN` name stands for. */
export function placeholderOf(parsed: ParsedSql, canonical: string): Placeholder | undefined {
  return parsed.placeholders.find((p) => p.canonical === canonical);
}
