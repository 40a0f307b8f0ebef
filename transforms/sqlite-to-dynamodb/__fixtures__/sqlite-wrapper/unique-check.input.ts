import sqlite3 from 'sqlite3';
import { open, type Database } from 'sqlite';

const ready: Promise<Database> = open({ filename: 'members.sqlite', driver: sqlite3.Database }).then(async (db) => {
  await db.exec(`CREATE TABLE IF NOT EXISTS members (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    name   TEXT NOT NULL,
    email  TEXT NOT NULL UNIQUE
  )`);
  return db;
});

export async function join(name: string, email: string): Promise<{ status: number; id?: number }> {
  const db = await ready;
  const existing = await db.get('SELECT id FROM members WHERE email = ?', email);
  if (existing) {
    // the app's own answer for a taken email
    return { status: 409 };
  }
  const result = await db.run('INSERT INTO members (name, email) VALUES (?, ?)', name, email);
  return { status: 201, id: result.lastID };
}
