var express = require("express")
const { GetCommand } = require("@aws-sdk/lib-dynamodb")
const { db, NOTES_TABLE_NAME } = require("./dynamodb")
var app = express()

app.get("/notes/:id", async function (req, res, next) {
	try {
		var { Item: note } = await db.send(new GetCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(req.params.id) }, ConsistentRead: true }))
		if (!note) {
			return res.status(404).send("missing")
		}
		res.send(note)
	} catch (err) {
		next(err)
	}
})

app.listen(3000)
