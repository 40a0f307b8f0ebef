// The app's one DynamoDB client, its table names and the small helpers the migrated code calls.
//
// Table names come from environment variables: the CDK stack sets them on every Lambda; a server
// sets them itself (the fallbacks below are the names in .migration/dynamodb.json, for local runs).
// DYNAMODB_ENDPOINT points the client at a local engine (dynalite, DynamoDB Local) when it is set;
// otherwise the standard AWS_REGION and credentials chain apply.
const { ConditionalCheckFailedException, DescribeTableCommand, DynamoDBClient, TransactionCanceledException } = require('@aws-sdk/client-dynamodb');
const { BatchGetCommand, BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, ScanCommand, TransactWriteCommand, UpdateCommand } = require('@aws-sdk/lib-dynamodb');

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

/** A key value that names no item: NaN (`Number('abc')`) the SDK cannot send, an empty or missing key DynamoDB rejects. */
function namesNoItem(value) {
  return value === undefined || value === null || value === '' || (typeof value === 'number' && !Number.isFinite(value));
}

// GetItem, DeleteItem and UpdateItem by such a key (`GET /products/abc` with numeric ids) answer as
// for a missing item, as the old store did, without a request: no Item, no Attributes, and the
// condition failure a missing item gives a conditional write (updateParams' attribute_exists).
db.middlewareStack.add(
  (next, context) => async (args) => {
    const input = args.input;
    const byKey = ['GetItemCommand', 'DeleteItemCommand', 'UpdateItemCommand'].includes(context.commandName ?? '');
    if (!byKey || !input.Key || !Object.values(input.Key).some(namesNoItem)) return next(args);
    if (input.ConditionExpression) throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    if (context.commandName === 'UpdateItemCommand') return next(args); // an upsert: DynamoDB's own answer
    return { output: { $metadata: {} }, response: {} };
  },
  { step: 'initialize', name: 'keyNamesNoItem' },
);

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

// dynamodb-codemod:unique
// Attributes the design keeps unique, per table. A table is unique only on its key, so each value
// is claimed by a guard item (a put with attribute_not_exists) that holds its owner's id;
// migrate-data writes the same guard items for the records it copies.
const UNIQUE_ATTRIBUTES = {
  [NOTES_TABLE_NAME]: [{ attribute: 'slug', table: COUNTERS_TABLE_NAME, key: { counter: 'Note#slug#{slug}' }, id: 'id' }],
};
// dynamodb-codemod:end-unique

// dynamodb-codemod:keys
// Key attribute names per table (partition key, then sort key), for the local emulation of a
// transaction: it undoes a new item by deleting it by key (emulateTransaction).
const KEY_ATTRIBUTES = {
  [NOTES_TABLE_NAME]: ['id'],
  [COUNTERS_TABLE_NAME]: ['counter'],
};
// dynamodb-codemod:end-keys

/** Epoch seconds from an ISO date, a Date, or a number (above 1e11 read as milliseconds). */
function toEpochSeconds(value) {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? (value > 1e11 ? value : value * 1000) : Date.parse(String(value));
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
    const source = stored[attribute.from];
    stored[attribute.name] = source === undefined || source === null ? undefined : attribute.as === 'string' ? String(source) : toEpochSeconds(source);
  }
  return stored;
}

/** The item as the app knows it: derived attributes removed. */
function withoutDerived(TableName, item) {
  const derived = TableName ? DERIVED_ATTRIBUTES[TableName] : undefined;
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
    items.push(...(page.Items ?? []).map((item) => withoutDerived(params.TableName, item)));
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
    items.push(...(page.Items ?? []).map((item) => withoutDerived(params.TableName, item)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/**
 * How many items a Query (params with KeyConditionExpression) or else a Scan matches: Select COUNT
 * page by page, summing Count (after FilterExpression), so no item is sent back.
 */
async function countAll(params) {
  let count = 0;
  let ExclusiveStartKey;
  do {
    const page =
      'KeyConditionExpression' in params && params.KeyConditionExpression
        ? await db.send(new QueryCommand({ ...params, Select: 'COUNT', ExclusiveStartKey }))
        : await db.send(new ScanCommand({ ...params, Select: 'COUNT', ExclusiveStartKey }));
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return count;
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
  return Number(Attributes?.[attribute]);
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
  return error?.name === 'ConditionalCheckFailedException';
}

/** The guard item's key for `item`'s value, or undefined when the item has no value to claim. */
function guardKey(guard, item) {
  const key = {};
  for (const [name, template] of Object.entries(guard.key)) {
    let complete = true;
    key[name] = template.replace(/\{([^}:]+)\}/g, (_whole, attribute) => {
      const value = item[attribute];
      if (value === undefined || value === null || value === '' || typeof value === 'object') complete = false;
      return String(value);
    });
    if (!complete) return undefined;
  }
  return key;
}

/**
 * Claims `item`'s unique values for `owner`: one conditional put per guard (free, or already held
 * by the same owner). Returns the claims this call made; when one is taken, releases those and
 * throws the ConditionalCheckFailedException.
 */
async function claimGuards(guards, item, owner) {
  const claimed = [];
  for (const guard of guards) {
    const key = guardKey(guard, item);
    if (!key) continue;
    try {
      const { Attributes } = await db.send(
        new PutCommand({
          TableName: guard.table,
          Item: { ...key, [guard.id]: owner },
          ConditionExpression: 'attribute_not_exists(#key) OR #owner = :owner',
          ExpressionAttributeNames: { '#key': Object.keys(key)[0], '#owner': guard.id },
          ExpressionAttributeValues: { ':owner': owner },
          ReturnValues: 'ALL_OLD',
        }),
      );
      if (!Attributes) claimed.push({ table: guard.table, key, guard });
    } catch (error) {
      await releaseGuards(claimed, owner);
      throw error;
    }
  }
  return claimed;
}

/** Deletes guard items, each only while `owner` still holds it. */
async function releaseGuards(claims, owner) {
  for (const claim of claims) {
    try {
      await db.send(
        new DeleteCommand({
          TableName: claim.table,
          Key: claim.key,
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': claim.guard.id },
          ExpressionAttributeValues: { ':owner': owner },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }
}

function claimsOf(guards, item) {
  return guards.flatMap((guard) => {
    const key = guardKey(guard, item);
    return key ? [{ table: guard.table, key, guard }] : [];
  });
}

/**
 * A PutCommand for an entity with unique attributes: claims every unique value first, then puts
 * the item; a taken value throws ConditionalCheckFailedException (isConditionFailed) before
 * anything is written, and a failed put releases the claims again.
 */
async function putUnique(params) {
  const guards = UNIQUE_ATTRIBUTES[params.TableName] ?? [];
  const item = params.Item ?? {};
  const owner = guards.length ? item[guards[0].id] : undefined;
  const claimed = await claimGuards(guards, item, owner);
  try {
    return await db.send(new PutCommand(params));
  } catch (error) {
    await releaseGuards(claimed, owner).catch(() => undefined); // the put's error is the one to report
    throw error;
  }
}

/** `#a = :v` and REMOVE names of an UpdateExpression (as updateParams writes it): attribute → new value. */
function readChanges(params) {
  const names = params.ExpressionAttributeNames ?? {};
  const values = params.ExpressionAttributeValues ?? {};
  const changes = new Map();
  const expression = params.UpdateExpression ?? '';
  for (const [, name, value] of expression.matchAll(/(#\w+)\s*=\s*(:\w+)/g)) changes.set(names[name] ?? name, values[value]);
  const remove = /\bREMOVE\s+([#\w\s,]+?)(?=\s+(?:SET|ADD|DELETE)\b|$)/.exec(expression);
  for (const name of remove ? remove[1].split(',').map((part) => part.trim()) : []) changes.set(names[name] ?? name, undefined);
  return changes;
}

/**
 * An UpdateCommand for an entity with unique attributes: a changed unique value is claimed before
 * the update (taken: ConditionalCheckFailedException, nothing written) and the old value's guard
 * is released after it. Returns what the UpdateCommand would (ALL_NEW: the item as stored).
 */
async function updateUnique(params) {
  const guards = UNIQUE_ATTRIBUTES[params.TableName] ?? [];
  const changes = readChanges(params);
  const touched = guards.filter((guard) => changes.has(guard.attribute));
  if (!touched.length) return db.send(new UpdateCommand(params));
  const owner = params.Key[touched[0].id];
  const claimed = await claimGuards(touched, Object.fromEntries(changes), owner);
  let output;
  try {
    output = await db.send(new UpdateCommand({ ...params, ReturnValues: 'ALL_OLD' }));
  } catch (error) {
    await releaseGuards(claimed, owner).catch(() => undefined);
    throw error;
  }
  const before = output.Attributes ?? {};
  const after = { ...before };
  for (const [name, value] of changes) {
    if (value === undefined) delete after[name];
    else after[name] = value;
  }
  const released = touched.filter((guard) => before[guard.attribute] !== after[guard.attribute]);
  await releaseGuards(claimsOf(released, before), owner);
  const { Attributes: _old, ...rest } = output;
  if (params.ReturnValues === 'ALL_NEW') return { ...rest, Attributes: after };
  if (params.ReturnValues === 'ALL_OLD') return output;
  return rest;
}

/** A DeleteCommand for an entity with unique attributes: the deleted item's guards are released. */
async function deleteUnique(params) {
  const guards = UNIQUE_ATTRIBUTES[params.TableName] ?? [];
  const output = await db.send(new DeleteCommand({ ...params, ReturnValues: 'ALL_OLD' }));
  const old = output.Attributes;
  if (old && guards.length) await releaseGuards(claimsOf(guards, old), old[guards[0].id]);
  if (params.ReturnValues === 'ALL_OLD') return output;
  const { Attributes: _old, ...rest } = output;
  return rest;
}

/**
 * The items whose unique `attribute` is `value` (none or one): the guard holds the owner's id,
 * then the item is read by key, both strongly consistent, so a new item is found at once.
 */
async function findByUnique(TableName, attribute, value) {
  const guard = (UNIQUE_ATTRIBUTES[TableName] ?? []).find((candidate) => candidate.attribute === attribute);
  if (!guard) throw new Error(`findByUnique: ${attribute} is not a unique attribute of ${TableName}`);
  const key = guardKey(guard, { [attribute]: value });
  if (!key) return [];
  const { Item: claim } = await db.send(new GetCommand({ TableName: guard.table, Key: key, ConsistentRead: true }));
  if (!claim) return [];
  const { Item } = await db.send(new GetCommand({ TableName, Key: { [guard.id]: claim[guard.id] }, ConsistentRead: true }));
  // a guard left behind by an interrupted write does not make another item match
  return Item && Item[attribute] === value ? [withoutDerived(TableName, Item)] : [];
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
 * The items with these keys (each key read once) by strongly consistent BatchGetItem, 100 keys per request (its limit),
 * sending the UnprocessedKeys again until every key is answered. Keys without an item are left
 * out and the order is DynamoDB's: match the items to the keys.
 */
async function batchGetAll(TableName, keys) {
  const unique = [...new Map(keys.map((key) => [JSON.stringify(key), key])).values()];
  const items = [];
  for (let start = 0; start < unique.length; start += 100) {
    let RequestItems = { [TableName]: { Keys: unique.slice(start, start + 100), ConsistentRead: true } };
    for (let attempt = 0; RequestItems && Object.keys(RequestItems).length; attempt += 1) {
      if (attempt) await backoff(attempt);
      const page = await db.send(new BatchGetCommand({ RequestItems }));
      items.push(...(page.Responses?.[TableName] ?? []).map((item) => withoutDerived(TableName, item)));
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
  const { Item: item } = await db.send(new GetCommand({ TableName, Key: { [keyName]: row[from] }, ConsistentRead: true }));
  return item ? [[row, withoutDerived(TableName, item)]] : [];
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

// ---------------------------------------------------------------------------------------------
// Transactions: better-sqlite3's `db.transaction(fn)` around writes becomes `inTransaction(body)`.

/** TransactWriteItems takes at most 100 actions in one request (and 4 MB in all). */
const TRANSACT_LIMIT = 100;

/** Set once a local engine answered that it has no TransactWriteItems (dynalite). */
let engineLacksTransactions = false;

/**
 * Sends `actions` as ONE TransactWriteCommand: all of them are written or none (in AWS, a real
 * transaction). A failed condition cancels every action with TransactionCanceledException, whose
 * CancellationReasons[i].Code is 'ConditionalCheckFailed' for the i-th action. More than 100
 * actions are refused before anything is sent: splitting them into several transactions would no
 * longer be all or nothing, which is what the app relied on.
 *
 * A local engine without transactions (dynalite answers UnknownOperationException) gets the
 * compensated emulation below instead, with the same answers but without isolation.
 */
async function transactWrite(actions) {
  if (!actions.length) return;
  if (actions.length > TRANSACT_LIMIT) {
    throw new Error(`transactWrite: ${actions.length} writes in one transaction, DynamoDB takes at most ${TRANSACT_LIMIT}; nothing was written (splitting them would not be all or nothing: make the batch smaller)`);
  }
  if (!engineLacksTransactions) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: actions }));
      return;
    } catch (error) {
      if (error?.name !== 'UnknownOperationException') throw error;
      engineLacksTransactions = true;
    }
  }
  await emulateTransaction(actions);
}

const keyNames = new Map();

/** The key attribute names of a table: from the design, else DescribeTable (once per table). */
function keyNamesOf(TableName) {
  if (KEY_ATTRIBUTES[TableName]) return Promise.resolve(KEY_ATTRIBUTES[TableName]);
  let names = keyNames.get(TableName);
  if (!names) {
    names = db.send(new DescribeTableCommand({ TableName })).then(({ Table }) => (Table?.KeySchema ?? []).map((key) => key.AttributeName));
    keyNames.set(TableName, names);
  }
  return names;
}

/**
 * FOR LOCAL ENGINES ONLY (dynalite has no TransactWriteItems): the actions run one after another,
 * each with its own condition; when a condition fails, the actions before it are undone in reverse
 * order (an item that did not exist is deleted, an overwritten, updated or deleted item is put back
 * from its old image, ReturnValues ALL_OLD) and the error is the TransactionCanceledException
 * DynamoDB answers (only the first failed condition is reported; the actions after it are not
 * tried). This is NOT isolated: a concurrent request can read the first writes before they are
 * undone, and a change it makes to one of these items in between is overwritten by the undo.
 * Against AWS (or an engine with transactions) transactWrite never comes here.
 */
async function emulateTransaction(actions) {
  const targets = await Promise.all(actions.map(async (action) => {
    const [kind, params] = Object.entries(action).find(([, value]) => value);
    if (kind === 'ConditionCheck') throw new Error('transactWrite: ConditionCheck is not emulated on a local engine without transactions');
    const names = await keyNamesOf(params.TableName);
    const Key = Object.fromEntries(names.map((name) => [name, (params.Key ?? params.Item ?? {})[name]]));
    return { kind, params, Key };
  }));
  const seen = new Set(targets.map((target) => JSON.stringify([target.params.TableName, target.Key])));
  if (seen.size < targets.length) {
    throw Object.assign(new Error('Transaction request cannot include multiple operations on one item'), { name: 'ValidationException' });
  }
  const done = [];
  for (const [index, { kind, params, Key }] of targets.entries()) {
    try {
      let old;
      if (kind === 'Put') old = (await db.send(new PutCommand({ ...params, ReturnValues: 'ALL_OLD' }))).Attributes;
      else if (kind === 'Update') old = (await db.send(new UpdateCommand({ ...params, ReturnValues: 'ALL_OLD' }))).Attributes;
      else old = (await db.send(new DeleteCommand({ ...params, ReturnValues: 'ALL_OLD' }))).Attributes;
      done.push({ TableName: params.TableName, Key, old });
    } catch (error) {
      await undoWrites(done);
      if (!isConditionFailed(error)) throw error;
      const CancellationReasons = actions.map((_, i) => (i === index ? { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' } : { Code: 'None' }));
      throw new TransactionCanceledException({
        message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${CancellationReasons.map((reason) => reason.Code).join(', ')}]`,
        $metadata: {},
        CancellationReasons,
      });
    }
  }
}

/** Puts back what the emulated actions changed, last first. */
async function undoWrites(done) {
  for (const { TableName, Key, old } of [...done].reverse()) {
    if (old) await db.send(new PutCommand({ TableName, Item: old }));
    else await db.send(new DeleteCommand({ TableName, Key }));
  }
}

/**
 * better-sqlite3's `db.transaction(fn)` for a function that only writes: `body` runs first and
 * only collects its writes (`tx.put(…)`, `tx.putUnique(…)`, `tx.delete(…)`, each with an optional
 * onConditionFailed; ids come from nextId inside it, so they are allocated before anything is
 * written and a cancelled transaction leaves a gap in the ids), then every write goes in ONE
 * transactWrite, and body's result is returned. When a condition fails, the write it belongs to
 * answers: its onConditionFailed (the app's own catch branch, e.g. `throw new
 * EmailTakenError(input.email)`) gets the ConditionalCheckFailedException a single put would have
 * thrown; a write without one throws that error (isConditionFailed). Two writes claiming the same
 * unique value for different items: the later one fails its condition, as the second INSERT of a
 * UNIQUE value did in SQLite.
 */
async function inTransaction(body) {
  const writes = [];
  const claimedBy = new Map();
  let refused;
  const tx = {
    put: (params, onConditionFailed) => void writes.push({ actions: [{ Put: params }], onConditionFailed }),
    putUnique: (params, onConditionFailed) => {
      const guards = UNIQUE_ATTRIBUTES[params.TableName] ?? [];
      const item = params.Item ?? {};
      const owner = guards.length ? item[guards[0].id] : undefined;
      const actions = [];
      for (const claim of claimsOf(guards, item)) {
        const id = JSON.stringify([claim.table, claim.key]);
        if (claimedBy.has(id)) {
          if (claimedBy.get(id) !== owner) refused ??= { onConditionFailed };
          continue;
        }
        claimedBy.set(id, owner);
        actions.push({
          Put: {
            TableName: claim.table,
            Item: { ...claim.key, [claim.guard.id]: owner },
            ConditionExpression: 'attribute_not_exists(#key) OR #owner = :owner',
            ExpressionAttributeNames: { '#key': Object.keys(claim.key)[0], '#owner': claim.guard.id },
            ExpressionAttributeValues: { ':owner': owner },
          },
        });
      }
      writes.push({ actions: [...actions, { Put: params }], onConditionFailed });
    },
    delete: (params, onConditionFailed) => {
      const { ReturnValues: _returned, ...rest } = params;
      // the same row deleted twice is one delete (SQLite's second one changed nothing; AWS refuses two actions on one item)
      const id = JSON.stringify(['delete', rest.TableName, rest.Key]);
      if (!rest.ConditionExpression && claimedBy.has(id)) return;
      claimedBy.set(id, true);
      writes.push({ actions: [{ Delete: rest }], onConditionFailed });
    },
  };
  const result = await body(tx);
  if (refused) await failWrite(refused.onConditionFailed);
  const owners = writes.flatMap((write) => write.actions.map(() => write));
  try {
    await transactWrite(writes.flatMap((write) => write.actions));
  } catch (error) {
    const reasons = error?.CancellationReasons ?? [];
    const failed = reasons.findIndex((reason) => reason?.Code === 'ConditionalCheckFailed');
    if (failed < 0 || !owners[failed]) throw error;
    await failWrite(owners[failed].onConditionFailed, error);
  }
  return result;
}

/** A write's condition failed: the app's branch runs with the error a single write throws. */
async function failWrite(onConditionFailed, cause) {
  const error = Object.assign(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }), { cause });
  if (onConditionFailed) await onConditionFailed(error);
  throw error;
}

module.exports = {
  db,
  withDerived,
  withoutDerived,
  scanAll,
  queryAll,
  countAll,
  nextId,
  updateParams,
  isConditionFailed,
  putUnique,
  updateUnique,
  deleteUnique,
  findByUnique,
  batchDeleteAll,
  batchGetAll,
  joinOne,
  joinAll,
  transactWrite,
  inTransaction,
  // dynamodb-codemod:table-exports
  NOTES_TABLE_NAME,
  COUNTERS_TABLE_NAME,
  // dynamodb-codemod:end-table-exports
};
