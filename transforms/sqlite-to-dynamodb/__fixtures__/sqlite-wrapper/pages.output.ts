import sqlite3 from 'sqlite3';
import { open, type Database } from 'sqlite';

import { scanAll, queryAll, countAll, INVOICES_TABLE_NAME } from './dynamodb';

function invoiceRow(item: Record<string, any> | undefined): any {
  // an Invoice item as the SQLite row this code expects: every column (null when absent)
  return item && {
    id: item.id,
    state: item.state,
    amount: item.amount,
    issued_at: item.issued_at,
  };
}

const ready: Promise<Database> = open({ filename: 'shop.sqlite', driver: sqlite3.Database }).then(async (db) => {
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
  const rows = where === 'WHERE state = ?' ? sqlPage((await queryAll({
    TableName: INVOICES_TABLE_NAME,
    IndexName: 'state-index',
    KeyConditionExpression: '#attr = :value',
    ExpressionAttributeNames: { '#attr': 'state' },
    ExpressionAttributeValues: { ':value': filterParams[0] },
  })).map(invoiceRow).sort((a, b) => (direction === 'DESC' ? sqlOrder(b[sortColumn], a[sortColumn]) : sqlOrder(a[sortColumn], b[sortColumn])) || sqlOrder(a.id, b.id)), pageSize, (page - 1) * pageSize).map(
    (row3) => ({ id: row3.id, state: row3.state, amount: row3.amount, issuedAt: row3.issued_at })
  ) : sqlPage((await scanAll({ TableName: INVOICES_TABLE_NAME })).map(invoiceRow).sort((a, b) => (direction === 'DESC' ? sqlOrder(b[sortColumn], a[sortColumn]) : sqlOrder(a[sortColumn], b[sortColumn])) || sqlOrder(a.id, b.id)), pageSize, (page - 1) * pageSize).map(
    (row4) => ({ id: row4.id, state: row4.state, amount: row4.amount, issuedAt: row4.issued_at })
  );
  const count = where === 'WHERE state = ?' ? {
    total: await countAll({
      TableName: INVOICES_TABLE_NAME,
      IndexName: 'state-index',
      KeyConditionExpression: '#key = :key',
      ExpressionAttributeNames: { '#key': 'state' },
      ExpressionAttributeValues: { ':key': filterParams[0] },
    })
  } : {
    total: await countAll({
      TableName: INVOICES_TABLE_NAME,
    })
  };
  return { rows, total: count?.total ?? 0 };
}

export async function countByState(state: string): Promise<number> {
  const db = await ready;
  const row = {
    n: await countAll({
      TableName: INVOICES_TABLE_NAME,
      IndexName: 'state-index',
      KeyConditionExpression: '#key = :key',
      FilterExpression: '#f0 = :f0',
      ExpressionAttributeNames: { '#key': 'state', '#f0': 'amount' },
      ExpressionAttributeValues: { ':key': state, ':f0': 0 },
    })
  };
  return row.n;
}

export async function firstThree() {
  const db = await ready;
  return sqlPage(
    (await scanAll({ TableName: INVOICES_TABLE_NAME })).map(invoiceRow).sort((a, b) => sqlOrder(b.amount, a.amount) || sqlOrder(a.id, b.id)),
    3
  );
}

function sqlOrder(a: any, b: any): number {
  // ORDER BY of one column as SQLite sorts: NULL first, then by value (DynamoDB returns rows unsorted)
  if (a === b) return 0;
  if (a == null) return -1;
  if (b == null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function sqlPage<T>(rows: T[], limit: unknown, offset: unknown = 0): T[] {
  // LIMIT/OFFSET as SQLite applies them, over every matching item read (DynamoDB has no OFFSET:
  // each page reads all of them; cursor pagination with LastEvaluatedKey is the cheaper API)
  const start = Math.max(0, Number(offset) || 0);
  return Number(limit) < 0 ? rows.slice(start) : rows.slice(start, start + Number(limit));
}
