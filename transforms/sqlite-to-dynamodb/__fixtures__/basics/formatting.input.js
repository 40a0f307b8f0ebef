const Database = require("better-sqlite3")
const db = new Database("data.db")
db.exec("CREATE TABLE IF NOT EXISTS tasks (id INTEGER PRIMARY KEY, title TEXT, done INTEGER)")
const byId = db.prepare("SELECT * FROM tasks WHERE id = ?")

function getTask(id) {
	const task = byId.get(id)
	if (!task) {
		return null
	}
	return task
}

function removeTask(id) {
	const result = db.prepare("DELETE FROM tasks WHERE id = ?").run(id)
	return result.changes > 0
}

module.exports = { getTask, removeTask }
