const { GetCommand } = require('@aws-sdk/lib-dynamodb');
const { db, LINKS_TABLE_NAME } = require('./dynamodb');

const json = (statusCode, body) => ({ statusCode, body: JSON.stringify(body) });

// a route without the parameter has no id: find() answers "none", so must the table read
exports.get = async (event) => {
  const { Item: link } = event.pathParameters?.id === undefined ? { Item: undefined } : await db.send(new GetCommand({ TableName: LINKS_TABLE_NAME, Key: { id: event.pathParameters?.id }, ConsistentRead: true }));
  return link ? json(200, link) : json(404, { error: 'not found' });
};

exports.byQuery = async (event) => {
  const { Item: link } = await db.send(new GetCommand({ TableName: LINKS_TABLE_NAME, Key: { id: event.queryStringParameters.id }, ConsistentRead: true }));
  return link ? json(200, link) : json(404, { error: 'not found' });
};
