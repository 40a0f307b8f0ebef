const fs = require('fs');

function readBookmarks() {
  return JSON.parse(fs.readFileSync('./data/bookmarks.json', 'utf8')).bookmarks;
}

function saveBookmarks(bookmarks) {
  fs.writeFileSync('./data/bookmarks.json', JSON.stringify({ bookmarks }));
}

// sorts the stored order itself: there is no DynamoDB equivalent of a stored order
function sortByTitle() {
  const bookmarks = readBookmarks();
  bookmarks.sort((a, b) => a.title.localeCompare(b.title));
  saveBookmarks(bookmarks);
}

module.exports = { sortByTitle };
