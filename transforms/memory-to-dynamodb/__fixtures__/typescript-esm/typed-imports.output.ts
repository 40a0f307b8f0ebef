import type { Event } from './models';

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, EVENTS_TABLE_NAME } from './dynamodb';

export async function getEvent(id: string): Promise<Event | undefined> {
  return (await db.send(new GetCommand({ TableName: EVENTS_TABLE_NAME, Key: { id: id }, ConsistentRead: true }))).Item as Event | undefined;
}
