import { scanSqlite } from './scanSqlite';

const SCHEMA = 'CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT, author TEXT, year INTEGER, isbn TEXT);';

/** filter-by-attr operations of q.js, one statement per line, as `line attributes match`. */
function filters(...statements: string[]): string[] {
  const scan = scanSqlite({
    'db.js': `const Database = require('better-sqlite3');\nconst db = new Database('app.db');\ndb.exec(\`${SCHEMA}\`);\nmodule.exports = db;\n`,
    'q.js': `const db = require('./db');\n${statements.join('\n')}\n`,
  });
  return scan.operations
    .filter((op) => op.op === 'filter-by-attr')
    .map((op) => `${op.line} ${op.attributes!.join(',')} ${op.match ?? 'equals'}`)
    .sort();
}

describe('SQLite: how a WHERE compares (match)', () => {
  it("= is equals; LIKE '%…%', LIKE with a pattern built in the code contain; LIKE 'x%' and ? || '%' are a prefix; < >= BETWEEN are a range", () => {
    expect(
      filters(
        "db.prepare('SELECT * FROM books WHERE author = ?').all('a');",
        "db.prepare(\"SELECT * FROM books WHERE title LIKE '%' || ? || '%'\").all('a');",
        "function search(q) { return db.prepare('SELECT * FROM books WHERE title LIKE ?').all('%' + q + '%'); }",
        "db.prepare(\"SELECT * FROM books WHERE title LIKE 'The%'\").all();",
        "db.prepare(\"SELECT * FROM books WHERE isbn LIKE ? || '%'\").all('978');",
        "db.prepare('SELECT * FROM books WHERE year >= ?').all(2000);",
        "db.prepare('SELECT * FROM books WHERE year BETWEEN ? AND ?').all(1990, 2000);",
        "db.prepare('SELECT * FROM books WHERE author = ? AND title LIKE ?').all('a', '%b%');",
      ),
    ).toEqual([
      '2 author equals',
      '3 title contains',
      '4 title contains',
      '5 title prefix',
      '6 isbn prefix',
      '7 year range',
      '8 year range',
      '9 author equals',
      '9 title contains',
    ]);
  });
});
