import { normaliseSql, splitStatements } from '../../../src/scan/sqlite/sql/normaliseSql';
import { parseSql } from '../../../src/scan/sqlite/sql/parseSql';
import { summariseStatement } from '../../../src/scan/sqlite/sql/summariseStatement';

describe('normaliseSql', () => {
  it('rewrites ?, ?N, :name, @name and $name to :__pN with SQLite positions, leaving strings, identifiers and comments alone', () => {
    const result = normaliseSql("SELECT '?', \"a?b\", [c?] FROM t -- where x = ?\nWHERE a = ? AND b = :b AND c = @c AND d = $d AND e = ?7 AND f = ? AND g = :b");
    expect(result.text).toBe("SELECT '?', \"a?b\", [c?] FROM t -- where x = ?\nWHERE a = :__p1 AND b = :__p2 AND c = :__p3 AND d = :__p4 AND e = :__p5 AND f = :__p6 AND g = :__p2");
    expect(result.placeholders.map((p) => [p.written, p.style, p.name, p.position])).toEqual([
      ['?', 'positional', undefined, 1],
      [':b', 'named', 'b', 2],
      ['@c', 'named', 'c', 3],
      ['$d', 'named', 'd', 4],
      ['?7', 'numbered', undefined, 7],
      ['?', 'positional', undefined, 8],
    ]);
  });

  it('does not take casts or time literals for parameters', () => {
    expect(normaliseSql("SELECT x::int, '12:30' FROM t").placeholders).toEqual([]);
  });

  it('splits statements at top-level semicolons, keeps trigger bodies whole and records each start line', () => {
    const statements = splitStatements(`-- header
CREATE TABLE a (x TEXT DEFAULT ';');

CREATE TRIGGER t AFTER INSERT ON a BEGIN
  UPDATE a SET x = 'y';
END;
/* done */ PRAGMA foreign_keys = ON;`);
    expect(statements.map((s) => [s.lineOffset, s.text.split('\n')[0]])).toEqual([
      [1, "CREATE TABLE a (x TEXT DEFAULT ';')"],
      [3, 'CREATE TRIGGER t AFTER INSERT ON a BEGIN'],
      [6, 'PRAGMA foreign_keys = ON'],
    ]);
  });
});

describe('parseSql: SQLite grammar first, another grammar only where node-sql-parser lacks SQLite syntax', () => {
  const dialectOf = (sql: string): string | undefined => parseSql(sql).parsed[0].dialect;

  it('parses plain SQLite with the SQLite grammar, including LIMIT ? OFFSET ? (normalised placeholders)', () => {
    expect(dialectOf('SELECT * FROM t WHERE a = ? ORDER BY b LIMIT ? OFFSET ?')).toBe('sqlite');
    expect(dialectOf('SELECT * FROM t WHERE id = ?1')).toBe('sqlite');
    expect(dialectOf('CREATE TABLE t (id INTEGER PRIMARY KEY) WITHOUT ROWID')).toBe('sqlite');
  });

  it('falls back to PostgreSQL for upserts, keyword aliases and INSERT … SELECT FROM (VALUES …)', () => {
    expect(dialectOf('INSERT INTO t (id, n) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET n = excluded.n')).toBe('postgresql');
    expect(dialectOf('SELECT COUNT(*) AS count FROM t')).toBe('postgresql');
    expect(dialectOf("INSERT INTO t (a) SELECT * FROM (VALUES ('x'), ('y')) WHERE NOT EXISTS (SELECT 1 FROM t)")).toBe('postgresql');
    const upsert = summariseStatement(parseSql('INSERT INTO t (id, n) VALUES (?, ?) ON CONFLICT(id) DO NOTHING').parsed[0].ast!);
    expect(upsert.insert).toMatchObject({ columns: ['id', 'n'], conflict: 'nothing' });
  });

  it('falls back to MySQL for COLLATE after a parameter', () => {
    expect(dialectOf('SELECT * FROM users WHERE email = ? COLLATE NOCASE')).toBe('mysql');
  });

  it('repairs REFERENCES without a column list (the referenced primary key)', () => {
    const ast = parseSql('CREATE TABLE c (id INTEGER PRIMARY KEY, p INTEGER REFERENCES parents ON DELETE CASCADE)').parsed[0].ast!;
    expect(summariseStatement(ast).schema?.columns[1].references).toEqual({ table: 'parents', onDelete: 'CASCADE' });
  });

  it('does not parse control statements and reports syntax errors per statement', () => {
    const result = parseSql('BEGIN; PRAGMA journal_mode = WAL; SELECT 1 FROM t; SELECT FROM WHERE; COMMIT');
    expect(result.parsed.map((p) => [p.keyword, p.control, Boolean(p.ast), Boolean(p.error)])).toEqual([
      ['BEGIN', true, false, false],
      ['PRAGMA', true, false, false],
      ['SELECT', false, true, false],
      ['SELECT', false, false, true],
      ['COMMIT', true, false, false],
    ]);
  });
});

describe('summariseStatement', () => {
  const summary = (sql: string) => summariseStatement(parseSql(sql).parsed[0].ast!);

  it('resolves aliases, join keys, ORDER BY directions and LIMIT offset, count', () => {
    const s = summary('SELECT p.*, a.name AS author FROM posts p LEFT JOIN authors a ON a.id = p.author_id WHERE p.id = ? ORDER BY p.created_at DESC, a.name LIMIT 5, 10');
    expect(s.tables).toEqual(['posts', 'authors']);
    expect(s.joins).toEqual([{ table: 'authors', alias: 'a', type: 'LEFT JOIN', keys: [[{ qualifier: 'a', table: 'authors', column: 'id' }, { qualifier: 'p', table: 'posts', column: 'author_id' }]] }]);
    expect(s.orderBy.map((o) => `${o.column.table}.${o.column.column} ${o.order}`)).toEqual(['posts.created_at desc', 'authors.name asc']);
    expect(s.offset).toEqual({ kind: 'literal', value: 5 });
    expect(s.limit).toEqual({ kind: 'literal', value: 10 });
    expect(s.selectColumns).toEqual([{ star: 'p' }, { column: { qualifier: 'a', table: 'authors', column: 'name' }, alias: 'author' }]);
  });

  it('marks COALESCE(?, col) and IFNULL(?, col) updates as partial', () => {
    const s = summary('UPDATE t SET a = COALESCE(?, a), b = IFNULL(?, b), c = ?, d = COALESCE(?, other) WHERE id = ?');
    expect(s.set.map((x) => [x.column, x.partial])).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
      ['d', false],
    ]);
  });

  it('flips comparisons written value-first and recognises now in SQL', () => {
    const s = summary("SELECT * FROM s WHERE ? = id AND datetime('now') < expires_at");
    expect(s.where.map((c) => [c.column.column, c.operator, c.value.kind])).toEqual([
      ['id', '=', 'param'],
      ['expires_at', '>', 'now'],
    ]);
  });
});
