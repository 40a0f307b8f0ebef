var express = require("express")
var app = express()

var notes = []

app.get("/notes/:id", function (req, res) {
	var note = notes.find(function (n) { return n.id === Number(req.params.id) })
	if (!note) {
		return res.status(404).send("missing")
	}
	res.send(note)
})

app.listen(3000)
