const fs = require('fs');
const path = require('path');

const DATA_FILE = path.join(__dirname, 'data', 'quotes.json');

// the file holds { "items": [...] }: read with .items, written back wrapped
exports.handler = async (event) => {
  const quotes = JSON.parse(fs.readFileSync(DATA_FILE, 'utf8')).items;
  if (event.httpMethod === 'GET') {
    const id = event.queryStringParameters && event.queryStringParameters.id;
    if (!id) return { statusCode: 200, body: JSON.stringify(quotes) };
    const quote = quotes.find((q) => q.id === Number(id));
    return quote ? { statusCode: 200, body: JSON.stringify(quote) } : { statusCode: 404, body: '{}' };
  }
  const input = JSON.parse(event.body || '{}');
  const quote = { id: Math.max(0, ...quotes.map((q) => q.id)) + 1, author: input.author, text: input.text };
  quotes.push(quote);
  fs.writeFileSync(DATA_FILE, JSON.stringify({ items: quotes }, null, 2));
  return { statusCode: 201, body: JSON.stringify(quote) };
};
