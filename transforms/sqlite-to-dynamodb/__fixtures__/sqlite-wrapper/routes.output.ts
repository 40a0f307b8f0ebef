import sqlite3 from 'sqlite3';
import { open, type Database } from 'sqlite';

import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

import {
  db as dynamoDb,
  queryAll,
  nextId,
  updateParams,
  isConditionFailed,
  COUNTERS_TABLE_NAME,
  ORDERS_TABLE_NAME,
} from './dynamodb';

function orderRow(item: Record<string, any> | undefined): any {
  // an Order item as the SQLite row this code expects: every column (null when absent)
  return item && {
    id: item.id,
    customer_id: item.customer_id,
    status: item.status,
    note: item.note ?? null,
    created_at: item.created_at,
  };
}

interface Order {
  id: number;
  customerId: number;
  status: string;
  createdAt: string;
}

const ready: Promise<Database> = open({ filename: 'orders.sqlite', driver: sqlite3.Database }).then(async (db) => {
  return db;
});

export async function getOrder(id: number): Promise<Order | undefined> {
  const db = await ready;
  return ([(await dynamoDb.send(new GetCommand({ TableName: ORDERS_TABLE_NAME, Key: { id: Number(id) }, ConsistentRead: true }))).Item].filter(Boolean).map(orderRow).map(
    (row2) => ({ id: row2.id, customerId: row2.customer_id, status: row2.status, createdAt: row2.created_at })
  ))[0];
}

export async function ordersOf(customerId: number): Promise<Order[]> {
  const db = await ready;
  return (await queryAll({
    TableName: ORDERS_TABLE_NAME,
    IndexName: 'customer_id-index',
    KeyConditionExpression: '#attr = :value',
    ExpressionAttributeNames: { '#attr': 'customer_id' },
    ExpressionAttributeValues: { ':value': Number(customerId) },
  })).map(orderRow).sort((a, b) => sqlOrder(b.created_at, a.created_at) || sqlOrder(a.id, b.id)).map(
    (row) => ({ id: row.id, customerId: row.customer_id, status: row.status, createdAt: row.created_at })
  );
}

export async function placeOrder(customerId: number, note?: string): Promise<number> {
  const db = await ready;
  const orderId = await nextId(COUNTERS_TABLE_NAME, { counter: 'Order' });
  await dynamoDb.send(new PutCommand({ TableName: ORDERS_TABLE_NAME, Item: {
    id: orderId,
    customer_id: customerId,
    note: note ?? null,
    created_at: new Date().toISOString(),
    status: 'pending'
  } }));
  return orderId!;
}

export async function setStatus(id: number, status: string): Promise<boolean> {
  const db = await ready;
  const result = await dynamoDb
    .send(new UpdateCommand(updateParams(ORDERS_TABLE_NAME, { id: Number(id) }, {
    status: status
  })))
    .catch((error) => {
      if (isConditionFailed(error)) return { Attributes: undefined };
      throw error;
    });
  return !!result.Attributes;
}

export async function cancelOrder(id: number): Promise<boolean> {
  const db = await ready;
  const changesResult = await dynamoDb.send(new DeleteCommand({ TableName: ORDERS_TABLE_NAME, Key: { id: Number(id) }, ReturnValues: 'ALL_OLD' }));
  const changes = changesResult.Attributes ? 1 : 0;
  return changes === 1;
}

function sqlOrder(a: any, b: any): number {
  // ORDER BY of one column as SQLite sorts: NULL first, then by value (DynamoDB returns rows unsorted)
  if (a === b) return 0;
  if (a == null) return -1;
  if (b == null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
