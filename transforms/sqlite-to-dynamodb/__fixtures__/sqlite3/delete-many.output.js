const express = require('express')
const { DeleteCommand, PutCommand } = require('@aws-sdk/lib-dynamodb')
const { db: dynamoDb, scanAll, queryAll, countAll, nextId, batchDeleteAll, COUNTERS_TABLE_NAME, TODOS_TABLE_NAME } = require('./dynamodb')
const sqlite3 = require('sqlite3').verbose()

function todoRow(item) {
  // a Todo item as the SQLite row this code expects: every column (null when absent)
  return item && {
    id: item.id,
    title: item.title,
    owner: item.owner,
    completed: item.completed,
  }
}

const db = new sqlite3.Database('todos.sqlite')

const app = express()
app.use(express.json())

app.get('/todos', async (req, res) => {
  let rows
  try {
    rows = (await queryAll({
      TableName: TODOS_TABLE_NAME,
      IndexName: 'owner-index',
      KeyConditionExpression: '#attr = :value',
      ExpressionAttributeNames: { '#attr': 'owner' },
      ExpressionAttributeValues: { ':value': req.query.owner },
    })).map(todoRow)
  } catch (err) {
    return res.status(500).json({ error: err.message })
  }
  res.json(rows)
})

app.post('/todos', async (req, res, next) => {
  try {
    const todoId = await nextId(COUNTERS_TABLE_NAME, { counter: 'Todo' })
    try {
      await dynamoDb.send(new PutCommand({ TableName: TODOS_TABLE_NAME, Item: {
        id: todoId,
        title: req.body.title,
        owner: req.body.owner,
        completed: 0
      } }))
    } catch (err) {
      return res.status(400).json({ error: err.message })
    }
    res.status(201).json({ id: todoId })
  } catch (caught) {
    next(caught)
  }
})

// clear the completed ones: a non-key column
app.delete('/todos/completed', async (req, res) => {
  let result
  try {
    result = await deleteRows(TODOS_TABLE_NAME, (await queryAll({
      TableName: TODOS_TABLE_NAME,
      IndexName: 'completed-index',
      KeyConditionExpression: '#key = :key',
      ProjectionExpression: '#k0',
      ExpressionAttributeNames: { '#k0': 'id', '#key': 'completed' },
      ExpressionAttributeValues: { ':key': 1 },
    })).map((item) => ({ id: item.id })))
  } catch (err) {
    return res.status(500).json({ error: err.message })
  }
  res.json({ removed: result.changes })
})

// one owner's todos: the GSI the list planned
app.delete('/owners/:owner/todos', async (req, res) => {
  try {
    await batchDeleteAll(TODOS_TABLE_NAME, (await queryAll({
      TableName: TODOS_TABLE_NAME,
      IndexName: 'owner-index',
      KeyConditionExpression: '#key = :key',
      ProjectionExpression: '#k0',
      ExpressionAttributeNames: { '#k0': 'id', '#key': 'owner' },
      ExpressionAttributeValues: { ':key': req.params.owner },
    })).map((item) => ({ id: item.id })))
  } catch (err) {
    return res.status(500).json({ error: err.message })
  }
  res.status(204).end()
})

// everything, then the ids start again at 1
app.delete('/todos', async (req, res) => {
  let row
  try {
    row = {
      count: await countAll({
        TableName: TODOS_TABLE_NAME,
      })
    }
  } catch (err) {
    return res.status(500).json({ error: err.message })
  }
  try {
    await batchDeleteAll(TODOS_TABLE_NAME, (await scanAll({
      TableName: TODOS_TABLE_NAME,
      ProjectionExpression: '#k0',
      ExpressionAttributeNames: { '#k0': 'id' },
      ConsistentRead: true,
    })).map((item) => ({ id: item.id })))
  } catch (err) {
    return res.status(500).json({ error: err.message })
  }
  try {
    await dynamoDb.send(new DeleteCommand({ TableName: COUNTERS_TABLE_NAME, Key: { counter: 'Todo' } }))
  } catch (err) {
    console.error('could not reset the ids', err)
  }
  res.json({ deleted: row.count })
})

// stays a TODO (LIKE): its callback must stay as written
app.delete('/todos/matching', (req, res) => {
  // dynamodb-codemod: TODO a DELETE is rewritten by key, or by `column = value` conditions joined by AND (keys read, then deleted in batches): read the keys of these rows, delete them with batchDeleteAll, then re-run
  db.run('DELETE FROM todos WHERE title LIKE ?', [`%${req.query.q}%`], function (err) {
    if (err) return res.status(500).json({ error: err.message })
    res.json({ removed: this.changes })
  })
})

app.listen(process.env.PORT || 3000)

async function deleteRows(TableName, keys) {
  // a DELETE of many rows: the keys it found, deleted 25 a request; run()'s info counts them
  await batchDeleteAll(TableName, keys)
  return { changes: keys.length }
}
