const express = require('express')
const { DeleteCommand, GetCommand, PutCommand, UpdateCommand } = require('@aws-sdk/lib-dynamodb')
const { db: dynamoDb, queryAll, nextId, updateParams, isConditionFailed, COUNTERS_TABLE_NAME, TASKS_TABLE_NAME } = require('./dynamodb')

function taskRow(item) {
  // a Task item as the SQLite row this code expects: every column (null when absent), done as 0/1
  return item && {
    id: item.id,
    title: item.title,
    done: item.done == null ? null : Number(item.done),
    priority: item.priority,
    created_at: item.created_at,
  }
}

const app = express()
app.use(express.json())

app.get('/tasks/:id', async (req, res) => {
  let row
  try {
    row = taskRow(
      (await dynamoDb.send(new GetCommand({ TableName: TASKS_TABLE_NAME, Key: { id: Number(req.params.id) }, ConsistentRead: true }))).Item
    )
  } catch (err) {
    res.status(400).json({ error: err.message })
    return
  }
  if (!row) return res.status(404).json({ error: 'Task not found' })
  res.json({ ...row, done: row.done === 1 })
})

app.get('/tasks', async (req, res) => {
  let rows
  try {
    rows = (await queryAll({
      TableName: TASKS_TABLE_NAME,
      IndexName: 'priority-created_at-index',
      KeyConditionExpression: '#attr = :value',
      ExpressionAttributeNames: { '#attr': 'priority' },
      ExpressionAttributeValues: { ':value': req.query.priority },
    })).map(taskRow).sort((a, b) => sqlOrder(b.created_at, a.created_at) || sqlOrder(a.id, b.id))
  } catch (err) {
    return res.status(500).json({ error: err.message })
  }
  res.json(rows)
})

app.post('/tasks', async (req, res, next) => {
  try {
    const taskId = await nextId(COUNTERS_TABLE_NAME, { counter: 'Task' })
    try {
      await dynamoDb.send(new PutCommand({ TableName: TASKS_TABLE_NAME, Item: {
        id: taskId,
        title: req.body.title,
        done: Boolean(req.body.done ? 1 : 0),
        priority: 'normal',
        created_at: new Date().toISOString().replace('T', ' ').slice(0, 19)
      } }))
    } catch (err) {
      res.status(400).json({ error: err.message })
      return
    }
    const row = taskRow(
      (await dynamoDb.send(new GetCommand({ TableName: TASKS_TABLE_NAME, Key: { id: Number(taskId) }, ConsistentRead: true }))).Item
    )
    res.status(201).json({ data: row, id: taskId })
  } catch (caught) {
    next(caught)
  }
})

app.patch('/tasks/:id', async (req, res) => {
  let result
  try {
    result = await dynamoDb
      .send(new UpdateCommand(updateParams(TASKS_TABLE_NAME, { id: Number(req.params.id) }, {
      ...(req.body.title == null ? {} : { title: req.body.title }),
      ...(req.body.done == null ? {} : { done: Boolean(req.body.done) })
    })))
      .catch((error) => {
        if (isConditionFailed(error)) return { Attributes: undefined }
        throw error
      })
  } catch (err) {
    return res.status(400).json({ error: err.message })
  }
  if (!result.Attributes) return res.status(404).json({ error: 'Task not found' })
  res.json({ changes: result.Attributes ? 1 : 0 })
})

app.delete('/tasks/:id', async (req, res) => {
  let info
  try {
    info = await dynamoDb.send(new DeleteCommand({ TableName: TASKS_TABLE_NAME, Key: { id: Number(req.params.id) }, ReturnValues: 'ALL_OLD' }))
  } catch (err) {
    res.status(400).json({ error: err.message })
    return
  }
  if (!info.Attributes) {
    res.status(404).json({ error: 'Task not found' })
  } else {
    res.status(204).end()
  }
})

// A hand-made promise wrapper around one query
async function findTask(id) {
  return taskRow(
    (await dynamoDb.send(new GetCommand({ TableName: TASKS_TABLE_NAME, Key: { id: Number(id) }, ConsistentRead: true }))).Item
  )
}

module.exports = { app, findTask }

function sqlOrder(a, b) {
  // ORDER BY of one column as SQLite sorts: NULL first, then by value (DynamoDB returns rows unsorted)
  if (a === b) return 0
  if (a == null) return -1
  if (b == null) return 1
  return a < b ? -1 : a > b ? 1 : 0
}
