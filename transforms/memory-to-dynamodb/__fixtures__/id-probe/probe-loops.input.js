const express = require('express');

const users = {};
const tickets = new Map();
const router = express.Router();

// the plan makes uuids: the search for a free time-based id goes with it
router.post('/users', (req, res) => {
  let id = Date.now().toString();
  // two signups in the same millisecond would share an id
  while (users[id]) {
    id = (Number(id) + 1).toString();
  }
  const user = { id, name: req.body.name };
  users[id] = user;
  res.status(201).json(user);
});

// the plan counts: the counter hands out a free number, so the probe goes
router.post('/tickets', (req, res) => {
  let id = tickets.size + 1;
  while (tickets.has(id)) id++;
  const ticket = { id, title: req.body.title };
  tickets.set(id, ticket);
  res.status(201).json(ticket);
});

// a loop that does more than look for a free id is the app's own code, kept
router.post('/users/import', (req, res) => {
  let id = String(req.body.seq);
  let tries = 0;
  while (users[id]) {
    tries++;
    id = `${req.body.seq}-${tries}`;
  }
  const user = { id, name: req.body.name };
  users[id] = user;
  res.status(201).json({ ...user, tries });
});

module.exports = router;
