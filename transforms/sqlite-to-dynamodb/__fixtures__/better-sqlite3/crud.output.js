const { DeleteCommand, GetCommand, PutCommand, UpdateCommand } = require('@aws-sdk/lib-dynamodb');
const { db: dynamoDb, scanAll, queryAll, nextId, updateParams, isConditionFailed, COUNTERS_TABLE_NAME, NOTES_TABLE_NAME } = require('./dynamodb');

function noteRow(item) {
  // a Note item as the SQLite row this code expects: every column (null when absent)
  return item && {
    id: item.id,
    title: item.title,
    owner_id: item.owner_id ?? null,
  };
}

async function findNote(id) {
  return noteRow(
    (await dynamoDb.send(new GetCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(id) }, ConsistentRead: true }))).Item
  );
}

async function listNotes() {
  return (await scanAll({ TableName: NOTES_TABLE_NAME })).map(noteRow);
}

async function notesOf(ownerId) {
  return (await queryAll({
    TableName: NOTES_TABLE_NAME,
    IndexName: 'owner_id-index',
    KeyConditionExpression: '#attr = :value',
    ExpressionAttributeNames: { '#attr': 'owner_id' },
    ExpressionAttributeValues: { ':value': ownerId },
  })).map(noteRow);
}

async function createNote(title, ownerId) {
  const noteId = await nextId(COUNTERS_TABLE_NAME, { counter: 'Note' });
  await dynamoDb.send(new PutCommand({ TableName: NOTES_TABLE_NAME, Item: {
    id: noteId,
    title: title,
    owner_id: ownerId ?? undefined
  } }));
  return { id: noteId, title, ownerId };
}

async function updateNote(id, title) {
  await dynamoDb
    .send(new UpdateCommand(updateParams(NOTES_TABLE_NAME, { id: Number(id) }, {
    ...(title == null ? {} : { title: title })
  })))
    .catch((error) => {
      if (isConditionFailed(error)) return { Attributes: undefined };
      throw error;
    });
}

async function deleteNote(id) {
  const info = await dynamoDb.send(new DeleteCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(id) }, ReturnValues: 'ALL_OLD' }));
  if (!info.Attributes) return false;
  return true;
}

module.exports = { findNote, listNotes, notesOf, createNote, updateNote, deleteNote };
