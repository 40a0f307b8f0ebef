const fs = require('fs');
const path = require('path');

const DATA_FILE = path.join(__dirname, 'data', 'quotes.json');

// the whole wrapper is read, its list changed, the wrapper written back
exports.handler = async (event) => {
  // dynamodb-codemod: TODO this reads the whole { "items": [...] } object of data/quotes.json; apply rewrites reads of its list (`JSON.parse(fs.readFileSync(…)).items`, saved with `JSON.stringify({ items })`): change the code to that form or to DynamoDB calls, then re-run
  const data = JSON.parse(fs.readFileSync(DATA_FILE, 'utf8'));
  if (event.httpMethod === 'GET') {
    return { statusCode: 200, body: JSON.stringify(data.items) };
  }
  const input = JSON.parse(event.body || '{}');
  const quote = { id: data.items.length + 1, author: input.author, text: input.text };
  data.items.push(quote);
  fs.writeFileSync(DATA_FILE, JSON.stringify(data, null, 2));
  return { statusCode: 201, body: JSON.stringify(quote) };
};
