const Database = require('better-sqlite3');
const db = new Database('data.db');
db.exec('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, body TEXT)');

// Each handler prepares its own `statement`; each goes with its run (the second one tests `.changes` in place).
function deleteNote(id) {
  const statement = db.prepare('DELETE FROM notes WHERE id = ?');
  const info = statement.run(id);
  return info.changes > 0;
}

function patchNote(id, fields) {
  const setClause = Object.keys(fields).map((key) => `${key === 'title' ? 'title' : 'body'} = @${key}`).join(', ');
  const statement = db.prepare(`UPDATE notes SET ${setClause} WHERE id = @id`);
  return statement.run({ ...fields, id }).changes > 0;
}

module.exports = { deleteNote, patchNote };
