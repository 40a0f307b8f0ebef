const express = require('express');
const Database = require('better-sqlite3');

const db = new Database('accounts.db');
db.exec('CREATE TABLE IF NOT EXISTS accounts (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL)');

const app = express();
app.use(express.json());

app.get('/accounts/:id', (req, res) => {
  const account = db.prepare('SELECT * FROM accounts WHERE id = ?').get(req.params.id);
  if (!account) return res.status(404).json({ error: 'not found' });
  res.json(account);
});

app.post('/accounts', (req, res) => {
  db.prepare('INSERT INTO accounts (email, name) VALUES (?, ?)').run(req.body.email, req.body.name);
  res.status(201).end();
});

app.put('/accounts/:id', (req, res) => {
  try {
    const info = db.prepare('UPDATE accounts SET email = ?, name = ? WHERE id = ?').run(req.body.email, req.body.name, req.params.id);
    if (info.changes === 0) return res.status(404).json({ error: 'not found' });
    res.json({ id: Number(req.params.id), email: req.body.email, name: req.body.name });
  } catch (err) {
    if (err instanceof Database.SqliteError && err.code === 'SQLITE_CONSTRAINT_UNIQUE') return res.status(409).json({ error: 'email taken' });
    throw err;
  }
});

app.patch('/accounts/:id/email', (req, res) => {
  try {
    db.prepare('UPDATE accounts SET email = ? WHERE id = ?').run(req.body.email, req.params.id);
    res.status(204).end();
  } catch (err) {
    if (err.code === 'SQLITE_CONSTRAINT' && /UNIQUE/.test(err.message)) return res.status(409).json({ error: 'email taken' });
    if (err.code === 'SQLITE_BUSY') return res.status(503).end();
    throw err;
  }
});

app.delete('/accounts/:id', (req, res) => {
  const info = db.prepare('DELETE FROM accounts WHERE id = ?').run(req.params.id);
  res.status(info.changes ? 204 : 404).end();
});

app.listen(3000);
