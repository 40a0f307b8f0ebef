import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const db = await open({ filename: 'projects.db', driver: sqlite3.Database });
await db.exec('CREATE TABLE IF NOT EXISTS projects (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL)');

const app = express();
app.use(express.json());

app.post('/projects', async (req, res) => {
  const { lastID } = await db.run('INSERT INTO projects (name) VALUES (?)', req.body.name);
  res.status(201).json({ id: lastID, name: req.body.name });
});

app.patch('/projects/:id', async (req, res) => {
  const { changes } = await db.run('UPDATE projects SET name = ? WHERE id = ?', req.body.name, req.params.id);
  if (!changes) return res.status(404).json({ message: 'not found' });
  res.json({ id: Number(req.params.id), name: req.body.name });
});

app.delete('/projects/:id', async (req, res) => {
  const { changes: removed } = await db.run('DELETE FROM projects WHERE id = ?', req.params.id);
  if (removed === 0) return res.status(404).json({ message: 'not found' });
  res.status(204).end();
});

app.listen(3000);
