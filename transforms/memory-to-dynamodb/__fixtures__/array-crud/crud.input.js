const express = require('express');

const app = express();
app.use(express.json());

// the "database"
let notes = [
  { id: 1, title: 'First', done: false },
  { id: 2, title: 'Second', done: true },
];

app.get('/notes', (req, res) => {
  res.json(notes);
});

app.get('/notes/:id', (req, res) => {
  const note = notes.find((n) => n.id == req.params.id);
  if (!note) return res.status(404).json({ error: 'not found' });
  res.json(note);
});

app.post('/notes', (req, res) => {
  const note = { id: notes.length + 1, title: req.body.title, done: false };
  notes.push(note);
  res.status(201).json(note);
});

app.put('/notes/:id', (req, res) => {
  const index = notes.findIndex((n) => n.id === Number(req.params.id));
  if (index === -1) return res.status(404).json({ error: 'not found' });
  notes[index] = { ...notes[index], ...req.body };
  res.json(notes[index]);
});

app.patch('/notes/:id/done', (req, res) => {
  const note = notes.find((n) => n.id === Number(req.params.id));
  if (!note) return res.status(404).json({ error: 'not found' });
  note.done = true;
  res.json(note);
});

app.delete('/notes/:id', (req, res) => {
  const index = notes.findIndex((n) => n.id === Number(req.params.id));
  if (index === -1) return res.status(404).json({ error: 'not found' });
  notes.splice(index, 1);
  res.status(204).end();
});

module.exports = app;
