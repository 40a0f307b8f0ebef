import sqlite3 from 'sqlite3';
import { open, type Database } from 'sqlite';
import {
  nextId,
  isConditionFailed,
  putUnique,
  COUNTERS_TABLE_NAME,
  MEMBERS_TABLE_NAME,
} from './dynamodb';

const ready: Promise<Database> = open({ filename: 'members.sqlite', driver: sqlite3.Database }).then(async (db) => {
  return db;
});

export async function join(name: string, email: string): Promise<{ status: number; id?: number }> {
  const db = await ready;
  const memberId = await nextId(COUNTERS_TABLE_NAME, { counter: 'Member' });
  try {
    await putUnique({ TableName: MEMBERS_TABLE_NAME, Item: {
      id: memberId,
      name: name,
      email: email
    } });
  } catch (error) {
    if (isConditionFailed(error)) {
      // the app's own answer for a taken email
      return { status: 409 };
    }
    throw error;
  }
  return { status: 201, id: memberId };
}
