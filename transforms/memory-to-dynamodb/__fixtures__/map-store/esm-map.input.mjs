import express from 'express';
import { randomUUID } from 'node:crypto';

const app = express();
app.use(express.json());

const todos = new Map();
const seed = [
  { id: 't1', title: 'Learn Express', completed: true },
  { id: 't2', title: 'Write tests', completed: false },
];
for (const todo of seed) {
  todos.set(todo.id, todo);
}

app.get('/todos', (req, res) => {
  const result = [...todos.values()].filter((todo) => !req.query.open || !todo.completed);
  res.json({ items: result, total: todos.size });
});

app.get('/todos/:id', (req, res) => {
  const todo = todos.get(req.params.id);
  if (!todo) return res.status(404).json({ error: 'Todo not found' });
  res.json(todo);
});

app.post('/todos', (req, res) => {
  const todo = { id: randomUUID(), title: req.body.title, completed: false };
  todos.set(todo.id, todo);
  res.status(201).json(todo);
});

app.patch('/todos/:id', (req, res) => {
  if (!todos.has(req.params.id)) return res.status(404).json({ error: 'Todo not found' });
  const updated = { ...todos.get(req.params.id), ...req.body };
  todos.set(req.params.id, updated);
  res.json(updated);
});

app.delete('/todos/:id', (req, res) => {
  const deleted = todos.delete(req.params.id);
  if (!deleted) return res.status(404).json({ error: 'Todo not found' });
  res.status(204).end();
});

export default app;
