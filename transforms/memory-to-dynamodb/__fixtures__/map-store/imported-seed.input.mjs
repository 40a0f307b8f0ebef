import express from 'express';
import { SEED_TODOS } from './data/seed.mjs';

const app = express();

// seed data from another module, keyed on the way in: it moves to .migration/seed (see the .seeds.json)
const todos = new Map(SEED_TODOS.map((todo) => [todo.id, todo]));

app.get('/todos/:id', (req, res) => {
  const todo = todos.get(req.params.id);
  if (!todo) return res.status(404).json({ error: 'not found' });
  res.json(todo);
});

export default app;
