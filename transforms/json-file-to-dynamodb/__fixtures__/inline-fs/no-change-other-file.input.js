const fs = require('fs');

// reads and writes a file that is not the store's: nothing to do
exports.handler = async () => {
  const settings = JSON.parse(fs.readFileSync('./settings.json', 'utf8'));
  settings.visits += 1;
  fs.writeFileSync('./settings.json', JSON.stringify(settings));
  return { statusCode: 200, body: JSON.stringify(settings) };
};
