import Database from 'better-sqlite3';
import express from 'express';

export function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.exec('CREATE TABLE IF NOT EXISTS books (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, pages INTEGER NOT NULL)');
  seedBooks(db);
  return db;
}

// An empty catalogue gets two books; the rows come through a transaction over a literal list.
function seedBooks(db: Database.Database): void {
  const { total } = db.prepare('SELECT COUNT(*) AS total FROM books').get() as { total: number };
  if (total > 0) return;

  const insert = db.prepare('INSERT INTO books (title, pages) VALUES (@title, @pages)');
  const insertAll = db.transaction((rows: Array<{ title: string; pages: number }>) => {
    for (const row of rows) insert.run(row);
  });
  insertAll([
    { title: 'Dune', pages: 412 },
    { title: 'Emma', pages: 474 },
  ]);
}

// Not a seed: the rows come from the caller, so the function stays.
export function importBooks(db: Database.Database, list: Array<{ title: string; pages: number }>): void {
  const { total } = db.prepare('SELECT COUNT(*) AS total FROM books').get() as { total: number };
  if (total > 0) return;
  const insert = db.prepare('INSERT INTO books (title, pages) VALUES (@title, @pages)');
  for (const book of list) insert.run({ title: book.title, pages: book.pages });
}

// Not removed either: the function answers how many rows it wrote.
export function seedOneBook(db: Database.Database): number | undefined {
  const { total } = db.prepare('SELECT COUNT(*) AS total FROM books').get() as { total: number };
  if (total > 0) return;
  db.prepare('INSERT INTO books (title, pages) VALUES (?, ?)').run('Ulysses', 730);
  return 1;
}

export function booksRouter(db: Database.Database) {
  const router = express.Router();
  router.get('/', (_req, res) => {
    res.json(db.prepare('SELECT * FROM books ORDER BY id').all());
  });
  return router;
}
