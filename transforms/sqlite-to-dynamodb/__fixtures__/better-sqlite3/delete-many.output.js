const { DeleteCommand, PutCommand } = require('@aws-sdk/lib-dynamodb')
const { db: dynamoDb, scanAll, queryAll, nextId, batchDeleteAll, CARTS_TABLE_NAME, COUNTERS_TABLE_NAME } = require('./dynamodb')

function cartRow(item) {
  // a Cart item as the SQLite row this code expects: every column (null when absent)
  return item && {
    id: item.id,
    session: item.session,
    status: item.status,
  }
}

async function clearSession(session) {
  const { changes } = await deleteRows(CARTS_TABLE_NAME, (await queryAll({
    TableName: CARTS_TABLE_NAME,
    IndexName: 'session-index',
    KeyConditionExpression: '#key = :key',
    ProjectionExpression: '#k0',
    FilterExpression: '#f0 = :f0',
    ExpressionAttributeNames: { '#k0': 'id', '#key': 'session', '#f0': 'status' },
    ExpressionAttributeValues: { ':key': session, ':f0': 'open' },
  })).map((item) => ({ id: item.id })))
  return changes
}

async function dropAbandoned() {
  const info = await deleteRows(CARTS_TABLE_NAME, (await queryAll({
    TableName: CARTS_TABLE_NAME,
    IndexName: 'status-index',
    KeyConditionExpression: '#key = :key',
    ProjectionExpression: '#k0',
    ExpressionAttributeNames: { '#k0': 'id', '#key': 'status' },
    ExpressionAttributeValues: { ':key': 'abandoned' },
  })).map((item) => ({ id: item.id })))
  console.log(`removed ${info.changes} carts`)
  return info.changes > 0
}

async function resetCarts() {
  const removed = (await deleteRows(CARTS_TABLE_NAME, (await scanAll({
    TableName: CARTS_TABLE_NAME,
    ProjectionExpression: '#k0',
    ExpressionAttributeNames: { '#k0': 'id' },
    ConsistentRead: true,
  })).map((item) => ({ id: item.id })))).changes
  await dynamoDb.send(new DeleteCommand({ TableName: COUNTERS_TABLE_NAME, Key: { counter: 'Cart' } }))
  return removed
}

async function openCart(session) {
  const cartId = await nextId(COUNTERS_TABLE_NAME, { counter: 'Cart' })
  await dynamoDb.send(new PutCommand({ TableName: CARTS_TABLE_NAME, Item: {
    id: cartId,
    session: session,
    status: 'open'
  } }))
  return cartId
}

async function findCarts(session) {
  return (await queryAll({
    TableName: CARTS_TABLE_NAME,
    IndexName: 'session-index',
    KeyConditionExpression: '#attr = :value',
    ExpressionAttributeNames: { '#attr': 'session' },
    ExpressionAttributeValues: { ':value': session },
  })).map(cartRow)
}

module.exports = { clearSession, dropAbandoned, resetCarts, openCart, findCarts }

async function deleteRows(TableName, keys) {
  // a DELETE of many rows: the keys it found, deleted 25 a request; run()'s info counts them
  await batchDeleteAll(TableName, keys)
  return { changes: keys.length }
}
