const sqlite3 = require('sqlite3')
const { scanAll, queryAll, TASKS_TABLE_NAME } = require('./dynamodb')

function taskRow(item) {
  // a Task item as the SQLite row this code expects: every column (null when absent)
  return item && {
    id: item.id,
    title: item.title,
    done: item.done,
    priority: item.priority,
  }
}

const db = new sqlite3.Database('tasks.sqlite')

function query(sql, params) {
  return new Promise((resolve, reject) => {
    db.all(sql, params || [], (err, rows) => {
      if (err) reject(err)
      else resolve(rows)
    })
  })
}

async function listTasks(priority) {
  var sql = 'SELECT * FROM tasks'
  var params = []
  if (priority) {
    sql += ' WHERE priority = ?'
    params.push(priority)
  }
  sql += ' ORDER BY id'
  return sql === 'SELECT * FROM tasks ORDER BY id' ? (await scanAll({ TableName: TASKS_TABLE_NAME })).map(taskRow).sort((a, b) => sqlOrder(a.id, b.id)) : (await queryAll({
    TableName: TASKS_TABLE_NAME,
    IndexName: 'priority-index',
    KeyConditionExpression: '#attr = :value',
    ExpressionAttributeNames: { '#attr': 'priority' },
    ExpressionAttributeValues: { ':value': params[0] },
  })).map(taskRow).sort((a, b) => sqlOrder(a.id, b.id))
}

async function openTasks() {
  return (await queryAll({
    TableName: TASKS_TABLE_NAME,
    IndexName: 'done-index',
    KeyConditionExpression: '#attr = :value',
    ExpressionAttributeNames: { '#attr': 'done' },
    ExpressionAttributeValues: { ':value': 0 },
  })).map(taskRow)
}

module.exports = { listTasks, openTasks }

function sqlOrder(a, b) {
  // ORDER BY of one column as SQLite sorts: NULL first, then by value (DynamoDB returns rows unsorted)
  if (a === b) return 0
  if (a == null) return -1
  if (b == null) return 1
  return a < b ? -1 : a > b ? 1 : 0
}
