import sqlite3 from 'sqlite3';
import { open, type Database } from 'sqlite';

const ready: Promise<Database> = open({ filename: 'shop.sqlite', driver: sqlite3.Database }).then(async (db) => {
  await db.exec(`CREATE TABLE IF NOT EXISTS invoices (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    state       TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    issued_at   TEXT NOT NULL
  )`);
  return db;
});

// only these columns may be interpolated into ORDER BY
const SORTABLE: Record<string, string> = { issued: 'issued_at', amount: 'amount' };

export async function listInvoices(page: number, pageSize: number, sort: string, order: string, state?: string) {
  const db = await ready;
  const sortColumn = SORTABLE[sort];
  const direction = order === 'asc' ? 'ASC' : 'DESC';
  const where = state ? 'WHERE state = ?' : '';
  const filterParams = state ? [state] : [];
  const rows = await db.all(
    `SELECT id, state, amount, issued_at AS issuedAt FROM invoices ${where} ORDER BY ${sortColumn} ${direction} LIMIT ? OFFSET ?`,
    ...filterParams,
    pageSize,
    (page - 1) * pageSize,
  );
  const count = await db.get<{ total: number }>(`SELECT COUNT(*) AS total FROM invoices ${where}`, ...filterParams);
  return { rows, total: count?.total ?? 0 };
}

export async function countByState(state: string): Promise<number> {
  const db = await ready;
  const row = await db.get('SELECT COUNT(*) AS n FROM invoices WHERE state = :state AND amount = :amount', { ':state': state, ':amount': 0 });
  return row.n;
}

export async function firstThree() {
  const db = await ready;
  return db.all('SELECT * FROM invoices ORDER BY amount DESC LIMIT 3');
}
