var express = require("express")
var fs = require("fs")

var app = express()

function getRecipes(callback) {
    fs.readFile("./data/recipes.json", "utf8", function (err, data) {
        if (err) return callback(err)
        callback(null, JSON.parse(data))
    })
}

function saveRecipes(recipes, callback) {
    fs.writeFile("./data/recipes.json", JSON.stringify(recipes), callback)
}

app.get("/recipes/:id", function (req, res) {
    getRecipes(function (err, recipes) {
        if (err) return res.status(500).send("storage error")
        var recipe = recipes.find(function (r) { return r.id === req.params.id })
        if (!recipe) return res.status(404).send("no such recipe")
        res.json(recipe)
    })
})

app.put("/recipes/:id", function (req, res) {
    getRecipes(function (err, recipes) {
        if (err) return res.status(500).send("storage error")
        var recipe = recipes.find(function (r) { return r.id === req.params.id })
        if (!recipe) return res.status(404).send("no such recipe")
        Object.assign(recipe, req.body, { id: recipe.id })
        saveRecipes(recipes, function (err) {
            if (err) return res.status(500).send("storage error")
            res.json(recipe)
        })
    })
})

module.exports = app
