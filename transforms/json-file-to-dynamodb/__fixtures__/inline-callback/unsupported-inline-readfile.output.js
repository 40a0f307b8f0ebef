const express = require('express');
const fs = require('fs');

const app = express();
app.use(express.json());

// read, change and write back the whole file inside nested callbacks
app.post('/recipes', (req, res) => {
  fs.readFile('data/recipes.json', 'utf8', (err, data) => {
    if (err) return res.status(500).send('cannot read');
    let recipes = [];
    try {
      recipes = JSON.parse(data);
    } catch (parseErr) {
      return res.status(500).send('bad file');
    }
    // dynamodb-codemod: TODO this create of Recipe is written in a form apply does not rewrite yet; write it with PutCommand through the shared client, then re-run
    recipes.push(req.body);
    fs.writeFile('data/recipes.json', JSON.stringify(recipes, null, 2), (writeErr) => {
      if (writeErr) return res.status(500).send('cannot write');
      res.status(201).json(req.body);
    });
  });
});

module.exports = app;
