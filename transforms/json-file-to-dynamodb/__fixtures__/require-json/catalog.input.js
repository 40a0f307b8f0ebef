const express = require('express');
const products = require('./data/products.json');

const router = express.Router();

router.get('/', (req, res) => {
  const result = req.query.category ? products.filter((p) => p.category === req.query.category) : products;
  res.json(result);
});

router.post('/', (req, res) => {
  const product = { id: Math.max(0, ...products.map((p) => p.id)) + 1, name: req.body.name, category: req.body.category, price: req.body.price };
  products.push(product);
  res.status(201).json(product);
});

router.delete('/:id', (req, res) => {
  const index = products.findIndex((p) => p.id === Number(req.params.id));
  if (index === -1) return res.status(404).json({ message: 'not found' });
  const [removed] = products.splice(index, 1);
  res.json(removed);
});

module.exports = router;
