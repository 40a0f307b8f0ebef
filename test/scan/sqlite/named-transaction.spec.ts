/**
 * plan.md's note on a better-sqlite3 transaction (scan info sql-transaction) is there for every
 * form apply unwraps: a function handed over by name (`db.transaction(addBooks)`) and SQL run in a
 * function the transaction's function calls, not only SQL written inside an inline function.
 * Those writes run one after another after apply, so the note says "not atomically".
 */
import { scanSqlite } from './scanSqlite';

const APP = `const Database = require('better-sqlite3');

const db = new Database('library.db');
db.exec('CREATE TABLE IF NOT EXISTS books (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL)');

function addBook(title) {
  const info = db.prepare('INSERT INTO books (title) VALUES (?)').run(title);
  return info.lastInsertRowid;
}

function addBooks(titles) {
  const ids = [];
  for (const title of titles) ids.push(addBook(title));
  return ids;
}

const importBooks = db.transaction(addBooks);

const addPair = db.transaction((first, second) => {
  addBook(first);
  addBook(second);
});

module.exports = { importBooks, addPair };
`;

describe('sql-transaction note for transactions whose SQL is outside their own function', () => {
  it('is given for db.transaction(namedFn) and for an inline function calling the SQL, saying not atomically', () => {
    const scan = scanSqlite({ 'package.json': JSON.stringify({ dependencies: { 'better-sqlite3': '^12.0.0' } }), 'books.js': APP });
    const notes = scan.ctx.diagnosticsList.filter((diagnostic) => diagnostic.code === 'sql-transaction');
    expect(notes.map((note) => `${note.file}:${note.line}`).sort()).toEqual(['books.js:17', 'books.js:19']);
    for (const note of notes) expect(note.message).toContain('not atomically');
    expect(notes[0].message).toContain('writes books all or nothing');
  });

  it('stays away from a function no transaction runs', () => {
    const scan = scanSqlite({ 'package.json': JSON.stringify({ dependencies: { 'better-sqlite3': '^12.0.0' } }), 'books.js': APP.replace(/const importBooks[\s\S]*$/, 'module.exports = { addBooks };\n') });
    expect(scan.ctx.diagnosticsList.filter((diagnostic) => diagnostic.code === 'sql-transaction')).toEqual([]);
  });
});
