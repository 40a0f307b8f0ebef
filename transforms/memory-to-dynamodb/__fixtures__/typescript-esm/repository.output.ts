import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, queryAll, EVENTS_TABLE_NAME } from './dynamodb';

export interface Event {
  id: string;
  venueId: string;
  name: string;
}

export async function listEventsAtVenue(venueId: string): Promise<Event[]> {
  return await queryAll<Event>({
    TableName: EVENTS_TABLE_NAME,
    IndexName: 'venueId-index',
    KeyConditionExpression: '#attr = :value',
    ExpressionAttributeNames: { '#attr': 'venueId' },
    ExpressionAttributeValues: { ':value': venueId },
  });
}

export async function getEvent(id: string): Promise<Event | undefined> {
  return (await db.send(new GetCommand({ TableName: EVENTS_TABLE_NAME, Key: { id: id }, ConsistentRead: true }))).Item as Event | undefined;
}

export async function addEvent(input: Omit<Event, 'id'>): Promise<Event> {
  const event: Event = { id: randomUUID(), ...input };
  await db.send(new PutCommand({ TableName: EVENTS_TABLE_NAME, Item: event }));
  return event;
}
