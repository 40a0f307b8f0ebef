let notes = [{ id: 1, title: 'First' }];
const express = require('express');

const app = express();
app.use(express.json());

// the highest id plus one, in a helper given the whole array: it goes with the id it fed
function nextNoteId(list) {
  let highest = 0;
  for (const note of list) if (note.id > highest) highest = note.id;
  return highest + 1;
}

app.post('/notes', (req, res) => {
  const newId = nextNoteId(notes);
  const note = { id: newId, title: req.body.title };
  notes.push(note);
  res.status(201).json(note);
});

// the id logged as well: the variable takes the counter's id, so the log shows the stored id (no Scan left)
app.post('/notes/logged', (req, res) => {
  const logged = nextNoteId(notes);
  console.log('new note', logged);
  const note = { id: logged, title: req.body.title };
  notes.push(note);
  res.status(201).json(note);
});
