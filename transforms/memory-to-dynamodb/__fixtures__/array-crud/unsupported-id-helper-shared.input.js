let notes = [{ id: 1, title: 'First' }];
const express = require('express');
const { nextIdOf } = require('./ids');

const app = express();
app.use(express.json());

// a helper from another file, and the id logged: apply cannot tell the helper only computes, so it stays, with a TODO
app.post('/notes/imported', (req, res) => {
  const imported = nextIdOf(notes);
  const note = { id: imported, title: req.body.title };
  notes.push(note);
  console.log('created note', imported);
  res.status(201).json(note);
});

let issued = 0;

// a helper that counts what it issued: the call stays (its count would be lost), with a TODO since the id is returned
function issueNoteId(list) {
  issued += 1;
  return list.length + issued;
}

app.post('/notes/issued', (req, res) => {
  const ticket = issueNoteId(notes);
  notes.push({ id: ticket, title: req.body.title });
  res.status(201).json({ ticket });
});

// reassigned after it fed the id: no longer only the new note's id, so it stays, with a TODO
app.post('/notes/reassigned', (req, res) => {
  let next = notes.length + 1;
  notes.push({ id: next, title: req.body.title });
  next = next * 10;
  res.status(201).json({ next });
});
