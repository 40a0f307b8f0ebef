const express = require('express');
const { randomUUID } = require('crypto');

const app = express();
app.use(express.json());

const members = [];

function findByEmail(email) {
  return members.find((m) => m.email === email);
}

app.get('/members', (req, res) => {
  if (req.query.email) {
    const member = findByEmail(req.query.email);
    if (!member) return res.status(404).json({ error: 'not found' });
    return res.json(member);
  }
  res.json(members);
});

app.post('/members', (req, res) => {
  const { name, email } = req.body;
  if (!email) return res.status(400).json({ error: 'email is required' });
  if (findByEmail(email)) {
    return res.status(409).json({ error: 'email already registered' });
  }
  const member = { id: randomUUID(), name, email };
  members.push(member);
  res.status(201).json(member);
});

app.post('/members/quick', (req, res) => {
  if (members.some((m) => m.email === req.body.email)) throw new Error('email taken');
  const member = { id: randomUUID(), email: req.body.email };
  members.push(member);
  res.status(201).json(member);
});

app.put('/members/:id', (req, res) => {
  const member = members.find((m) => m.id === req.params.id);
  if (!member) return res.status(404).json({ error: 'not found' });
  if (req.body.email) member.email = req.body.email;
  res.json(member);
});

app.delete('/members/:id', (req, res) => {
  const index = members.findIndex((m) => m.id === req.params.id);
  if (index === -1) return res.status(404).json({ error: 'not found' });
  members.splice(index, 1);
  res.status(204).end();
});

module.exports = app;
