// Reads a config file with fs, but no store: left exactly as it is.
const fs = require('fs');

const config = JSON.parse(fs.readFileSync('./config.json', 'utf8'));

module.exports = config;
