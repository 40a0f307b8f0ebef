const { DeleteCommand, UpdateCommand } = require('@aws-sdk/lib-dynamodb');
const { db: dynamoDb, updateParams, isConditionFailed, NOTES_TABLE_NAME } = require('./dynamodb');

// Each handler prepares its own `statement`; each goes with its run (the second one tests `.changes` in place).
async function deleteNote(id) {
  const info = await dynamoDb.send(new DeleteCommand({ TableName: NOTES_TABLE_NAME, Key: { id: Number(id) }, ReturnValues: 'ALL_OLD' }));
  return !!info.Attributes;
}

async function patchNote(id, fields) {
  return !!(await dynamoDb
    .send(new UpdateCommand(updateParams(NOTES_TABLE_NAME, { id: Number(id) }, Object.fromEntries(
    Object.keys(fields).map((key) => [key === 'title' ? 'title' : 'body', ({ ...fields, id })[key]])
  ))))
    .catch((error) => {
      if (isConditionFailed(error)) return { Attributes: undefined };
      throw error;
    })).Attributes;
}

module.exports = { deleteNote, patchNote };
