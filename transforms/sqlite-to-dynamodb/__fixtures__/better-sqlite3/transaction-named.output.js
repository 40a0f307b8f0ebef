const { PutCommand } = require('@aws-sdk/lib-dynamodb');
const { db: dynamoDb, nextId, BOOKS_TABLE_NAME, COUNTERS_TABLE_NAME } = require('./dynamodb');

async function addBook(title) {
  const bookId = await nextId(COUNTERS_TABLE_NAME, { counter: 'Book' });
  await dynamoDb.send(new PutCommand({ TableName: BOOKS_TABLE_NAME, Item: {
    id: bookId,
    title: title
  } }));
  return bookId;
}

async function addBooks(titles) {
  const ids = [];
  for (const title of titles) ids.push(await addBook(title));
  return ids;
}

// A function declared elsewhere, handed over by name.
const importBooks = addBooks;

// An inline function whose SQL runs in the functions it calls.
const addPair = async (first, second) => {
  await addBook(first);
  await addBook(second);
};

module.exports = { importBooks, addPair };
