const fs = require('fs');

const { scanAll, BOOKMARKS_TABLE_NAME } = require('./dynamodb');

function saveBookmarks(bookmarks) {
  fs.writeFileSync('./data/bookmarks.json', JSON.stringify({ bookmarks }));
}

// sorts the stored order itself: there is no DynamoDB equivalent of a stored order
async function sortByTitle() {
  const bookmarks = (await scanAll({ TableName: BOOKMARKS_TABLE_NAME })).sort((a, b) => a.id - b.id);
  bookmarks.sort((a, b) => a.title.localeCompare(b.title));
  // dynamodb-codemod: TODO bookmarks was changed in a way apply could not translate; write those changes with PutCommand/UpdateCommand/DeleteCommand, then remove this save and re-run
  saveBookmarks(bookmarks);
}

module.exports = { sortByTitle };
