const express = require('express');

const users = {};
const router = express.Router();

// a helper the routes share: it becomes async, and its callers await it
function findByEmail(email) {
  return Object.values(users).find((user) => user.email === email);
}

router.get('/', (req, res) => {
  if (req.query.email) {
    const user = findByEmail(req.query.email);
    return user ? res.json(user) : res.status(404).json({ error: 'User not found' });
  }
  res.json(Object.values(users));
});

router.get('/:id', (req, res) => {
  const user = users[req.params.id];
  if (!user) return res.status(404).json({ error: 'User not found' });
  res.json(user);
});

router.post('/', (req, res) => {
  if (findByEmail(req.body.email)) return res.status(409).json({ error: 'Email taken' });
  const user = { id: req.body.id, name: req.body.name, email: req.body.email };
  users[user.id] = user;
  res.status(201).json(user);
});

router.put('/:id', (req, res) => {
  const user = users[req.params.id];
  if (!user) return res.status(404).json({ error: 'User not found' });
  Object.assign(user, { name: req.body.name });
  res.json(user);
});

router.delete('/:id', (req, res) => {
  if (!(req.params.id in users)) return res.status(404).json({ error: 'User not found' });
  delete users[req.params.id];
  res.status(204).send();
});

module.exports = router;
