const express = require('express');
const { nextId, COUNTERS_TABLE_NAME, inTransaction, ORDER_LINES_TABLE_NAME, ORDERS_TABLE_NAME } = require('./dynamodb');

// An order and its lines go in together.
const placeOrder = async (order, lines) => await inTransaction(async tx => {
  const newId = await nextId(COUNTERS_TABLE_NAME, { counter: 'Order' });
  tx.put({ TableName: ORDERS_TABLE_NAME, Item: {
    id: newId,
    customer: order.customer,
    total: order.total
  } });
  for (const line of lines) {
    tx.put({ TableName: ORDER_LINES_TABLE_NAME, Item: {
      id: await nextId(COUNTERS_TABLE_NAME, { counter: 'OrderLine' }),
      order_id: newId,
      sku: line.sku,
      quantity: line.quantity
    } });
  }
  return newId;
});

const router = express.Router();

router.post('/orders', async (req, res, next) => {
  try {
    const total = req.body.lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
    const id = await placeOrder({ customer: req.body.customer, total }, req.body.lines);
    res.status(201).json({ id });
  } catch (err) {
    next(err);
  }
});

// Called in place: db.transaction(fn)(args)
router.post('/orders/:id/lines', async (req, res, next) => {
  try {
    await (async (orderId, lines) => await inTransaction(async tx => {
      for (const line of lines) tx.put({ TableName: ORDER_LINES_TABLE_NAME, Item: {
        id: await nextId(COUNTERS_TABLE_NAME, { counter: 'OrderLine' }),
        order_id: orderId,
        sku: line.sku,
        quantity: line.quantity
      } });
    }))(Number(req.params.id), req.body.lines);
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

module.exports = router;
