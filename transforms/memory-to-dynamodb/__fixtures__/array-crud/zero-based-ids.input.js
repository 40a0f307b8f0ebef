const express = require('express');

const app = express();
app.use(express.json());

let notes = [];

// ids count from 0: the array's length before the push
app.post('/notes', (req, res) => {
  const note = { id: notes.length, title: req.body.title, done: false };
  notes.push(note);
  res.status(201).json(note);
});
