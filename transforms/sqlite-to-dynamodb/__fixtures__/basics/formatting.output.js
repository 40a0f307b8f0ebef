const { DeleteCommand, GetCommand } = require("@aws-sdk/lib-dynamodb")
const { db: dynamoDb, TASKS_TABLE_NAME } = require("./dynamodb")

function taskRow(item) {
	// a Task item as the SQLite row this code expects: every column (null when absent)
	return item && {
		id: item.id,
		title: item.title ?? null,
		done: item.done ?? null,
	}
}

async function getTask(id) {
	const task = taskRow(
		(await dynamoDb.send(new GetCommand({ TableName: TASKS_TABLE_NAME, Key: { id: Number(id) }, ConsistentRead: true }))).Item
	)
	if (!task) {
		return null
	}
	return task
}

async function removeTask(id) {
	const result = await dynamoDb.send(new DeleteCommand({ TableName: TASKS_TABLE_NAME, Key: { id: Number(id) }, ReturnValues: "ALL_OLD" }))
	return !!result.Attributes
}

module.exports = { getTask, removeTask }
