const sqlite3 = require('sqlite3')
const db = new sqlite3.Database('notes.sqlite')

// Code after the call runs before the callback: inlining would change the order.
function logNote(id, done) {
  // dynamodb-codemod: TODO code after this call runs before its callback: move it into the callback (or make this the last statement), then re-run
  db.get('SELECT * FROM notes WHERE id = ?', [id], (err, row) => {
    done(err, row)
  })
  console.log('asked for', id)
}

// The error is passed on, not handled in a leading `if (err)`.
function readNote(id, done) {
  // dynamodb-codemod: TODO err is used outside a leading `if (err)`: rewrite this callback by hand, then re-run
  db.get('SELECT * FROM notes WHERE id = ?', [id], (err, row) => {
    done(err, row)
  })
}

// The wrapper resolves a count, not the rows.
function countNotes() {
  return new Promise((resolve, reject) => {
    // dynamodb-codemod: TODO this promise wrapper resolves something else than the rows: rewrite it with the shared client, then re-run
    db.all('SELECT * FROM notes', [], (err, rows) => {
      if (err) reject(err)
      else resolve(rows.length)
    })
  })
}

// dynamodb-codemod: TODO each(): read the rows with the shared client (scanAll/queryAll) and loop over them, then re-run
db.each('SELECT * FROM notes', (err, row) => console.log(row.title))

module.exports = { logNote, readNote, countNotes }
