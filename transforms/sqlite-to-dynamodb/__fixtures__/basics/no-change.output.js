// No SQL here: the file must come back byte for byte.
const path = require('path')

function dataFile(name) {
  return path.join(__dirname, "data", name)
}

module.exports = { dataFile }
