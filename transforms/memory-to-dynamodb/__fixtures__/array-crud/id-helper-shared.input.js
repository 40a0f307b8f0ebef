let notes = [{ id: 1, title: 'First' }];
const express = require('express');

const app = express();
app.use(express.json());

// the highest id plus one, also answered on its own: the variable takes the counter's id, the Scan goes
app.post('/notes', (req, res) => {
  const newId = Math.max(...notes.map((note) => note.id)) + 1;
  notes.push({ id: newId, title: req.body.title });
  res.status(201).json({ id: newId });
});

// a local helper over the array, the id answered and logged: the variable takes the counter's id, helper and Scan go
function highestId(list) {
  return list.reduce((max, note) => Math.max(max, note.id), 0);
}

app.post('/notes/answered', (req, res) => {
  const id = highestId(notes) + 1;
  const note = { id: id, title: req.body.title };
  notes.push(note);
  console.log('created note', id);
  res.status(201).json({ created: id, note });
});
