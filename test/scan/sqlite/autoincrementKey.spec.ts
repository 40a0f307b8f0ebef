import { mergeEntityEvidence } from '../../../src/scan/mergeEntityEvidence';
import { scanSqlite } from './scanSqlite';

/** The entity the whole scan reports, from the SQLite family's evidence alone. */
function entityOf(files: Record<string, string>, name: string) {
  const scan = scanSqlite(files);
  return mergeEntityEvidence(scan.evidence, [], []).find((e) => e.name === name);
}

describe('key of a table whose ids SQLite assigns, when no schema was read', () => {
  it('is a number when the app reads this.lastID (sqlite3), the table being created elsewhere', () => {
    const entity = entityOf(
      {
        'db.js': `
const sqlite3 = require('sqlite3');
const db = new sqlite3.Database('app.db');
exports.create = (req, res) => {
  db.run('INSERT INTO gadgets (label, weight) VALUES (?, ?)', [req.body.label, req.body.weight], function (err) {
    if (err) return res.status(500).end();
    res.status(201).json({ id: this.lastID });
  });
};
exports.read = (req, res) => db.get('SELECT * FROM gadgets WHERE id = ?', [req.params.id], (err, row) => res.json(row));
`,
      },
      'Gadget',
    );
    expect(entity).toMatchObject({ key: { name: 'id', type: 'number' }, idStrategy: 'autoincrement' });
  });

  it('is a number when the app reads lastInsertRowid (better-sqlite3) and the CREATE TABLE is unreadable', () => {
    const entity = entityOf(
      {
        'db.js': `
const Database = require('better-sqlite3');
const db = new Database('app.db');
db.exec('CREATE TABLE gadgets (id INTEGER PRIMARY KEY, label TEXT CHECK)');
exports.create = (label) => db.prepare('INSERT INTO gadgets (label) VALUES (?)').run(label).lastInsertRowid;
exports.read = (id) => db.prepare('SELECT * FROM gadgets WHERE id = ?').get(id);
`,
      },
      'Gadget',
    );
    expect(entity).toMatchObject({ key: { name: 'id', type: 'number' }, idStrategy: 'autoincrement' });
  });

  it('stays a string when the app makes the ids itself', () => {
    const entity = entityOf(
      {
        'db.js': `
const Database = require('better-sqlite3');
const { randomUUID } = require('crypto');
const db = new Database('app.db');
exports.create = (label) => db.prepare('INSERT INTO gadgets (id, label) VALUES (?, ?)').run(randomUUID(), label);
exports.read = (id) => db.prepare('SELECT * FROM gadgets WHERE id = ?').get(id);
`,
      },
      'Gadget',
    );
    expect(entity).toMatchObject({ key: { name: 'id', type: 'string' }, idStrategy: 'uuid' });
  });
});
