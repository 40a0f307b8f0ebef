const Database = require('better-sqlite3');

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

// A function declared elsewhere, handed over by name.
const importBooks = db.transaction(addBooks);

// An inline function whose SQL runs in the functions it calls.
const addPair = db.transaction((first, second) => {
  addBook(first);
  addBook(second);
});

module.exports = { importBooks, addPair };
