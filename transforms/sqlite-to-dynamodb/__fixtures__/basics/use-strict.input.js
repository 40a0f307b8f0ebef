"use strict";

const Database = require("better-sqlite3");

const db = new Database("notes.db");
db.exec("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL)");

// A file opening with a directive keeps it as written (one semicolon, its blank line).
function getNote(id) {
    return db.prepare("SELECT * FROM notes WHERE id = ?").get(id);
}

module.exports = { getNote };
