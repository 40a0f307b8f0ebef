const sqlite3 = require('sqlite3')
const db = new sqlite3.Database('notes.sqlite')
db.exec('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL)')

// Code after the call runs before the callback: inlining would change the order.
function logNote(id, done) {
  db.get('SELECT * FROM notes WHERE id = ?', [id], (err, row) => {
    done(err, row)
  })
  console.log('asked for', id)
}

// The error is passed on, not handled in a leading `if (err)`.
function readNote(id, done) {
  db.get('SELECT * FROM notes WHERE id = ?', [id], (err, row) => {
    done(err, row)
  })
}

// The wrapper resolves a count, not the rows.
function countNotes() {
  return new Promise((resolve, reject) => {
    db.all('SELECT * FROM notes', [], (err, rows) => {
      if (err) reject(err)
      else resolve(rows.length)
    })
  })
}

db.each('SELECT * FROM notes', (err, row) => console.log(row.title))

module.exports = { logNote, readNote, countNotes }
