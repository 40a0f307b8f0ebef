const links = [];

const json = (statusCode, body) => ({ statusCode, body: JSON.stringify(body) });

// a route without the parameter has no id: find() answers "none", so must the table read
exports.get = async (event) => {
  const link = links.find((l) => l.id === event.pathParameters?.id);
  return link ? json(200, link) : json(404, { error: 'not found' });
};

exports.byQuery = async (event) => {
  const link = links.find((l) => l.id === event.queryStringParameters.id);
  return link ? json(200, link) : json(404, { error: 'not found' });
};
