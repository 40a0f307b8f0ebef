// The app's one DynamoDB client, its table names and the small helpers the migrated code calls.
//
// Table names come from environment variables: the CDK stack sets them on every Lambda; a server
// sets them itself (the fallbacks below are the names in .migration/dynamodb.json, for local runs).
// DYNAMODB_ENDPOINT points the client at a local engine (dynalite, DynamoDB Local) when it is set;
// otherwise the standard AWS_REGION and credentials chain apply.
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, GetCommand, QueryCommand, ScanCommand, UpdateCommand } = require('@aws-sdk/lib-dynamodb');

function clientConfig() {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) return {};
  const local = !process.env.AWS_ACCESS_KEY_ID;
  return {
    endpoint,
    region: process.env.AWS_REGION || 'us-east-1',
    ...(local ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  };
}

/** Built once per process (per Lambda container), reused by every request. */
const db = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig()), {
  marshallOptions: { removeUndefinedValues: true },
});

// dynamodb-codemod:tables
const NOTES_TABLE_NAME = process.env.NOTES_TABLE_NAME || 'Notes';
const COUNTERS_TABLE_NAME = process.env.COUNTERS_TABLE_NAME || 'Counters';
// dynamodb-codemod:end-tables

// dynamodb-codemod:derived
// Attributes the design derives from others, per table: TTL in epoch seconds, string copies of
// values used as index keys, constants. Written with every item, never shown to the app.
const DERIVED_ATTRIBUTES = {
  [NOTES_TABLE_NAME]: [{ name: 'ttl', as: 'epoch-seconds', from: 'expiresAt' }],
};
// dynamodb-codemod:end-derived

/** Epoch seconds from an ISO date, a Date, or a number (above 1e11 read as milliseconds). */
function toEpochSeconds(value) {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? (value > 1e11 ? value : value * 1000) : Date.parse(value);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

/**
 * The item as stored: the app's attributes plus the derived ones. With `partial` (an update), only
 * attributes whose source is among the changes are derived.
 */
function withDerived(TableName, item, partial = false) {
  const derived = DERIVED_ATTRIBUTES[TableName];
  if (!derived || !item) return item;
  const stored = { ...item };
  for (const attribute of derived) {
    if (attribute.as === 'constant') {
      if (!partial) stored[attribute.name] = attribute.value;
      continue;
    }
    if (partial && !(attribute.from in item)) continue;
    const source = item[attribute.from];
    stored[attribute.name] = source === undefined || source === null ? undefined : attribute.as === 'string' ? String(source) : toEpochSeconds(source);
  }
  return stored;
}

/** The item as the app knows it: derived attributes removed. */
function withoutDerived(TableName, item) {
  const derived = DERIVED_ATTRIBUTES[TableName];
  if (!derived || !item) return item;
  const visible = { ...item };
  for (const attribute of derived) delete visible[attribute.name];
  return visible;
}

/** Every item a Scan returns, following LastEvaluatedKey until the last page. */
async function scanAll(params) {
  const items = [];
  let ExclusiveStartKey;
  do {
    const page = await db.send(new ScanCommand({ ...params, ExclusiveStartKey }));
    items.push(...(page.Items || []).map((item) => withoutDerived(params.TableName, item)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** Every item a Query returns, following LastEvaluatedKey until the last page. */
async function queryAll(params) {
  const items = [];
  let ExclusiveStartKey;
  do {
    const page = await db.send(new QueryCommand({ ...params, ExclusiveStartKey }));
    items.push(...(page.Items || []).map((item) => withoutDerived(params.TableName, item)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** The next number of a counter item: one atomic ADD, so concurrent creates never share an id. */
async function nextId(TableName, Key, attribute = 'value') {
  const { Attributes } = await db.send(
    new UpdateCommand({
      TableName,
      Key,
      UpdateExpression: 'ADD #value :one',
      ExpressionAttributeNames: { '#value': attribute },
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(Attributes && Attributes[attribute]);
}

/**
 * UpdateCommand input that writes every attribute of `changes` except the key attributes (SET, or
 * REMOVE for undefined), through ExpressionAttributeNames/Values. The condition keeps a missing item
 * missing (ConditionalCheckFailedException) and ALL_NEW returns the item as stored.
 */
function updateParams(TableName, Key, updates) {
  const changes = withDerived(TableName, updates, true);
  const names = { '#key': Object.keys(Key)[0] };
  const values = {};
  const set = [];
  const remove = [];
  Object.keys(changes)
    .filter((name) => !(name in Key))
    .forEach((name, index) => {
      names[`#a${index}`] = name;
      if (changes[name] === undefined) {
        remove.push(`#a${index}`);
      } else {
        values[`:v${index}`] = changes[name];
        set.push(`#a${index} = :v${index}`);
      }
    });
  const clauses = [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : ''];
  const UpdateExpression = clauses.filter(Boolean).join(' ');
  return {
    TableName,
    Key,
    // with nothing to change there is no UpdateExpression: the request still checks the item exists
    ...(UpdateExpression ? { UpdateExpression } : {}),
    ConditionExpression: 'attribute_exists(#key)',
    ExpressionAttributeNames: names,
    ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
    ReturnValues: 'ALL_NEW',
  };
}

/** True for the error a failed ConditionExpression throws (missing item, taken key). */
function isConditionFailed(error) {
  return Boolean(error) && error.name === 'ConditionalCheckFailedException';
}

/** A pause before sending again what DynamoDB left unprocessed (throttling), longer each time. */
function backoff(attempt) {
  return new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * 2 ** attempt)));
}

/**
 * Deletes the items with these keys by BatchWriteItem, 25 per request (its limit), sending the
 * UnprocessedItems again until DynamoDB has taken every delete.
 */
async function batchDeleteAll(TableName, keys) {
  for (let start = 0; start < keys.length; start += 25) {
    let RequestItems = { [TableName]: keys.slice(start, start + 25).map((Key) => ({ DeleteRequest: { Key } })) };
    for (let attempt = 0; RequestItems && Object.keys(RequestItems).length; attempt += 1) {
      if (attempt) await backoff(attempt);
      const result = await db.send(new BatchWriteCommand({ RequestItems }));
      RequestItems = result.UnprocessedItems;
    }
  }
}

/**
 * The items with these keys (each key read once) by BatchGetItem, 100 keys per request (its limit),
 * sending the UnprocessedKeys again until every key is answered. Keys without an item are left
 * out and the order is DynamoDB's: match the items to the keys.
 */
async function batchGetAll(TableName, keys) {
  const unique = [...new Map(keys.map((key) => [JSON.stringify(key), key])).values()];
  const items = [];
  for (let start = 0; start < unique.length; start += 100) {
    let RequestItems = { [TableName]: { Keys: unique.slice(start, start + 100) } };
    for (let attempt = 0; RequestItems && Object.keys(RequestItems).length; attempt += 1) {
      if (attempt) await backoff(attempt);
      const page = await db.send(new BatchGetCommand({ RequestItems }));
      items.push(...((page.Responses && page.Responses[TableName]) || []).map((item) => withoutDerived(TableName, item)));
      RequestItems = page.UnprocessedKeys;
    }
  }
  return items;
}

/**
 * SQL's INNER JOIN to another table by key, for one row: `[[row, item]]` when `row[from]` is the
 * key of an item of TableName (GetItem, strongly consistent), else `[]` (no row, no item).
 */
async function joinOne(row, TableName, keyName, from) {
  if (!row || row[from] === undefined || row[from] === null) return [];
  const { Item } = await db.send(new GetCommand({ TableName, Key: { [keyName]: row[from] }, ConsistentRead: true }));
  return Item ? [[row, withoutDerived(TableName, Item)]] : [];
}

/**
 * SQL's INNER JOIN to another table by key, for a list: `[row, item]` per row whose `row[from]` is
 * the key of an item of TableName (BatchGetItem, each key once); rows keep their order.
 */
async function joinAll(rows, TableName, keyName, from) {
  const keys = rows.filter((row) => row[from] !== undefined && row[from] !== null).map((row) => ({ [keyName]: row[from] }));
  const items = new Map((await batchGetAll(TableName, keys)).map((item) => [item[keyName], item]));
  return rows.filter((row) => items.has(row[from])).map((row) => [row, items.get(row[from])]);
}

module.exports = {
  db,
  scanAll,
  queryAll,
  nextId,
  updateParams,
  isConditionFailed,
  withDerived,
  withoutDerived,
  batchDeleteAll,
  batchGetAll,
  joinOne,
  joinAll,
  // dynamodb-codemod:table-exports
  NOTES_TABLE_NAME,
  COUNTERS_TABLE_NAME,
  // dynamodb-codemod:end-table-exports
};
