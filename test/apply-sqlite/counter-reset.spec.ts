/**
 * SQLite's id reset (sqlite_sequence) follows the design's id strategy: counted ids reset the
 * counter item (the transform case sqlite3/delete-many shows it), uuid ids have nothing to reset and
 * the statement goes with a one-line comment; a reset the code reads the result of, or whose
 * callback does more than log its error, stays a TODO with its callback kept as written.
 */
import type { TableDesign } from '../../src/model/table-design';
import transform from '../../transforms/sqlite-to-dynamodb/index';
import { runTransformOn } from './runTransformFixtures';

const APP = `const express = require('express')
const sqlite3 = require('sqlite3').verbose()

const db = new sqlite3.Database('notes.sqlite')
db.run('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL)')

const app = express()
app.post('/notes', (req, res) => {
  db.run('INSERT INTO notes (text) VALUES (?)', [req.body.text], function (err) {
    if (err) return res.status(500).end()
    res.status(201).json({ id: this.lastID })
  })
})
app.delete('/notes', (req, res) => {
  db.run('DELETE FROM notes', function (err) {
    if (err) return res.status(500).end()
    // start the ids again
    db.run("DELETE FROM sqlite_sequence WHERE name = 'notes'", (err) => {
      if (err) console.error(err)
    })
    res.status(204).end()
  })
})
app.delete('/notes/ids', (req, res) => {
  db.run('UPDATE sqlite_sequence SET seq = 0 WHERE name = ?', ['notes'], function (err) {
    if (err) return res.status(500).end()
    res.json({ reset: this.changes })
  })
})
app.listen(3000)
`;

/** The planned design with uuid ids for Note (as `plan` gives when the user chooses them). */
function withUuidIds(design: TableDesign): TableDesign {
  const note = design.entities.Note!;
  const { counter: _counter, ...rest } = note;
  return { ...design, tables: design.tables.filter((table) => table.purpose !== 'counters'), entities: { ...design.entities, Note: { ...rest, idStrategy: 'uuid' } } };
}

describe('sqlite_sequence reset', () => {
  it('counted ids: the counter item is deleted (granted in the plan)', async () => {
    const run = await runTransformOn(transform, APP, 'js');
    expect(run.text).toContain("  // start the ids again\n  try {\n    await dynamoDb.send(new DeleteCommand({ TableName: COUNTERS_TABLE_NAME, Key: { counter: 'Note' } }))\n  } catch (err) {\n    console.error(err)\n  }\n\n  res.status(204).end()");
    const grants = Object.fromEntries(run.design.handlers.map((handler) => [handler.id, handler.grants]));
    expect(grants['DELETE /notes']).toEqual([{ table: 'Counters', actions: ['DeleteItem'] }, { table: 'Notes', actions: ['Scan', 'BatchWriteItem'] }]);
    // the run() info of a reset has no counterpart: a TODO, and the callback stays as written
    expect(run.todos.map((todo) => todo.message)).toEqual(['the run() info of an id reset has no DynamoDB counterpart: stop reading it, then re-run']);
    expect(run.text).toContain("app.delete('/notes/ids', (req, res) => {\n  // dynamodb-codemod: TODO the run() info of an id reset");
    expect(run.text).toContain("db.run('UPDATE sqlite_sequence SET seq = 0 WHERE name = ?', ['notes'], function (err) {\n    if (err) return res.status(500).end()\n    res.json({ reset: this.changes })\n  })");
  });

  it('uuid ids: the reset goes with a one-line comment, and nothing is sent for it', async () => {
    const planned = (await runTransformOn(transform, APP, 'js')).design;
    const design = withUuidIds(planned);
    expect(design.entities.Note!.counter).toBeUndefined();
    const run = await runTransformOn(transform, APP, 'js', design);
    expect(run.text).not.toContain('sqlite_sequence WHERE');
    expect(run.text).not.toMatch(/DeleteCommand|COUNTERS_TABLE_NAME/);
    expect(run.text).toContain("  // start the ids again\n  // dynamodb-codemod: Note ids are uuids, not counted: SQLite's id reset (sqlite_sequence) has nothing to reset\n  res.status(204).end()");
  });
});
