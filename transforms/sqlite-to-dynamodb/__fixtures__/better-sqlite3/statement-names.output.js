const Database = require('better-sqlite3');
const { DeleteCommand } = require('@aws-sdk/lib-dynamodb');
const { db: dynamoDb, NOTES_TABLE_NAME } = require('./dynamodb');
const db = new Database('data.db');

// Each handler prepares its own `statement`: the one whose run is rewritten goes, the other stays.
async function deleteNote(id) {
  const info = await dynamoDb.send(new DeleteCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(id) }, ReturnValues: 'ALL_OLD' }));
  return !!info.Attributes;
}

function patchNote(id, fields) {
  const setClause = Object.keys(fields).map((key) => `${key === 'title' ? 'title' : 'body'} = @${key}`).join(', ');
  const statement = db.prepare(`UPDATE notes SET ${setClause} WHERE id = @id`);
  // dynamodb-codemod: TODO keep the UpdateCommand result and test its Attributes instead of changes, then re-run
  return statement.run({ ...fields, id }).changes > 0;
}

module.exports = { deleteNote, patchNote };
