const express = require('express');
const { DeleteCommand, PutCommand } = require('@aws-sdk/lib-dynamodb');
const { db, scanAll, queryAll, nextId, COUNTERS_TABLE_NAME, PRODUCTS_TABLE_NAME } = require('./dynamodb');

const router = express.Router();

router.get('/', async (req, res, next) => {
  try {
    const result = req.query.category ? (await queryAll({
      TableName: PRODUCTS_TABLE_NAME,
      IndexName: 'category-index',
      KeyConditionExpression: '#attr = :value',
      ExpressionAttributeNames: { '#attr': 'category' },
      ExpressionAttributeValues: { ':value': req.query.category },
    })).sort((a, b) => a.id - b.id) : (await scanAll({ TableName: PRODUCTS_TABLE_NAME })).sort((a, b) => a.id - b.id);
    res.json(result);
  } catch (err) {
    next(err);
  }
});

router.post('/', async (req, res, next) => {
  try {
    const product = { id: await nextId(COUNTERS_TABLE_NAME, { counter: 'Product' }), name: req.body.name, category: req.body.category, price: req.body.price };
    await db.send(new PutCommand({ TableName: PRODUCTS_TABLE_NAME, Item: product }));
    res.status(201).json(product);
  } catch (err) {
    next(err);
  }
});

router.delete('/:id', async (req, res, next) => {
  try {
    const { Attributes: product } = await db.send(new DeleteCommand({ TableName: PRODUCTS_TABLE_NAME, Key: { id: Number(req.params.id) }, ReturnValues: 'ALL_OLD' }));
    if (!product) return res.status(404).json({ message: 'not found' });
    const removed = product;
    res.json(removed);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
