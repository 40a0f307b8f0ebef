import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';

import {
  db as dynamoDb,
  nextId,
  isConditionFailed,
  putUnique,
  AUDITS_TABLE_NAME,
  COUNTERS_TABLE_NAME,
  inTransaction,
  USERS_TABLE_NAME,
} from './dynamodb';

function userRow(item: Record<string, any> | undefined): any {
  // a User item as the SQLite row this code expects: every column (null when absent)
  return item && {
    id: item.id,
    email: item.email,
    name: item.name,
  };
}

export class EmailTakenError extends Error {
  constructor(readonly email: string) {
    super(`A user with email ${email} already exists`);
  }
}

function isUniqueViolation(err: unknown): boolean {
  return isConditionFailed(err);
}

// All or nothing: one taken email rolls the whole batch back.
export const importUsers = async (batch: { email: string; name: string }[]): Promise<number[]> => await inTransaction(async tx => {
  const ids: number[] = [];
  for (const input of batch) {
    const userId = await nextId(COUNTERS_TABLE_NAME, { counter: 'User' });
    tx.putUnique({ TableName: USERS_TABLE_NAME, Item: {
      id: userId,
      email: input.email,
      name: input.name
    } }, err => {
      if (isUniqueViolation(err)) throw new EmailTakenError(input.email);
      throw err;
    });
    ids.push(Number(userId));
  }
  return ids;
});

// A read inside: the writes stay one after another (not atomic, with a warning).
export const logAction = async (id: number, action: string) => {
  const user = userRow(
    (await dynamoDb.send(new GetCommand({ TableName: USERS_TABLE_NAME, Key: { id: Number(id) }, ConsistentRead: true }))).Item
  );
  if (!user) return false;
  await dynamoDb.send(new PutCommand({ TableName: AUDITS_TABLE_NAME, Item: {
    id: await nextId(COUNTERS_TABLE_NAME, { counter: 'Audit' }),
    action: action,
    user_id: id
  } }));
  return true;
};

// Deletes by key go in one transaction too.
export const forgetActions = async (ids: number[]) => await inTransaction(async tx => {
  for (const id of ids) tx.delete({ TableName: AUDITS_TABLE_NAME, Key: { id: Number(id) } });
});

// A catch that swallows a taken email keeps the other rows: not all or nothing, so one by one.
export const importSome = async (batch: { email: string; name: string }[]) => {
  for (const input of batch) {
    try {
      await putUnique({ TableName: USERS_TABLE_NAME, Item: {
        id: await nextId(COUNTERS_TABLE_NAME, { counter: 'User' }),
        email: input.email,
        name: input.name
      } });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
};
