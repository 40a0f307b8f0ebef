var express = require("express")
const { GetCommand, UpdateCommand } = require("@aws-sdk/lib-dynamodb")
const { db, updateParams, RECIPES_TABLE_NAME } = require("./dynamodb")

var app = express()

app.get("/recipes/:id", async function (req, res) {
    try {
        var { Item: recipe } = await db.send(new GetCommand({ TableName: RECIPES_TABLE_NAME, Key: { id: req.params.id }, ConsistentRead: true }))
        if (!recipe) return res.status(404).send("no such recipe")
        res.json(recipe)
    } catch (err) {
        return res.status(500).send("storage error")
    }
})

app.put("/recipes/:id", async function (req, res) {
    try {
        var { Item: recipe } = await db.send(new GetCommand({ TableName: RECIPES_TABLE_NAME, Key: { id: req.params.id }, ConsistentRead: true }))
        if (!recipe) return res.status(404).send("no such recipe")
        Object.assign(recipe, req.body, { id: recipe.id })
        await db.send(new UpdateCommand(updateParams(RECIPES_TABLE_NAME, { id: req.params.id }, recipe)))
        res.json(recipe)
    } catch (err) {
        return res.status(500).send("storage error")
    }
})

module.exports = app
