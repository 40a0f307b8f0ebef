var express = require("express")
const { DeleteCommand, GetCommand, PutCommand } = require("@aws-sdk/lib-dynamodb")
const { db, nextId, COUNTERS_TABLE_NAME, NOTES_TABLE_NAME } = require("./dynamodb")
var app = express()

app.get("/notes/:id", async function (req, res, next) {
	try {
		var { Item: note } = await db.send(new GetCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(req.params.id) }, ConsistentRead: true }))
		if (!note) {
			return res.status(404).send(`missing	${req.params.id}`)
		}
		res.send(note)
	} catch (err) {
		next(err)
	}
})

app.delete("/notes/:id", async function (req, res, next) {
	try {
		const { Attributes: deletedNote } = await db.send(new DeleteCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(req.params.id) }, ReturnValues: "ALL_OLD" }))
		if (!deletedNote) return res.sendStatus(404)
		res.sendStatus(204)
	} catch (err) {
		next(err)
	}
})

app.post("/notes", async function (req, res, next) {
	try {
		const note = { id: await nextId(COUNTERS_TABLE_NAME, { counter: "Note" }), title: req.body.title }
		await db.send(new PutCommand({ TableName: NOTES_TABLE_NAME, Item: note }))
		res.status(201).send(note)
	} catch (err) {
		next(err)
	}
})

app.listen(3000)
