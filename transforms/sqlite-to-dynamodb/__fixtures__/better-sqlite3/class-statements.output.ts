import Database from 'better-sqlite3';

import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { db as dynamoDb, NOTES_TABLE_NAME } from './dynamodb';

function noteRow(item: Record<string, any> | undefined): any {
  // a Note item as the SQLite row this code expects: every column (null when absent)
  return item && {
    id: item.id,
    title: item.title,
  };
}

export class NoteRepository {
  constructor(private readonly db: Database.Database) {}

  async findById(id: number): Promise<unknown> {
    return noteRow(
      (await dynamoDb.send(new GetCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(id) }, ConsistentRead: true }))).Item
    );
  }

  async remove(id: number): Promise<boolean> {
    const info = await dynamoDb.send(new DeleteCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(id) }, ReturnValues: 'ALL_OLD' }));
    return !!info.Attributes;
  }
}

export const notes = new NoteRepository(new Database('notes.db'));
