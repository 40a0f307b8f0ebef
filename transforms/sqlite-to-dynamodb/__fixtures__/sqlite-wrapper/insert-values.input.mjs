import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const db = await open({ filename: 'tickets.db', driver: sqlite3.Database });
await db.exec('CREATE TABLE IF NOT EXISTS tickets (id TEXT PRIMARY KEY, title TEXT NOT NULL, priority INTEGER NOT NULL DEFAULT 3, owner TEXT)');

const app = express();
app.use(express.json());

app.post('/tickets', async (req, res) => {
  await db.run("INSERT INTO tickets (id, title, priority, owner) VALUES (?, ?, COALESCE(?, 3), IFNULL(?, 'nobody'))", req.body.id, req.body.title, req.body.priority ?? null, req.body.owner ?? null);
  res.status(201).end();
});

app.post('/tickets/import', async (req, res) => {
  // rows arrive as [id, title, priority, owner] arrays
  for (const values of req.body.rows) {
    await db.run('INSERT INTO tickets (id, title, priority, owner) VALUES (?, ?, ?, ?)', values);
  }
  res.status(201).end();
});

app.listen(3000);
