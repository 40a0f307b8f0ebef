import sqlite3 from 'sqlite3';
import { open, type Database } from 'sqlite';

interface Order {
  id: number;
  customerId: number;
  status: string;
  createdAt: string;
}

const ready: Promise<Database> = open({ filename: 'orders.sqlite', driver: sqlite3.Database }).then(async (db) => {
  await db.exec(`CREATE TABLE IF NOT EXISTS orders (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending',
    note        TEXT,
    created_at  TEXT NOT NULL
  )`);
  return db;
});

export async function getOrder(id: number): Promise<Order | undefined> {
  const db = await ready;
  return db.get<Order>('SELECT id, customer_id AS customerId, status, created_at AS createdAt FROM orders WHERE id = ?', id);
}

export async function ordersOf(customerId: number): Promise<Order[]> {
  const db = await ready;
  return db.all<Order[]>('SELECT id, customer_id AS customerId, status, created_at AS createdAt FROM orders WHERE customer_id = ? ORDER BY created_at DESC', customerId);
}

export async function placeOrder(customerId: number, note?: string): Promise<number> {
  const db = await ready;
  const result = await db.run(
    'INSERT INTO orders (customer_id, note, created_at) VALUES ($customerId, $note, $createdAt)',
    { $customerId: customerId, $note: note ?? null, $createdAt: new Date().toISOString() },
  );
  return result.lastID!;
}

export async function setStatus(id: number, status: string): Promise<boolean> {
  const db = await ready;
  const result = await db.run('UPDATE orders SET status = ? WHERE id = ?', status, id);
  return result.changes !== 0;
}

export async function cancelOrder(id: number): Promise<boolean> {
  const db = await ready;
  const { changes } = await db.run('DELETE FROM orders WHERE id = ?', id);
  return changes === 1;
}
