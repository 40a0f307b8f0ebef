import Database from 'better-sqlite3';
import express from 'express';

import { PutCommand } from '@aws-sdk/lib-dynamodb';

import {
  db as dynamoDb,
  scanAll,
  countAll,
  nextId,
  BOOKS_TABLE_NAME,
  COUNTERS_TABLE_NAME,
} from './dynamodb';

function bookRow(item: Record<string, any> | undefined): any {
  // a Book item as the SQLite row this code expects: every column (null when absent)
  return item && {
    id: item.id,
    title: item.title,
    pages: item.pages,
  };
}

export function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  seedBooks();
  return db;
}

// An empty catalogue gets two books; the rows come through a transaction over a literal list.
function seedBooks(): void {}

// Not a seed: the rows come from the caller, so the function stays.
export async function importBooks(db: Database.Database, list: Array<{ title: string; pages: number }>): Promise<void> {
  const { total } = {
    total: await countAll({
      TableName: BOOKS_TABLE_NAME,
    })
  } as { total: number };
  if (total > 0) return;
  for (const book of list) await dynamoDb.send(new PutCommand({ TableName: BOOKS_TABLE_NAME, Item: {
    id: await nextId(COUNTERS_TABLE_NAME, { counter: 'Book' }),
    title: book.title,
    pages: book.pages
  } }));
}

// Not removed either: the function answers how many rows it wrote.
export async function seedOneBook(db: Database.Database): Promise<number | undefined> {
  const { total } = {
    total: await countAll({
      TableName: BOOKS_TABLE_NAME,
    })
  } as { total: number };
  if (total > 0) return;
  await dynamoDb.send(new PutCommand({ TableName: BOOKS_TABLE_NAME, Item: {
    id: await nextId(COUNTERS_TABLE_NAME, { counter: 'Book' }),
    title: 'Ulysses',
    pages: 730
  } }));
  return 1;
}

export function booksRouter(db: Database.Database) {
  const router = express.Router();
  router.get('/', async (_req, res, next) => {
    try {
      res.json((await scanAll({ TableName: BOOKS_TABLE_NAME })).map(bookRow).sort((a, b) => sqlOrder(a.id, b.id)));
    } catch (err) {
      next(err);
    }
  });
  return router;
}

function sqlOrder(a: any, b: any): number {
  // ORDER BY of one column as SQLite sorts: NULL first, then by value (DynamoDB returns rows unsorted)
  if (a === b) return 0;
  if (a == null) return -1;
  if (b == null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
