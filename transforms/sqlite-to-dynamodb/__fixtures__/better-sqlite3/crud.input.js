const Database = require('better-sqlite3');
const db = new Database('data.db');
db.exec('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, owner_id TEXT)');
const getNote = db.prepare('SELECT * FROM notes WHERE id = ?');

function findNote(id) {
  return getNote.get(id);
}

function listNotes() {
  return db.prepare('SELECT * FROM notes').all();
}

function notesOf(ownerId) {
  return db.prepare('SELECT * FROM notes WHERE owner_id = ?').all(ownerId);
}

function createNote(title, ownerId) {
  const info = db.prepare('INSERT INTO notes (title, owner_id) VALUES (?, ?)').run(title, ownerId);
  return { id: info.lastInsertRowid, title, ownerId };
}

function updateNote(id, title) {
  db.prepare('UPDATE notes SET title = COALESCE(?, title) WHERE id = ?').run(title, id);
}

function deleteNote(id) {
  const info = db.prepare('DELETE FROM notes WHERE id = ?').run(id);
  if (info.changes === 0) return false;
  return true;
}

module.exports = { findNote, listNotes, notesOf, createNote, updateNote, deleteNote };
