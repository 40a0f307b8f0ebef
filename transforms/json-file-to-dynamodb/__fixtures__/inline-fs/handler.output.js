const { GetCommand, PutCommand } = require('@aws-sdk/lib-dynamodb');
const { db, scanAll, nextId, COUNTERS_TABLE_NAME, QUOTES_TABLE_NAME } = require('./dynamodb');

// read and written inline in one Lambda handler, no helper functions
exports.handler = async (event) => {
  if (event.httpMethod === 'GET') {
    const id = event.queryStringParameters && event.queryStringParameters.id;
    if (!id) return { statusCode: 200, body: JSON.stringify((await scanAll({ TableName: QUOTES_TABLE_NAME })).sort((a, b) => a.id - b.id)) };
    const { Item: quote } = await db.send(new GetCommand({ TableName: QUOTES_TABLE_NAME, Key: { id: Number(id) }, ConsistentRead: true }));
    return quote ? { statusCode: 200, body: JSON.stringify(quote) } : { statusCode: 404, body: '{}' };
  }
  const input = JSON.parse(event.body || '{}');
  const quote = { id: await nextId(COUNTERS_TABLE_NAME, { counter: 'Quote' }), author: input.author, text: input.text };
  await db.send(new PutCommand({ TableName: QUOTES_TABLE_NAME, Item: quote }));
  return { statusCode: 201, body: JSON.stringify(quote) };
};
