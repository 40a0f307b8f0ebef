var express = require("express")
var app = express()

var notes = []	// the notes

app.get("/notes/:id", function (req, res) {
	var note =	notes.find(function (n) { return n.id === Number(req.params.id) })
	if (!note) {
		return res.status(404).send(`missing	${req.params.id}`)
	}
	res.send(note)
})

app.delete("/notes/:id", function (req, res) {
 	const before = notes.length;	notes = notes.filter((n) => n.id !== Number(req.params.id))
	if (notes.length === before) return res.sendStatus(404)
	res.sendStatus(204)
})

app.post("/notes", function (req, res) {
	const note = { id: notes.length + 1, title: req.body.title }
		notes.push(note)
	res.status(201).send(note)
})

app.listen(3000)
